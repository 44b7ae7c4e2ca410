package io.ward.model.exposure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clinical risk of one finding: scores, threat signals and the decision, each input named in
 * the rationale.
 *
 * @param cvssVector the vector scored (v4.0 preferred over v3.x), empty when none was published
 * @param baseScore the base score computed from the vector
 * @param clinicalScore the environmental score after Ward's medical-device rubric adjustments
 * @param kev true when the CVE is in CISA's Known Exploited Vulnerabilities catalog
 * @param ransomware true when KEV marks known ransomware campaign use
 * @param epss EPSS probability (0 to 1) when known
 * @param exploitation SSVC exploitation: {@code none}, {@code poc} or {@code active}
 * @param automatable SSVC automatable
 * @param technicalImpact SSVC technical impact: {@code partial} or {@code total}
 * @param missionWellbeing SSVC mission and well-being impact: {@code low}, {@code medium}, {@code
 *     high}
 * @param decision the decision
 * @param score 0 to 100, for sorting
 * @param rationale plain-language lines, one per input, then the decision
 */
public record RiskAssessment(
    Optional<String> cvssVector,
    Optional<Double> baseScore,
    Optional<Double> clinicalScore,
    boolean kev,
    boolean ransomware,
    Optional<Double> epss,
    String exploitation,
    boolean automatable,
    String technicalImpact,
    String missionWellbeing,
    Decision decision,
    int score,
    List<String> rationale) {

  public RiskAssessment {
    Objects.requireNonNull(cvssVector, "cvssVector");
    Objects.requireNonNull(baseScore, "baseScore");
    Objects.requireNonNull(clinicalScore, "clinicalScore");
    Objects.requireNonNull(epss, "epss");
    Checks.text(exploitation, "exploitation");
    Checks.text(technicalImpact, "technicalImpact");
    Checks.text(missionWellbeing, "missionWellbeing");
    Objects.requireNonNull(decision, "decision");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score must lie in [0,100]: " + score);
    }
    rationale = List.copyOf(rationale);
  }
}
