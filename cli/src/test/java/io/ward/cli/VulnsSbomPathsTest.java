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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward vulns --sbom} takes several files or directories, after one {@code --sbom} or with
 * the option repeated; one that is missing is named on stderr (exit code 4) and the others are
 * used; when none exists the run stops, naming them (exit code 3).
 *
 * <p>Real files: the medical-device case-study SBOM (narrow, wolfSSL 4.8.1), its redacted subject
 * replaced by an Acme Medical Infusion Hub 2.0, given as a file; in a directory of its own, the
 * maker's VEX that names wolfSSL in that SBOM by BOM-link and says CVE-2022-42905 does not affect
 * it.
 */
class VulnsSbomPathsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CVE = "CVE-2022-42905";
  static final String HUB_SERIAL = "02826796-d30c-4aa6-b0a8-44207a01cb6c";

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  Path feeds;
  Path hubSbom;
  Path vexDir;
  Path inventory;

  @BeforeEach
  void files() throws IOException {
    feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.writeString(feeds.resolve("wolfssl-vdr.cdx.json"), CaseStudySbom.WOLFSSL_REPORT);
    ObjectNode hub = CaseStudySbom.hub();
    hubSbom = tmp.resolve("infusion-hub.cdx.json");
    Files.writeString(hubSbom, JSON.writeValueAsString(hub));
    vexDir = Files.createDirectories(tmp.resolve("vex"));
    Files.writeString(
        vexDir.resolve("acme-vex.cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "vulnerabilities": [{"id": "%s",
           "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
           "affects": [{"ref": "urn:cdx:%s/1#%s"}]}]}
        """
            .formatted(CVE, HUB_SERIAL, CaseStudySbom.bomRef(hub, "WolfSSL")));
    inventory =
        HandWrittenInventory.write(
            tmp,
            HandWrittenInventory.device(
                "00:00:5e:00:53:04", "Acme Medical", "Infusion Hub", "2.0"));
  }

  @Test
  void shouldReadAnSbomFileAndAVexDirectoryGivenByRepeatedOptions() throws IOException {
    Path json = tmp.resolve("findings.json");

    int code = vulns(json, "--sbom", hubSbom.toString(), "--sbom", vexDir.toString());

    // Before, --sbom took one directory: a file was refused ("not a directory", exit code 3),
    // and a second --sbom replaced the first.
    assertThat(code).as(streams.stderr()).isZero();
    assertThat(statusOf(json)).isEqualTo("not-affected");
  }

  @Test
  void shouldNameAMissingPathAndStillUseTheOthers() throws IOException {
    Path json = tmp.resolve("findings.json");
    Path missing = tmp.resolve("no-such-sbom.cdx.json");

    int code = vulns(json, "--sbom", hubSbom.toString(), missing.toString(), vexDir.toString());

    assertThat(code).isEqualTo(ExitCodes.WARNINGS);
    assertThat(streams.stderr())
        .contains("ward: " + missing + ": error: no such file or directory");
    assertThat(statusOf(json)).isEqualTo("not-affected");
  }

  @Test
  void shouldStopNamingThePathsWhenNoneExists() throws IOException {
    Path json = tmp.resolve("findings.json");
    Path a = tmp.resolve("a.cdx.json");
    Path b = tmp.resolve("b");

    int code = vulns(json, "--sbom", a.toString(), "--sbom", b.toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(streams.stderr())
        .contains("ward: " + a + ", " + b + ": no such file or directory (--sbom)");
  }

  private int vulns(Path json, String... sbomArgs) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("vulns", "--inventory", inventory.toString()));
    args.addAll(List.of("--feeds", feeds.toString()));
    args.addAll(List.of(sbomArgs));
    args.addAll(List.of("--today", "2025-01-01", "--include-not-affected"));
    args.addAll(List.of("--json", json.toString()));
    return WardCommand.execute(args.toArray(String[]::new));
  }

  /** The status of the device's finding of {@link #CVE}. */
  private static String statusOf(Path json) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    JSON.readTree(json.toFile()).path("findings").forEach(rows::add);
    return rows.stream()
        .filter(f -> f.path("cve").asText().equals(CVE))
        .map(f -> f.path("status").asText())
        .findFirst()
        .orElse("none");
  }
}
