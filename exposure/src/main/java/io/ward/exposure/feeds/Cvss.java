package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.model.exposure.CvssScore;
import java.util.List;
import java.util.Optional;

/**
 * Reads CVSS objects in the FIRST JSON schema form used by CSAF, CVE 5 and NVD ({@code version},
 * {@code vectorString}, {@code baseScore}, {@code baseSeverity}). Not part of the public API.
 */
public final class Cvss {

  private Cvss() {}

  /** The score in {@code cvss}, or empty when the vector or base score is missing or invalid. */
  public static Optional<CvssScore> fromJson(
      JsonNode cvss, List<String> productIds, Optional<String> source) {
    Optional<String> vector = Json.text(cvss, "vectorString");
    Optional<Double> base = Json.number(cvss, "baseScore");
    if (vector.isEmpty() || base.isEmpty() || !(base.get() >= 0 && base.get() <= 10)) {
      return Optional.empty();
    }
    Optional<CvssScore.Version> version =
        version(vector.get()).or(() -> Json.text(cvss, "version").flatMap(Cvss::versionOfLabel));
    if (version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CvssScore(
            version.get(),
            vector.get(),
            base.get(),
            Json.text(cvss, "baseSeverity"),
            productIds,
            source));
  }

  /** The CVSS version a vector string declares ({@code CVSS:3.1/…}); v2 vectors have no prefix. */
  public static Optional<CvssScore.Version> version(String vector) {
    if (vector.startsWith("CVSS:3.1/")) {
      return Optional.of(CvssScore.Version.V3_1);
    }
    if (vector.startsWith("CVSS:3.0/")) {
      return Optional.of(CvssScore.Version.V3_0);
    }
    if (vector.startsWith("CVSS:4.0/")) {
      return Optional.of(CvssScore.Version.V4_0);
    }
    if (vector.startsWith("AV:") || vector.startsWith("(AV:")) {
      return Optional.of(CvssScore.Version.V2);
    }
    return Optional.empty();
  }

  private static Optional<CvssScore.Version> versionOfLabel(String label) {
    return switch (label) {
      case "2.0" -> Optional.of(CvssScore.Version.V2);
      case "3.0" -> Optional.of(CvssScore.Version.V3_0);
      case "3.1" -> Optional.of(CvssScore.Version.V3_1);
      case "4.0" -> Optional.of(CvssScore.Version.V4_0);
      default -> Optional.empty();
    };
  }
}
