package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.RiskAssessment;
import io.ward.model.exposure.SsvcAssessment;
import io.ward.model.exposure.Vulnerability;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskAssessorTest {

  private static final ClinicalContext PUMP =
      ClinicalRubric.defaults().contextOf(Category.INFUSION_PUMP, Criticality.HIGH);
  private static final ClinicalContext PRINTER =
      ClinicalRubric.defaults().contextOf(Category.PRINTER, Criticality.LOW);

  static Finding finding(FindingStatus status) {
    MatchReason why =
        new MatchReason(
            "ICSMA-X",
            Optional.of("P1"),
            "Pump",
            MatchRule.EXACT,
            Optional.of("1.0"),
            "model",
            "Pump 1.0",
            List.of(),
            1.0,
            "model 'Pump' is product 'Pump'");
    return new Finding(
        "d|ICSMA-X|CVE-2017-0144|model",
        FindingKind.VULNERABILITY,
        "d",
        "CVE-2017-0144",
        "ICSMA-X",
        "SMB",
        status,
        status == FindingStatus.AFFECTED
            ? Optional.empty()
            : Optional.of("firmware version unknown"),
        why);
  }

  static Vulnerability vuln(String vector, List<SsvcAssessment> ssvc) {
    CvssScore s =
        new CvssScore(
            vector.startsWith("CVSS:4") ? CvssScore.Version.V4_0 : CvssScore.Version.V3_1,
            vector,
            0,
            Optional.empty(),
            List.of(),
            Optional.empty());
    return new Vulnerability(
        Optional.of("CVE-2017-0144"),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(s),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        ssvc,
        List.of());
  }

  static final KevEntry KEV =
      new KevEntry(
          "CVE-2017-0144",
          "Microsoft",
          "SMBv1",
          Optional.empty(),
          LocalDate.of(2022, 2, 10),
          Optional.empty(),
          true,
          Optional.empty(),
          Optional.empty(),
          List.of());

  /** Every row of the CISA tree, with no exposure adjustment (enterprise reachability). */
  @ParameterizedTest(name = "{0} automatable={1} {2} {3} -> {4}")
  @CsvSource({
    "none, false, partial, low, TRACK", "none, false, total, high, TRACK",
    "none, true, partial, high, ACT_SOON", "none, true, total, medium, TRACK",
    "poc, false, total, high, ACT_SOON", "poc, true, total, medium, TRACK",
    "poc, true, partial, high, ACT_SOON", "active, false, partial, high, ACT_SOON",
    "active, false, total, medium, ACT_SOON", "active, false, total, high, ACT_NOW",
    "active, true, partial, low, ACT_SOON", "active, true, total, medium, ACT_NOW",
    "active, true, partial, high, ACT_NOW", "active, false, partial, low, TRACK",
  })
  void shouldFollowTheCisaTree(
      String exploitation,
      boolean automatable,
      String technical,
      String wellbeing,
      Decision expected) {
    SsvcAssessment ssvc =
        new SsvcAssessment(
            exploitation, automatable ? "yes" : "no", technical, Optional.empty(), "CISA ADP");
    ClinicalContext c = new ClinicalContext("therapy", "M", "H", "H", wellbeing, List.of("test"));
    RiskAssessment r =
        RiskAssessor.assess(
            finding(FindingStatus.AFFECTED),
            Optional.of(vuln("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", List.of(ssvc))),
            Optional.empty(),
            Optional.empty(),
            c,
            new DeviceExposure(Exposure.ENTERPRISE, Set.of()));
    assertThat(r.decision()).isEqualTo(expected);
    assertThat(r.rationale()).anyMatch(l -> l.startsWith("SSVC (CISA tree)"));
  }

  @Test
  void shouldActNowOnAKevRansomwareFlawOnAnInternetFacingPump() {
    RiskAssessment r =
        RiskAssessor.assess(
            finding(FindingStatus.AFFECTED),
            Optional.of(vuln("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", List.of())),
            Optional.of(KEV),
            Optional.of(
                new EpssScore(
                    "CVE-2017-0144", 0.97, 0.999, LocalDate.of(2025, 1, 1), Optional.empty())),
            PUMP,
            new DeviceExposure(Exposure.INTERNET, Set.of()));
    assertThat(r.decision()).isEqualTo(Decision.ACT_NOW);
    assertThat(r.kev()).isTrue();
    assertThat(r.ransomware()).isTrue();
    assertThat(r.exploitation()).isEqualTo("active");
    assertThat(r.clinicalScore().orElseThrow()).isGreaterThanOrEqualTo(r.baseScore().orElseThrow());
    assertThat(r.score()).isGreaterThan(85);
    assertThat(String.join("\n", r.rationale()))
        .contains("KEV", "ransomware", "EPSS", "internet", "infusion-pump", "decision: act-now");
  }

  @Test
  void shouldLowerUrgencyForControlsButKeepKevAtActSoonWithoutThem() {
    Vulnerability v = vuln("CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N", List.of());
    RiskAssessment plain =
        RiskAssessor.assess(
            finding(FindingStatus.AFFECTED),
            Optional.of(v),
            Optional.of(KEV),
            Optional.empty(),
            PRINTER,
            DeviceExposure.UNKNOWN);
    assertThat(plain.decision()).isEqualTo(Decision.ACT_SOON);
    RiskAssessment controlled =
        RiskAssessor.assess(
            finding(FindingStatus.AFFECTED),
            Optional.of(v),
            Optional.of(KEV),
            Optional.empty(),
            PRINTER,
            new DeviceExposure(
                Exposure.SEGMENTED,
                // Segmentation closes the path; a service not observed alone keeps KEV at act soon
                // (ServiceNotObservedTest).
                Set.of(
                    CompensatingControl.SEGMENTATION, CompensatingControl.SERVICE_NOT_OBSERVED)));
    assertThat(controlled.decision()).isEqualTo(Decision.DEFER);
    assertThat(controlled.score()).isLessThan(plain.score());
    assertThat(controlled.rationale()).anyMatch(l -> l.contains("service-not-observed"));
  }

  @Test
  void shouldScorePossiblyAffectedLowerAndNotAffectedZero() {
    Vulnerability v =
        vuln("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", List.of());
    int affected =
        RiskAssessor.assess(
                finding(FindingStatus.AFFECTED),
                Optional.of(v),
                Optional.empty(),
                Optional.empty(),
                PUMP,
                DeviceExposure.UNKNOWN)
            .score();
    RiskAssessment possibly =
        RiskAssessor.assess(
            finding(FindingStatus.POSSIBLY_AFFECTED),
            Optional.of(v),
            Optional.empty(),
            Optional.empty(),
            PUMP,
            DeviceExposure.UNKNOWN);
    RiskAssessment not =
        RiskAssessor.assess(
            finding(FindingStatus.NOT_AFFECTED),
            Optional.of(v),
            Optional.empty(),
            Optional.empty(),
            PUMP,
            DeviceExposure.UNKNOWN);
    assertThat(possibly.score()).isLessThan(affected);
    assertThat(possibly.rationale()).anyMatch(l -> l.contains("confirm before acting"));
    assertThat(not.score()).isZero();
    assertThat(not.decision()).isEqualTo(Decision.DEFER);
  }

  @ParameterizedTest
  @CsvSource({
    "N, H, H, total",
    "H, H, H, total",
    "N, H, L, total",
    "L, H, L, partial",
    "N, L, L, partial",
    "H, N, H, partial"
  })
  void shouldDeriveTechnicalImpactLikeTheSsvcTable(String pr, String c, String i, String expected) {
    assertThat(RiskAssessor.technical(pr, c, i)).isEqualTo(expected);
  }
}
