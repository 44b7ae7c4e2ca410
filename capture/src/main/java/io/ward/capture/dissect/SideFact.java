package io.ward.capture.dissect;

import java.util.Objects;

/**
 * One fact about the client or the server of a flow, as the key a dissector remembers it by, so
 * that a fact repeated message after message is reported once.
 */
public record SideFact(boolean aboutClient, String field, String value) {

  // Written out rather than left to the record: see io.ward.model.MacAddress#equals.
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SideFact)) {
      return false;
    }
    SideFact other = (SideFact) o;
    return other.aboutClient == aboutClient
        && Objects.equals(other.field, field)
        && Objects.equals(other.value, value);
  }

  @Override
  public int hashCode() {
    return (31 * Boolean.hashCode(aboutClient) + Objects.hashCode(field)) * 31
        + Objects.hashCode(value);
  }
}
