package io.ward.model.exposure;

import java.util.Locale;

/** The rule that decided a finding's version question. */
public enum MatchRule {
  /** The advisory names one version and the device has it. */
  EXACT,
  /** A {@code vers} range contains the device version. */
  VERS,
  /** A free-text range ("prior to 3.1"), read by Ward, contains the device version. */
  LEGACY,
  /** A CPE 2.3 name (with its version range) matches an SBOM component or the device. */
  CPE,
  /** A package URL matches an SBOM component. */
  PURL,
  /** The advisory states no version, or the device has none: decided on the product alone. */
  PRODUCT_ONLY,
  /** An end-of-life or latest-firmware table entry. */
  LIFECYCLE;

  /** The lower-case id, e.g. {@code vers}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
