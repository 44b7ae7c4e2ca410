package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward vulns} with a maker's CycloneDX "not affected" that lists the component's version
 * without a status: CycloneDX reads that version as affected, so the finding stands, and both the
 * report and the JSON say why the maker's claim was not applied.
 *
 * <p>Real files: the medical-device case-study SBOM (narrow), its redacted subject replaced by an
 * Acme Medical Infusion Hub 2.0; it lists wolfSSL 4.8.1, which a maker's report declares affected
 * by CVE-2022-42905 (wolfSSL before 5.5.2).
 */
class VulnsVexNoteTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CVE = "CVE-2022-42905";
  static final String NOTE =
      "infusion-hub.cdx.json) says not affected but lists version '4.8.1' with no status, which"
          + " CycloneDX reads as affected; not applied";

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  @Test
  void shouldSayInTheReportAndTheJsonWhyTheMakersClaimWasNotApplied() throws IOException {
    Path feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.writeString(feeds.resolve("wolfssl-vdr.cdx.json"), CaseStudySbom.WOLFSSL_REPORT);
    Path sboms = Files.createDirectories(tmp.resolve("sboms"));
    ObjectNode hub = CaseStudySbom.hub();
    ObjectNode v = hub.putArray("vulnerabilities").addObject().put("id", CVE);
    v.putObject("analysis").put("state", "not_affected").put("justification", "code_not_present");
    ObjectNode affects = v.putArray("affects").addObject().put("ref", bomRef(hub, "WolfSSL"));
    affects.putArray("versions").addObject().put("version", "4.8.1");
    Files.writeString(sboms.resolve("infusion-hub.cdx.json"), JSON.writeValueAsString(hub));
    Path json = tmp.resolve("findings.json");

    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:04", "Acme Medical", "Infusion Hub", "2.0"))
                .toString(),
            "--feeds",
            feeds.toString(),
            "--sbom",
            sboms.toString(),
            "--today",
            "2025-01-01",
            "--json",
            json.toString());

    assertThat(code).as(streams.stderr()).isZero();
    // Before, the finding stood with no word of the maker's "not affected".
    assertThat(streams.stdout()).contains(CVE, "      note: maker's VEX (", NOTE);
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(json.toFile()).path("findings").forEach(rows::add);
    assertThat(rows)
        .filteredOn(f -> f.path("cve").asText().equals(CVE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("status").asText()).isEqualTo("affected");
              assertThat(f.path("statusReason").asText()).contains(NOTE);
            });
  }

  private static String bomRef(JsonNode sbom, String name) {
    return CaseStudySbom.bomRef(sbom, name);
  }
}
