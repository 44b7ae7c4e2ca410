package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.ExposureAnalyzer;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.ExposureReport;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.feeds.cyclonedx.CycloneDxReader;
import io.ward.exposure.feeds.cyclonedx.SbomSubject;
import io.ward.model.Device;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.Sbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker's CycloneDX vulnerability report (no VEX analysis, the affected versions as ranges) read
 * from a feeds directory and matched against the real medical-device case-study SBOM: its wolfSSL
 * 4.8.1 falls in the affected range, and a range that leaves it out gives no finding (the
 * unaffected entry makes it "not affected", with the reason).
 */
class CycloneDxAdvisoryMatchTest {

  private static final Sbom SBOM =
      new CycloneDxReader()
          .read(
              RealAdvisories.testData().resolve("sbom/medical-device-casestudy/narrow.sbom.json"),
              new SbomSubject(
                  Optional.of("Acme Medical"), Optional.of("Infusion Hub"), Optional.of("2.0")))
          .items()
          .get(0)
          .sbom()
          .orElseThrow();

  private final Device hub = device("mac:hub", "Acme Medical", "Infusion Hub", "2.0");

  @TempDir Path dir;

  /** The report, its wolfSSL entries affected below {@code bound} and unaffected from it on. */
  private ExposureKnowledge knowledge(String bound) throws IOException {
    return report(
        """
        {"range": "vers:generic/<%1$s", "status": "affected"},
        {"range": "vers:generic/>=%1$s", "status": "unaffected"}
        """
            .formatted(bound));
  }

  /** The report, its wolfSSL entry's {@code versions} the JSON objects {@code versions}. */
  private ExposureKnowledge report(String versions) throws IOException {
    Files.writeString(
        dir.resolve("acme-vdr.cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "components": [{"bom-ref": "w", "type": "library", "name": "wolfSSL",
                         "purl": "pkg:github/wolfssl/wolfssl"}],
         "vulnerabilities": [{"id": "CVE-2022-42905", "affects": [{"ref": "w", "versions": [
           %s]}]}]}
        """
            .formatted(versions));
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(LocalDate.of(2025, 1, 1)).withFeeds(dir));
    assertThat(k.problems()).isEmpty();
    assertThat(k.advisories()).singleElement();
    return new ExposureKnowledge(
        k.advisories(),
        List.of(),
        List.of(),
        List.of(),
        List.of(SBOM),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private List<Finding> findings(ExposureKnowledge k) {
    ExposureOptions day = ExposureOptions.of(LocalDate.of(2025, 1, 1));
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(
                List.of(hub),
                k,
                new ExposureOptions(day.exposures(), day.defaultExposure(), day.today(), true));
    return r.findings().stream()
        .map(a -> a.finding())
        .filter(f -> f.vulnerability().equals("CVE-2022-42905"))
        .toList();
  }

  @Test
  void shouldFindTheComponentInsideTheAffectedRangeByItsPurl() throws IOException {
    assertThat(findings(knowledge("5.5.2")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
              assertThat(f.advisoryId()).isEqualTo("CVE-2022-42905");
              assertThat(f.matchedBy().rule()).isEqualTo(MatchRule.PURL);
              assertThat(f.matchedBy().constraint()).contains("vers:generic/<5.5.2");
              assertThat(f.matchedBy().deviceValue()).contains("4.8.1");
            });
  }

  @Test
  void shouldCallAVersionTheReportListsWithoutAStatusAffected() throws IOException {
    // The CycloneDX 1.4 to 1.6 schemas: affects[].versions[].status has "default": "affected".
    // Before, such a version was read as "unknown": the device only possibly affected.
    assertThat(findings(report("{\"range\": \"vers:generic/<5.5.2\"}")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
              assertThat(f.matchedBy().constraint()).contains("vers:generic/<5.5.2");
            });
  }

  @Test
  void shouldCallAVersionTheReportListsWithTheStatusUnknownPossiblyAffected() throws IOException {
    // "unknown": "It is unknown (or unspecified) whether the given version is affected."
    assertThat(findings(report("{\"range\": \"vers:generic/<5.5.2\", \"status\": \"unknown\"}")))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED));
  }

  @Test
  void shouldCallTheComponentNotAffectedWhenTheReportListsItsVersionAsUnaffected()
      throws IOException {
    assertThat(findings(knowledge("4.0")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
              assertThat(f.matchedBy().constraint()).contains("vers:generic/>=4.0");
            });
  }
}
