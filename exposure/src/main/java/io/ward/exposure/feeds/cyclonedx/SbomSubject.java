package io.ward.exposure.feeds.cyclonedx;

import java.util.Objects;
import java.util.Optional;

/**
 * The device an SBOM describes, when the caller knows it better than the BOM's {@code
 * metadata.component} (which is often redacted or generic).
 *
 * @param vendor the device maker
 * @param model the device model
 * @param version the firmware / software version
 */
public record SbomSubject(
    Optional<String> vendor, Optional<String> model, Optional<String> version) {

  public SbomSubject {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
  }

  /** Nothing given: take the subject from the BOM. */
  public static SbomSubject fromBom() {
    return new SbomSubject(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
