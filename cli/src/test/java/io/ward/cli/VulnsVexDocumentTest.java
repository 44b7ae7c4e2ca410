package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward vulns --include-not-affected} with a maker's CSAF VEX document (category {@code
 * csaf_vex}): a finding the VEX rules out is listed once, as the finding of the advisory that gave
 * it, not again as the VEX document's own; and a real CISA VEX document's {@code known_affected}
 * still gives findings.
 *
 * <p>Real files: Philips Vue PACS before 12.2.8.410 is affected by CVE-2023-40704 (its CVE 5 record
 * from CISA vulnrichment); CISA's VA-24-254-01 (a {@code csaf_vex} document): IBM webMethods
 * Integration 10.15 is known affected by three CVEs, Corefix 14 fixed.
 */
class VulnsVexDocumentTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CVE = "CVE-2023-40704";

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  @Test
  void shouldListAFindingTheMakersVexRulesOutOnce() throws IOException {
    Path feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.copy(
        DATA.resolve("advisories/cve-json5-vulnrichment/" + CVE + ".json"),
        feeds.resolve(CVE + ".json"));
    Files.writeString(
        feeds.resolve("philips-vex.json"),
        """
        {"document": {"category": "csaf_vex", "csaf_version": "2.0",
           "publisher": {"category": "vendor", "name": "Philips",
             "namespace": "https://www.philips.com"},
           "title": "Philips Vue PACS 12.2.8.0 VEX",
           "tracking": {"current_release_date": "2024-08-01T00:00:00.000Z", "id": "PHILIPS-VEX-1",
             "initial_release_date": "2024-08-01T00:00:00.000Z", "status": "final",
             "version": "1", "revision_history": [{"date": "2024-08-01T00:00:00.000Z",
               "number": "1", "summary": "Initial version."}]}},
         "product_tree": {"branches": [{"category": "vendor", "name": "Philips", "branches": [
           {"category": "product_name", "name": "Vue PACS", "branches": [
             {"category": "product_version", "name": "12.2.8.0", "product":
               {"name": "Philips Vue PACS 12.2.8.0", "product_id": "VUE"}}]}]}]},
         "vulnerabilities": [{"cve": "%s",
           "notes": [{"category": "description", "text": "A flaw.", "title": "CVE description"}],
           "product_status": {"known_not_affected": ["VUE"]},
           "flags": [{"label": "vulnerable_code_not_in_execute_path", "product_ids": ["VUE"]}]}]}
        """
            .formatted(CVE));
    Path json = tmp.resolve("findings.json");

    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:01", "Philips", "Vue PACS", "12.2.8.0"))
                .toString(),
            "--feeds",
            feeds.toString(),
            "--today",
            "2025-01-01",
            "--include-not-affected",
            "--json",
            json.toString());

    assertThat(code).as(streams.stderr()).isZero();
    // Before, the VEX was also read as an advisory: a second not-affected row, its own.
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(json.toFile()).path("findings").forEach(rows::add);
    assertThat(rows)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("cve").asText()).isEqualTo(CVE);
              assertThat(f.path("advisory").asText()).isEqualTo(CVE);
              assertThat(f.path("status").asText()).isEqualTo("not-affected");
              assertThat(f.path("statusReason").asText())
                  .contains("maker's VEX (PHILIPS-VEX-1)", "vulnerable_code_not_in_execute_path");
            });
  }

  @Test
  void shouldKeepTheFindingsARealCsafVexDocumentStatesAffected() throws IOException {
    Path feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.copy(
        DATA.resolve("advisories/cisa-csaf/it-va/va-24-254-01.json"),
        feeds.resolve("va-24-254-01.json"));
    Path json = tmp.resolve("findings.json");

    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:03", "IBM", "webMethods Integration", "10.15"))
                .toString(),
            "--feeds",
            feeds.toString(),
            "--today",
            "2025-01-01",
            "--include-not-affected",
            "--json",
            json.toString());

    assertThat(code).as(streams.stderr()).isZero();
    List<String> affected = new ArrayList<>();
    for (JsonNode f : JSON.readTree(json.toFile()).path("findings")) {
      if (f.path("kind").asText().equals("vulnerability")) {
        assertThat(f.path("advisory").asText()).isEqualTo("VA-24-254-01");
        assertThat(f.path("status").asText()).isEqualTo("affected");
        affected.add(f.path("cve").asText());
      }
    }
    assertThat(affected)
        .containsExactlyInAnyOrder("CVE-2024-45074", "CVE-2024-45075", "CVE-2024-45076");
  }
}
