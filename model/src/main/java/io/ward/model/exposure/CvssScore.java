package io.ward.model.exposure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CVSS assessment as published (vector and base score), for the products it applies to. Ward
 * recomputes scores from the vector; the published score is kept to show both.
 *
 * @param version the CVSS version of the vector
 * @param vector the vector string, e.g. {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H}
 * @param baseScore the published base score, 0 to 10
 * @param severity the published severity, e.g. {@code HIGH}
 * @param productIds the advisory products the score applies to; empty means all
 * @param source who scored it, e.g. {@code CISA ADP} or the CNA short name
 */
public record CvssScore(
    Version version,
    String vector,
    double baseScore,
    Optional<String> severity,
    List<String> productIds,
    Optional<String> source) {

  public CvssScore {
    Objects.requireNonNull(version, "version");
    Checks.text(vector, "vector");
    if (!(baseScore >= 0 && baseScore <= 10)) {
      throw new IllegalArgumentException("baseScore must lie in [0,10]: " + baseScore);
    }
    Objects.requireNonNull(severity, "severity");
    productIds = List.copyOf(productIds);
    Objects.requireNonNull(source, "source");
  }

  /** CVSS versions. */
  public enum Version {
    /** CVSS v2. */
    V2,
    /** CVSS v3.0. */
    V3_0,
    /** CVSS v3.1. */
    V3_1,
    /** CVSS v4.0. */
    V4_0;

    /** True for 3.0 and 3.1. */
    public boolean isV3() {
      return this == V3_0 || this == V3_1;
    }
  }
}
