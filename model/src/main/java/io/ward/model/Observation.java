package io.ward.model;

import java.util.Objects;

/**
 * One fact a dissector read off the wire about one endpoint: for example {@code dhcp.hostname =
 * "ICU-PUMP-12"} or {@code dicom.implementationClassUid = "1.2.276.0.7230010.3.0.3.6.7"}.
 *
 * <p>{@code field} names the protocol field as {@code protocol.fieldName} (see {@link
 * ObservationFields}); the inventory's fingerprints turn fields into device attributes. Values
 * never carry patient data: dissectors redact or drop it before emitting.
 *
 * @param epochNanos capture time of the packet that carried the fact
 * @param subject the endpoint the fact describes (not always the packet's sender: a DHCP ACK
 *     describes the client, a DNS answer describes the address it resolves)
 * @param field the protocol field, e.g. {@code http.userAgent}
 * @param value the value as seen, trimmed, at most {@link #MAX_VALUE_CHARS} characters
 */
public record Observation(long epochNanos, Endpoint subject, String field, String value) {

  /** Longer values are cut: an attacker must not make the inventory grow without bound. */
  public static final int MAX_VALUE_CHARS = 512;

  public Observation {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    value = cut(value);
  }

  /** {@code value} cut to {@link #MAX_VALUE_CHARS} characters, as an observation holds it. */
  public static String cut(String value) {
    return value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
  }
}
