package io.ward.model.exposure;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An SSVC assessment published for a vulnerability (e.g. CISA's ADP container in CVE JSON 5, or the
 * {@code SSVCv2/E:N/A:Y/T:P/} note in CISA CSAF files).
 *
 * @param exploitation {@code none}, {@code poc} or {@code active}
 * @param automatable {@code yes} or {@code no}
 * @param technicalImpact {@code partial} or {@code total}
 * @param timestamp when it was assessed
 * @param source who assessed it, e.g. {@code CISA ADP}
 */
public record SsvcAssessment(
    String exploitation,
    String automatable,
    String technicalImpact,
    Optional<Instant> timestamp,
    String source) {

  public SsvcAssessment {
    Checks.text(exploitation, "exploitation");
    Checks.text(automatable, "automatable");
    Checks.text(technicalImpact, "technicalImpact");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(source, "source");
  }
}
