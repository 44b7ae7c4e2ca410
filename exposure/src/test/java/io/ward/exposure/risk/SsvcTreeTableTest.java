package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.Decision;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.RiskAssessment;
import io.ward.model.exposure.SsvcAssessment;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks every one of the 36 rows of CISA's SSVC tree case by case (issue 3 §8), against a table
 * written out here rather than read from {@code ssvc-cisa-coordinator.csv}: comparing the resource
 * with itself could never fail.
 */
class SsvcTreeTableTest {

  /**
   * CISA's SSVC decision tree (CISA, "Stakeholder-Specific Vulnerability Categorization Guide",
   * November 2022, section "Decision Tree"). The guide prints the tree as a figure; these rows are
   * copied by hand from its machine-readable form published by CERT/CC with CISA, CERTCC/SSVC
   * data/csv/cisa/cisa_coordinator_2_0_3.csv (rows 0–35, "public poc" written as poc), and
   * spot-checked against the independent ssvc npm package's methodologies/cisa.yaml. Columns:
   * exploitation, automatable, technical impact, mission and well-being impact, CISA level.
   */
  static final String CISA_TREE =
      """
      none,   no,  partial, low,    track
      none,   no,  partial, medium, track
      none,   no,  partial, high,   track
      none,   no,  total,   low,    track
      none,   no,  total,   medium, track
      none,   no,  total,   high,   track*
      none,   yes, partial, low,    track
      none,   yes, partial, medium, track
      none,   yes, partial, high,   attend
      none,   yes, total,   low,    track
      none,   yes, total,   medium, track
      none,   yes, total,   high,   attend
      poc,    no,  partial, low,    track
      poc,    no,  partial, medium, track
      poc,    no,  partial, high,   track*
      poc,    no,  total,   low,    track
      poc,    no,  total,   medium, track*
      poc,    no,  total,   high,   attend
      poc,    yes, partial, low,    track
      poc,    yes, partial, medium, track
      poc,    yes, partial, high,   attend
      poc,    yes, total,   low,    track
      poc,    yes, total,   medium, track*
      poc,    yes, total,   high,   attend
      active, no,  partial, low,    track
      active, no,  partial, medium, track
      active, no,  partial, high,   attend
      active, no,  total,   low,    track
      active, no,  total,   medium, attend
      active, no,  total,   high,   act
      active, yes, partial, low,    attend
      active, yes, partial, medium, attend
      active, yes, partial, high,   act
      active, yes, total,   low,    attend
      active, yes, total,   medium, act
      active, yes, total,   high,   act
      """;

  /** Ward's reading of CISA's levels, as RiskAssessor documents it and RiskAssessorTest uses it. */
  static Decision wardDecision(String cisaLevel) {
    return switch (cisaLevel) {
      case "act" -> Decision.ACT_NOW;
      case "attend" -> Decision.ACT_SOON;
      case "track*", "track" -> Decision.TRACK;
      default -> throw new IllegalArgumentException("not a CISA level: " + cisaLevel);
    };
  }

  @ParameterizedTest(name = "{0} automatable={1} {2} {3} -> {4}")
  @CsvSource(textBlock = CISA_TREE)
  void shouldGiveCisasLevelForEveryRow(
      String exploitation, String automatable, String technical, String wellbeing, String level) {
    assertThat(SsvcTree.level(exploitation, automatable.equals("yes"), technical, wellbeing))
        .isEqualTo(level);
  }

  /**
   * The same row through RiskAssessor with nothing else moving the decision: enterprise
   * reachability (no step up or down), no compensating control, no KEV entry, and the SSVC inputs
   * published with the vulnerability so the CVSS vector does not decide automatable or technical
   * impact.
   */
  @ParameterizedTest(name = "{0} automatable={1} {2} {3} -> {4}")
  @CsvSource(textBlock = CISA_TREE)
  void shouldDecideAsCisaForEveryRow(
      String exploitation, String automatable, String technical, String wellbeing, String level) {
    SsvcAssessment ssvc =
        new SsvcAssessment(exploitation, automatable, technical, Optional.empty(), "CISA ADP");
    ClinicalContext c = new ClinicalContext("therapy", "M", "H", "H", wellbeing, List.of("test"));
    RiskAssessment r =
        RiskAssessor.assess(
            RiskAssessorTest.finding(FindingStatus.AFFECTED),
            Optional.of(
                RiskAssessorTest.vuln(
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", List.of(ssvc))),
            Optional.empty(),
            Optional.empty(),
            c,
            new DeviceExposure(Exposure.ENTERPRISE, Set.of()));
    assertThat(r.decision()).isEqualTo(wardDecision(level));
    assertThat(r.exploitation()).isEqualTo(exploitation);
    assertThat(r.automatable()).isEqualTo(automatable.equals("yes"));
    assertThat(r.technicalImpact()).isEqualTo(technical);
    assertThat(r.rationale()).contains("SSVC (CISA tree): " + level);
  }

  /** The written-out table must itself be the whole tree: 3 × 2 × 2 × 3 distinct rows. */
  @Test
  void shouldListEveryCombinationOnce() {
    Set<String> keys = new HashSet<>();
    for (String line : CISA_TREE.strip().split("\n")) {
      String[] f = line.split(",");
      assertThat(f).hasSize(5);
      assertThat(f[0].strip()).isIn("none", "poc", "active");
      assertThat(f[1].strip()).isIn("no", "yes");
      assertThat(f[2].strip()).isIn("partial", "total");
      assertThat(f[3].strip()).isIn("low", "medium", "high");
      assertThat(keys.add(f[0].strip() + f[1].strip() + f[2].strip() + f[3].strip())).isTrue();
    }
    assertThat(keys).hasSize(36);
  }
}
