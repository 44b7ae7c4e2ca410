package io.ward.exposure;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.exposure.match.RealAdvisories;
import io.ward.exposure.risk.CompensatingControl;
import io.ward.exposure.risk.DeviceExposure;
import io.ward.exposure.risk.Exposure;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.RemediationOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole analysis on real CISA advisories and the real KEV catalog. */
class ExposureAnalyzerTest {

  private static final List<KevEntry> KEV =
      new KevReader()
          .read(
              RealAdvisories.testData()
                  .resolve("advisories/cisa-kev/known_exploited_vulnerabilities.json"))
          .items();

  private static final ExposureKnowledge KNOWLEDGE =
      new ExposureKnowledge(
          List.of(
              RealAdvisories.icsma("icsma-23-194-01"),
              RealAdvisories.icsma("icsma-22-174-01"),
              RealAdvisories.icsma("icsma-18-058-02")),
          KEV,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of());

  private static Device withOs(Device d, String os) {
    return d.withOs(Optional.of(os));
  }

  private final Device isp =
      withOs(
          device(
              "mac:isp",
              "Philips Healthcare",
              "IntelliSpace Portal 8.0.x",
              null,
              Category.CLINICAL_SYSTEM,
              Criticality.HIGH),
          "Microsoft Windows Server 2008 R2 Standard");
  private final Device pump =
      device(
          "mac:pump",
          "BD",
          "Alaris PCU Model 8015",
          "12.1.2",
          Category.INFUSION_PUMP,
          Criticality.LIFE_CRITICAL);
  private final Device pacs =
      device("mac:pacs", "OFFIS", "DCMTK", "3.6.6", Category.PACS, Criticality.MEDIUM);
  private final Device printer =
      device("mac:prn", "HP", "LaserJet 400", "2.1", Category.PRINTER, Criticality.LOW);

  private ExposureReport analyze(ExposureOptions options) {
    return new ExposureAnalyzer().analyze(List.of(isp, pump, pacs, printer), KNOWLEDGE, options);
  }

  @Test
  void shouldPutTheKevEternalBlueServerFirstAndExplainWhy() {
    ExposureReport r = analyze(ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    AssessedFinding top = r.findings().get(0);
    assertThat(top.finding().deviceId()).isEqualTo("mac:isp");
    assertThat(top.risk().kev()).isTrue();
    assertThat(top.finding().cve()).isPresent();
    assertThat(top.risk().decision()).isIn(Decision.ACT_NOW, Decision.ACT_SOON);
    assertThat(String.join("\n", top.risk().rationale())).contains("KEV", "clinical-system");
    assertThat(r.findingsOf("mac:isp"))
        .anyMatch(
            f ->
                f.finding().kind() == FindingKind.END_OF_LIFE
                    && f.finding().title().contains("no security updates since 2020-01-14"));
    assertThat(r.deviceRisk("mac:prn")).isEmpty();
  }

  @Test
  void shouldGiveThePumpWardAdviceWhenTheAdvisoryHasNoFixAndRollUpTheDevice() {
    ExposureReport r = analyze(ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    List<AssessedFinding> pumpFindings = r.findingsOf("mac:pump");
    assertThat(pumpFindings)
        .isNotEmpty()
        .allMatch(f -> f.finding().status() == FindingStatus.AFFECTED);
    AssessedFinding unfixed =
        pumpFindings.stream()
            .filter(f -> f.finding().vulnerability().equals("CVE-2023-30559"))
            .findFirst()
            .orElseThrow();
    assertThat(unfixed.remediations())
        .anyMatch(
            o ->
                o.kind() == RemediationOption.Kind.COMPENSATING_CONTROL
                    && o.source().equals("ward")
                    && o.text().contains("pump"));
    assertThat(unfixed.remediations()).anyMatch(o -> o.kind() == RemediationOption.Kind.MITIGATION);
    var risk = r.deviceRisk("mac:pump").orElseThrow();
    assertThat(risk.affected()).isEqualTo(pumpFindings.size());
    assertThat(risk.worstFindings())
        .hasSizeLessThanOrEqualTo(5)
        .contains(pumpFindings.get(0).finding().id());
    assertThat(risk.rationale().get(0)).contains("affected");
  }

  @Test
  void shouldOfferTheDcmtkPatchWithItsVersionAndFlagTheFirmwareBehind() {
    ExposureReport r = analyze(ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    List<AssessedFinding> dcmtk = r.findingsOf("mac:pacs");
    assertThat(dcmtk)
        .filteredOn(f -> f.finding().kind() == FindingKind.VULNERABILITY)
        .hasSize(3)
        .allMatch(
            f ->
                f.remediations().stream()
                    .anyMatch(
                        o ->
                            o.kind() == RemediationOption.Kind.PATCH
                                && o.fixedVersion().equals(Optional.of("3.6.7"))
                                && o.url().isPresent()));
    assertThat(dcmtk)
        .anyMatch(
            f ->
                f.finding().kind() == FindingKind.OUTDATED_FIRMWARE
                    && f.finding().title().contains("3.6.7"));
  }

  @Test
  void shouldLowerTheDecisionForASegmentedDeviceWithTheServiceUnused() {
    ExposureReport open =
        analyze(
            new ExposureOptions(
                Map.of("mac:isp", new DeviceExposure(Exposure.INTERNET, Set.of())),
                DeviceExposure.UNKNOWN,
                LocalDate.of(2025, 1, 1),
                true));
    ExposureReport closed =
        analyze(
            new ExposureOptions(
                Map.of(
                    "mac:isp",
                    new DeviceExposure(
                        Exposure.SEGMENTED,
                        Set.of(
                            CompensatingControl.SEGMENTATION,
                            CompensatingControl.SERVICE_NOT_OBSERVED))),
                DeviceExposure.UNKNOWN,
                LocalDate.of(2025, 1, 1),
                true));
    var a = open.deviceRisk("mac:isp").orElseThrow();
    var b = closed.deviceRisk("mac:isp").orElseThrow();
    assertThat(a.decision()).isEqualTo(Decision.ACT_NOW);
    assertThat(b.decision().compareTo(a.decision())).isPositive();
    assertThat(b.score()).isLessThan(a.score());
    List<String> ids = new ArrayList<>();
    open.devices().forEach(d -> ids.add(d.deviceId()));
    assertThat(ids.get(0)).isEqualTo("mac:isp");
  }
}
