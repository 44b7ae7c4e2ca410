package io.ward.exposure;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.exposure.feeds.epss.EpssReader;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.exposure.match.RealAdvisories;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.RiskAssessment;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CVE id is one id however an advisory spells it: KEV and EPSS key their entries by the
 * upper-case id, so "cve-2019-0708" in a CSAF file must still find BlueKeep in both.
 */
class CveIdCaseTest {

  private static final Path BLUEKEEP =
      RealAdvisories.testData().resolve("advisories/cisa-csaf/medical-icsma/icsma-20-049-01.json");

  private static final List<KevEntry> KEV =
      new KevReader()
          .read(
              RealAdvisories.testData()
                  .resolve("advisories/cisa-kev/known_exploited_vulnerabilities.json"))
          .items();

  /** icsma-20-049-01 (Spacelabs XTR, BlueKeep) with its CVE id as {@code cveId} spells it. */
  private static Advisory bluekeep(String cveId) throws IOException {
    String json = Files.readString(BLUEKEEP, StandardCharsets.UTF_8);
    assertThat(json).contains("\"cve\": \"CVE-2019-0708\"");
    byte[] edited =
        json.replace("\"cve\": \"CVE-2019-0708\"", "\"cve\": \"" + cveId + "\"")
            .getBytes(StandardCharsets.UTF_8);
    FeedResult<Advisory> r = new CsafReader(false).read(edited, BLUEKEEP);
    return r.items().get(0);
  }

  private static List<EpssScore> epss() throws URISyntaxException {
    Path file =
        Path.of(
            CveIdCaseTest.class
                .getResource("/io/ward/exposure/feeds/epss/epss_scores-sample.csv")
                .toURI());
    return new EpssReader().read(file, LocalDate.of(2024, 10, 24)).items();
  }

  private static RiskAssessment risk(Advisory advisory) throws URISyntaxException {
    ExposureKnowledge knowledge =
        new ExposureKnowledge(
            List.of(advisory),
            KEV,
            epss(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Device xtr =
        device(
            "mac:xtr",
            "Spacelabs",
            "Xhibit Telemetry Receiver (XTR) Model number 96280",
            "1.0.2",
            Category.PATIENT_MONITOR,
            Criticality.HIGH);
    ExposureReport report =
        new ExposureAnalyzer()
            .analyze(List.of(xtr), knowledge, ExposureOptions.of(LocalDate.of(2025, 1, 10)));
    List<AssessedFinding> findings = report.findingsOf("mac:xtr");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).finding().vulnerability()).isEqualTo("CVE-2019-0708");
    return findings.get(0).risk();
  }

  @Test
  void shouldFindALowerCaseCsafCveInKevAndEpss() throws IOException, URISyntaxException {
    // Before: "cve-2019-0708" missed both lookups; ACT_NOW 89 fell to ACT_SOON 69, "not in KEV".
    RiskAssessment published = risk(bluekeep("CVE-2019-0708"));
    assertThat(published.kev()).isTrue();
    assertThat(published.decision()).isEqualTo(Decision.ACT_NOW);

    for (String spelled : List.of("cve-2019-0708", " Cve-2019-0708 ")) {
      RiskAssessment r = risk(bluekeep(spelled));
      assertThat(r.kev()).as(spelled).isTrue();
      assertThat(r.ransomware()).as(spelled).isTrue();
      assertThat(r.epss()).as(spelled).isEqualTo(published.epss()).isPresent();
      assertThat(r.decision()).as(spelled).isEqualTo(published.decision());
      assertThat(r.score()).as(spelled).isEqualTo(published.score());
      assertThat(r.rationale()).as(spelled).isEqualTo(published.rationale());
    }
  }
}
