package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.exposure.feeds.cve5.Cve5Reader;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.VersionConstraint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real advisories that bound the affected products by a date of distribution, not by a version:
 * Ward cannot place a firmware version against a date, so every device of the product is possibly
 * affected, whatever its version, with the statement as the reason.
 */
class DateRangeMatchTest {

  /** Philips PageWriter TC cardiographs: "All versions prior to May 2018" ({@code <May 2018}). */
  private static final Advisory PAGEWRITER = RealAdvisories.icsma("icsma-18-228-01");

  /** Baxter Connex Health Portal: {@code <8/30/2024} (the portal was patched on that day). */
  private static final Advisory CONNEX = RealAdvisories.icsma("icsma-24-249-01");

  private static List<Finding> match(Device d, Advisory a) {
    List<Finding> indexed =
        MatchIndex.build(List.of(a), VendorAliases.defaults()).match(d, List.of());
    List<Finding> reference =
        new ReferenceMatcher(List.of(a), VendorAliases.defaults()).match(d, List.of());
    assertThat(indexed).isEqualTo(reference);
    return indexed;
  }

  private static void assertPossiblyAffectedBecause(List<Finding> findings, String statement) {
    assertThat(findings)
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
              assertThat(f.statusReason().orElseThrow())
                  .contains("'" + statement + "' could not be read");
            });
  }

  @Test
  void shouldNotReadAMonthAndYearAsAVersion() {
    // Before: 2019.1 was above "version 2018.5" (no finding), A.08.02 below it ("affected").
    for (String firmware : List.of("2019.1", "A.08.02", "2018.4")) {
      List<Finding> findings =
          match(device("tc70-" + firmware, "Philips", "PageWriter TC70", firmware), PAGEWRITER);
      assertPossiblyAffectedBecause(findings, "<May 2018");
    }
  }

  @Test
  void shouldNotReadAUsDateAsAVersion() {
    // Before: 2025.1 was above "version 2024.8.30" (no finding), 5.2 below it ("affected").
    for (String version : List.of("2025.1", "5.2")) {
      List<Finding> findings =
          match(device("connex-" + version, "Baxter", "Connex Health Portal", version), CONNEX);
      assertThat(findings).hasSize(2);
      assertPossiblyAffectedBecause(findings, "<8/30/2024");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "product_version_range; <8.30.2024", // CISA's ADP spelling of the bound (CVE-2024-6795)
        "product_version_range; versions prior to 8.30.2024",
        "product_version_range; prior to 30.8.2024", // day.month.year
        "product_version; <8.30.2024",
        "product_version; <8/30/2024", // the published bound, in the other branch category
      })
  void shouldNotReadADottedDateInACsafRangeAsAVersion(String category, String bound)
      throws IOException {
    // Before: 2025.1 was above "version 8.30.2024" (no finding), 5.2 below it ("affected"); a
    // product_version was read as a version even when it was a slashed date.
    Advisory connex = connexBoundBy(category, bound);
    for (String version : List.of("2025.1", "5.2")) {
      List<Finding> findings =
          match(device("connex-" + version, "Baxter", "Connex Health Portal", version), connex);
      assertThat(findings).as(version).hasSize(2);
      assertPossiblyAffectedBecause(findings, bound);
    }
  }

  @Test
  void shouldKeepADottedBoundThatIsNoOneDayAVersion() throws IOException {
    // 2.10.2024 is February 10 or October 2, or version 2.10.2024 of a maker that numbers its
    // releases by year: as in a CVE 5 bound, it stays a version, read and compared.
    Advisory connex = connexBoundBy("product_version_range", "<2.10.2024");
    assertThat(match(device("connex-5.2", "Baxter", "Connex Health Portal", "5.2"), connex))
        .isEmpty();
    assertThat(match(device("connex-1.9", "Baxter", "Connex Health Portal", "1.9"), connex))
        .hasSize(2)
        .allSatisfy(
            f -> assertThat(f.matchedBy().explanation()).endsWith("1.9 is within <2.10.2024"));
  }

  /**
   * The real Connex advisory with its one product bounded by {@code bound} in a branch of {@code
   * category}: no CSAF document in the test data writes a dotted date, so only the bound of a real
   * one is changed (in the branch and in the product's name, where CISA repeats it).
   */
  private static Advisory connexBoundBy(String category, String bound) throws IOException {
    Path file =
        RealAdvisories.testData()
            .resolve("advisories/cisa-csaf/medical-icsma/icsma-24-249-01.json");
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
    ObjectNode branch = (ObjectNode) root.at("/product_tree/branches/0/branches/0/branches/0");
    assertThat(branch.path("name").asText()).isEqualTo("<8/30/2024");
    branch.put("category", category).put("name", bound);
    ((ObjectNode) branch.path("product"))
        .put("name", "Baxter Baxter Connex Health Portal: " + bound);
    FeedResult<Advisory> read = new CsafReader(false).read(root, file);
    assertThat(read.problems()).isEmpty();
    return read.items().get(0);
  }

  @Test
  void shouldNotReadACve5DateRangeAsAVersion() {
    // CVE-2024-6795: the CNA's entry (Baxter, versionType "date", lessThan "8/30/2024") and CISA's
    // ADP restatement of it (hillrom, now Baxter's, lessThan "8.30.2024" of type "custom"). Before,
    // 2025.1 was above both 2024.8.30 and version 8.30.2024: no finding; 5.2 was "affected" by the
    // ADP entry. Neither bound is a version now: both are possibly affected, a date the reason.
    Advisory cve =
        new Cve5Reader()
            .read(
                RealAdvisories.testData()
                    .resolve("advisories/cve-json5-vulnrichment/CVE-2024-6795.json"))
            .items()
            .get(0);
    for (String version : List.of("2025.1", "5.2")) {
      List<Finding> findings =
          match(device("connex-" + version, "Baxter", "Connex Health Portal", version), cve);
      assertThat(findings)
          .as(version)
          .isNotEmpty()
          .allSatisfy(
              f -> {
                assertThat(f.status()).isEqualTo(FindingStatus.POSSIBLY_AFFECTED);
                assertThat(f.statusReason().orElseThrow())
                    .containsAnyOf(
                        "'>=0 <8/30/2024 (date)' could not be read",
                        "'>=0 <8.30.2024 (date)' could not be read");
              });
    }

    // Dates in other spellings stay unread too: the reader's "(date)" leaves nothing to read.
    for (String text : List.of(">=2024-01-15 <=2024-08-30 (date)", "2024-09-02 (date)")) {
      VersionConstraint c = new VersionConstraint.Legacy(text, Optional.empty());
      assertThat(VersionReading.of(c, List.of()).unreadable()).as(text).isTrue();
    }
  }
}
