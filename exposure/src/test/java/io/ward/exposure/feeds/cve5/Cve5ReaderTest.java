package io.ward.exposure.feeds.cve5;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.CvssScore;
import io.ward.model.exposure.ProductStatus;
import io.ward.model.exposure.SsvcAssessment;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.Vulnerability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cve5ReaderTest {

  private static final Path DIR = TestData.path("advisories/cve-json5-vulnrichment");

  private final Cve5Reader reader = new Cve5Reader();

  @Test
  void shouldReadEveryRealRecordWithCisaSsvc() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSize(26);
    for (Path file : files) {
      FeedResult<Advisory> result = reader.read(file);
      assertThat(result.items()).as(file.toString()).hasSize(1);
      Advisory a = result.items().get(0);
      assertThat(file.getFileName().toString()).isEqualTo(a.id() + ".json");
      assertThat(a.products()).as(file.toString()).isNotEmpty();
      assertThat(a.vulnerabilities().get(0).ssvc()).as(file.toString()).isNotEmpty();
    }
  }

  @Test
  void shouldNotTurnAnAdpDefaultStatusUnknownIntoAllVersionsUnderInvestigation() {
    // CISA's ADP entry for DCMTK lists "0 to < 3.6.7 affected" with defaultStatus "unknown":
    // versions outside that range are not thereby suspect.
    Advisory a = reader.read(DIR.resolve("CVE-2022-2121.json")).items().get(0);
    Vulnerability v = a.vulnerabilities().get(0);
    assertThat(v.products(ProductStatus.UNDER_INVESTIGATION)).isEmpty();
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).isNotEmpty();
    assertThat(a.products())
        .allSatisfy(
            p ->
                assertThat(p.version())
                    .isEqualTo(new VersionConstraint.Vers("vers:generic/<3.6.7")));
  }

  @Test
  void shouldReadTheBdAlarisRangeStatusScoresAndSsvc() {
    Advisory a = reader.read(DIR.resolve("CVE-2023-30561.json")).items().get(0);
    Vulnerability v = a.vulnerabilities().get(0);
    AffectedProduct pcu = a.products().get(0);

    assertThat(a.publisher()).contains("BD");
    assertThat(pcu.vendor()).contains("Becton Dickinson & Co");
    assertThat(pcu.version()).isEqualTo(new VersionConstraint.Vers("vers:generic/<=12.1.3"));
    assertThat(a.products()).hasSize(1); // defaultStatus "unaffected" adds nothing
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).containsExactly(pcu.productId());
    assertThat(v.cwes()).containsExactly("CWE-311");
    assertThat(v.cvssV3())
        .get()
        .extracting(CvssScore::vector)
        .isEqualTo("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H");
    assertThat(v.ssvc())
        .singleElement()
        .extracting(
            SsvcAssessment::exploitation,
            SsvcAssessment::automatable,
            SsvcAssessment::technicalImpact,
            SsvcAssessment::source)
        .containsExactly("none", "no", "partial", "CISA-ADP");
  }

  @Test
  void shouldReadLessThanChangesAndDefaultStatus(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("CVE-2024-9999.json");
    Files.writeString(
        file,
        """
        {"dataType":"CVE_RECORD","cveMetadata":{"cveId":"CVE-2024-9999","state":"PUBLISHED"},
         "containers":{"cna":{"providerMetadata":{"shortName":"ACME"},
          "affected":[{"vendor":"Acme","product":"Monitor","defaultStatus":"affected","versions":[
            {"version":"2.0","lessThan":"2.5","status":"affected","versionType":"custom"},
            {"version":"3.0","status":"unaffected"},
            {"version":"4.0","lessThan":"*","status":"affected","changes":[{"at":"4.2","status":"unaffected"}]},
            {"version":"5.0","status":"maybe"}]},
           {"vendor":"n/a","product":"n/a"}],
          "metrics":[{"cvssV4_0":{"version":"4.0","vectorString":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N","baseScore":9.3}}]}}}
        """);

    FeedResult<Advisory> result = reader.read(file);
    Advisory a = result.items().get(0);
    Vulnerability v = a.vulnerabilities().get(0);

    assertThat(a.products())
        .extracting(AffectedProduct::version)
        .containsExactly(
            new VersionConstraint.Vers("vers:generic/>=2.0|<2.5"),
            new VersionConstraint.Exact("3.0"),
            new VersionConstraint.Vers("vers:generic/>=4.0|<4.2"),
            new VersionConstraint.Vers("vers:all/*"));
    assertThat(v.products(ProductStatus.KNOWN_AFFECTED)).hasSize(3);
    assertThat(v.products(ProductStatus.KNOWN_NOT_AFFECTED)).hasSize(1);
    assertThat(v.cvssV4()).get().extracting(CvssScore::baseScore).isEqualTo(9.3);
    assertThat(result.problems()).hasSize(2); // status "maybe", the n/a entry
  }

  @Test
  void shouldKeepADateRangeAsTextNeverReadAsVersions(@TempDir Path dir) throws IOException {
    // CVE-2024-6795 (Baxter Connex Health Portal): versionType "date", lessThan "8/30/2024".
    // Read as bounds, the date became version 2024.8.30 (vers:generic/<2024.8.30).
    Advisory real = reader.read(DIR.resolve("CVE-2024-6795.json")).items().get(0);
    assertThat(real.products())
        .filteredOn(p -> p.vendor().equals(Optional.of("Baxter")))
        .extracting(AffectedProduct::version)
        .containsExactly(new VersionConstraint.Legacy(">=0 <8/30/2024 (date)", Optional.empty()));

    Path file = dir.resolve("CVE-2024-9998.json");
    Files.writeString(
        file,
        """
        {"dataType":"CVE_RECORD","cveMetadata":{"cveId":"CVE-2024-9998","state":"PUBLISHED"},
         "containers":{"cna":{"providerMetadata":{"shortName":"ACME"},
          "affected":[{"vendor":"Acme","product":"Portal","versions":[
            {"version":"2024-01-15","lessThanOrEqual":"2024-08-30","status":"affected","versionType":"date"},
            {"version":"2024-09-02","status":"unaffected","versionType":"DATE"}]}]}}}
        """);
    assertThat(reader.read(file).items().get(0).products())
        .extracting(AffectedProduct::version)
        .containsExactly(
            new VersionConstraint.Legacy(">=2024-01-15 <=2024-08-30 (date)", Optional.empty()),
            new VersionConstraint.Legacy("2024-09-02 (date)", Optional.empty()));
  }

  @Test
  void shouldKeepADateWrittenAsACustomVersionAsText(@TempDir Path dir) throws IOException {
    // CVE-2024-6795: CISA's ADP restates the CNA's date bound as lessThan "8.30.2024", type
    // "custom". Read as a version, 5.2 was "affected" and 9.0 not, for a portal patched that day.
    Advisory real = reader.read(DIR.resolve("CVE-2024-6795.json")).items().get(0);
    assertThat(real.products())
        .filteredOn(p -> p.vendor().equals(Optional.of("hillrom")))
        .extracting(AffectedProduct::version)
        .containsExactly(new VersionConstraint.Legacy(">=0 <8.30.2024 (date)", Optional.empty()));

    Path file = dir.resolve("CVE-2024-9997.json");
    Files.writeString(
        file,
        """
        {"dataType":"CVE_RECORD","cveMetadata":{"cveId":"CVE-2024-9997","state":"PUBLISHED"},
         "containers":{"cna":{"providerMetadata":{"shortName":"ACME"},
          "affected":[{"vendor":"Acme","product":"Portal","versions":[
            {"version":"0","lessThan":"30.08.2024","status":"affected","versionType":"custom"},
            {"version":"2024-01-15","lessThanOrEqual":"2024-08-30","status":"affected"},
            {"version":"0","lessThan":"2/10/2024","status":"affected","versionType":"CUSTOM"},
            {"version":"1.0","status":"affected","versionType":"custom",
             "changes":[{"at":"8.30.2024","status":"unaffected"}]},
            {"version":"0","lessThan":"2.10.2024","status":"affected","versionType":"custom"},
            {"version":"0","lessThan":"2024.08.30","status":"affected","versionType":"custom"},
            {"version":"0","lessThan":"2.30.2024","status":"affected","versionType":"custom"},
            {"version":"0","lessThan":"8.30.2024","status":"affected","versionType":"semver"}]}]}}}
        """);
    assertThat(reader.read(file).items().get(0).products())
        .extracting(AffectedProduct::version)
        .containsExactly(
            // dates: a day above 12 fixes the order; ISO with dashes; slashes in either order
            new VersionConstraint.Legacy(">=0 <30.08.2024 (date)", Optional.empty()),
            new VersionConstraint.Legacy(">=2024-01-15 <=2024-08-30 (date)", Optional.empty()),
            new VersionConstraint.Legacy(">=0 <2/10/2024 (date)", Optional.empty()),
            new VersionConstraint.Legacy(">=1.0 <8.30.2024 (date)", Optional.empty()),
            // versions: both orders make a day (a major.minor.year version as well), calendar
            // versioning with dots, no such day (February 30), a typed version
            new VersionConstraint.Vers("vers:generic/<2.10.2024"),
            new VersionConstraint.Vers("vers:generic/<2024.08.30"),
            new VersionConstraint.Vers("vers:generic/<2.30.2024"),
            new VersionConstraint.Vers("vers:generic/<8.30.2024"));
  }

  @Test
  void shouldNotImportRejectedRecords(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rejected.json");
    Files.writeString(file, "{\"cveMetadata\":{\"cveId\":\"CVE-2024-1\",\"state\":\"REJECTED\"}}");

    FeedResult<Advisory> result = reader.read(file);

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("REJECTED"));
  }
}
