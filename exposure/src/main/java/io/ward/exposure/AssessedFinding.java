package io.ward.exposure;

import io.ward.model.exposure.Finding;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import java.util.List;
import java.util.Objects;

/**
 * A finding with its risk and what can be done about it.
 *
 * @param finding the finding (device, vulnerability, advisory, status, what matched)
 * @param risk scores, KEV, EPSS, decision, score and rationale
 * @param remediations patch, mitigation, workaround or Ward's compensating-control advice
 */
public record AssessedFinding(
    Finding finding, RiskAssessment risk, List<RemediationOption> remediations) {

  public AssessedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(risk, "risk");
    remediations = List.copyOf(remediations);
  }
}
