package io.ward.exposure;

import io.ward.model.exposure.Finding;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding with its risk and what can be done about it.
 *
 * @param finding the finding (device, vulnerability, advisory, status, what matched)
 * @param risk scores, KEV, EPSS, decision, score and rationale
 * @param remediations patch, mitigation, workaround or Ward's compensating-control advice
 * @param kevDueDate CISA's remediation due date for the CVE when it is in KEV and CISA set one
 */
public record AssessedFinding(
    Finding finding,
    RiskAssessment risk,
    List<RemediationOption> remediations,
    Optional<LocalDate> kevDueDate) {

  public AssessedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(risk, "risk");
    remediations = List.copyOf(remediations);
    Objects.requireNonNull(kevDueDate, "kevDueDate");
  }

  /** A finding with no KEV due date (not in KEV, or CISA gave none). */
  public AssessedFinding(
      Finding finding, RiskAssessment risk, List<RemediationOption> remediations) {
    this(finding, risk, remediations, Optional.empty());
  }
}
