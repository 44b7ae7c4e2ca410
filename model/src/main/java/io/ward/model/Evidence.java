package io.ward.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Why the inventory believes one attribute of a device: the observation it came from, the
 * fingerprint that interpreted it, and how sure it is.
 *
 * @param attribute the device attribute, e.g. {@code vendor}, {@code model}, {@code category}
 * @param value the attribute value this evidence supports
 * @param source the observation field or knowledge source, e.g. {@code dhcp.vendorClass}, {@code
 *     oui}
 * @param observed the raw value seen on the wire (redacted where it could hold patient data)
 * @param fingerprint the fingerprint entry id that turned the observation into the attribute, empty
 *     when the observed value was taken as is
 * @param confidence from 0 (a guess) to 1 (certain)
 * @param firstSeenEpochNanos capture time of the first observation supporting it
 */
public record Evidence(
    String attribute,
    String value,
    String source,
    String observed,
    Optional<String> fingerprint,
    double confidence,
    long firstSeenEpochNanos) {

  public Evidence {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must lie in [0,1]: " + confidence);
    }
  }
}
