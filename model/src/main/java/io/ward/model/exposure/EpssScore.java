package io.ward.model.exposure;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * FIRST EPSS: the probability of exploitation activity in the next 30 days.
 *
 * @param cve the CVE id
 * @param score probability, 0 to 1
 * @param percentile rank among all scored CVEs, 0 to 1
 * @param date the score date
 * @param modelVersion the EPSS model version, e.g. {@code v2023.03.01}
 */
public record EpssScore(
    String cve, double score, double percentile, LocalDate date, Optional<String> modelVersion) {

  public EpssScore {
    Checks.text(cve, "cve");
    Checks.unit(score, "score");
    Checks.unit(percentile, "percentile");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(modelVersion, "modelVersion");
  }
}
