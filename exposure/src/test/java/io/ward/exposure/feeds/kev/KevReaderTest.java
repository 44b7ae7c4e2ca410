package io.ward.exposure.feeds.kev;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.KevEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KevReaderTest {

  private final KevReader reader = new KevReader();

  @Test
  void shouldReadTheRealCatalogWithDueDatesAndRansomwareUse() {
    FeedResult<KevEntry> result =
        reader.read(TestData.path("advisories/cisa-kev/known_exploited_vulnerabilities.json"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.items()).hasSize(1404);
    assertThat(result.items().stream().filter(KevEntry::knownRansomwareCampaignUse)).hasSize(293);
    Map<String, KevEntry> byCve =
        result.items().stream().collect(Collectors.toMap(KevEntry::cve, Function.identity()));
    KevEntry eternalBlue = byCve.get("CVE-2017-0144");
    assertThat(eternalBlue.vendor()).isEqualTo("Microsoft");
    assertThat(eternalBlue.dateAdded()).isEqualTo(LocalDate.of(2022, 2, 10));
    assertThat(eternalBlue.dueDate()).contains(LocalDate.of(2022, 8, 10));
    assertThat(eternalBlue.knownRansomwareCampaignUse()).isTrue();
    assertThat(byCve.get("CVE-2020-1938").knownRansomwareCampaignUse()).isFalse();
  }

  @Test
  void shouldReportBadEntriesByPointerAndKeepTheGoodOnes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("kev.json");
    Files.writeString(
        file,
        """
        {"catalogVersion":"x","vulnerabilities":[
          {"cveID":"CVE-2021-44228","vendorProject":"Apache","product":"Log4j2","dateAdded":"2021-12-10",
           "dueDate":"soon","knownRansomwareCampaignUse":"Known"},
          {"cveID":"not-a-cve","dateAdded":"2021-12-10"},
          {"cveID":"CVE-2021-1","dateAdded":"2021-12-10"},
          {"cveID":"CVE-2022-0001"}]}
        """);

    FeedResult<KevEntry> result = reader.read(file);

    assertThat(result.items()).singleElement().satisfies(k -> assertThat(k.dueDate()).isEmpty());
    assertThat(result.problems())
        .extracting(p -> p.location().orElse(""))
        .containsExactly(
            "/vulnerabilities/0/dueDate",
            "/vulnerabilities/1/cveID",
            "/vulnerabilities/2/cveID",
            "/vulnerabilities/3/dateAdded");
  }

  @Test
  void shouldRejectAFileThatIsNotACatalog(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"vulnerabilities\":[]}");

    assertThat(reader.read(file).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.file()).endsWith("other.json"));
  }
}
