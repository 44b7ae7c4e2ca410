package io.ward.capture.dissect;

import io.ward.model.Endpoint;
import java.util.Objects;

/**
 * One fact about one endpoint, as the key a dissector or observer remembers it by, so that a fact
 * repeated packet after packet is reported once.
 */
public record SubjectFact(Endpoint subject, String field, String value) {

  // Written out rather than left to the record: see io.ward.model.MacAddress#equals.
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SubjectFact)) {
      return false;
    }
    SubjectFact other = (SubjectFact) o;
    return Objects.equals(other.subject, subject)
        && Objects.equals(other.field, field)
        && Objects.equals(other.value, value);
  }

  @Override
  public int hashCode() {
    return (31 * Objects.hashCode(subject) + Objects.hashCode(field)) * 31
        + Objects.hashCode(value);
  }
}
