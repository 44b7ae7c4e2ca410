package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward feeds import} then {@code ward vulns} on the real CISA medical advisories: the BD
 * Alaris PCU 8015 on an affected firmware gets the advisory's CVEs, the one on a newer firmware
 * does not, and a workstation outside every product tree gets none.
 */
class VulnsCommandTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void captureStreams() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStreams() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private Path inventory() throws IOException {
    Path p = tmp.resolve("inventory.json");
    try (InputStream in = getClass().getResourceAsStream("two-pumps.inventory.json")) {
      Files.copy(in, p);
    }
    return p;
  }

  private Path importedStore() {
    Path store = tmp.resolve("feeds");
    int code =
        WardCommand.execute(
            "feeds", "import", "--store", store.toString(), DATA.resolve("advisories").toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 4);
    return store;
  }

  @Test
  void shouldFindTheAlarisAdvisoryOnTheAffectedFirmwareOnly() throws IOException {
    Path store = importedStore();
    Path json = tmp.resolve("findings.json");
    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            inventory().toString(),
            "--feeds",
            store.toString(),
            "--today",
            "2026-11-28",
            "--json",
            json.toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 4);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("format").asText()).isEqualTo("ward.findings/1");
    List<String> affectedOld = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      String device = f.path("device").asText();
      if (f.path("advisory").asText().equals("ICSMA-23-194-01")) {
        assertThat(device).isEqualTo("mac:00:d0:75:00:00:01");
        affectedOld.add(f.path("cve").asText());
        assertThat(f.path("status").asText()).isEqualTo("affected");
        assertThat(f.path("matchedBy").path("constraint").asText()).contains("12.1.3");
        assertThat(f.path("decision").asText()).isNotEmpty();
        assertThat(f.path("rationale").size()).isPositive();
        assertThat(f.path("remediations").size()).isPositive();
      }
      assertThat(device).isNotEqualTo("mac:00:1b:21:00:00:03");
    }
    assertThat(affectedOld).contains("CVE-2023-30559", "CVE-2023-30560");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("mac:00:d0:75:00:00:01");
  }

  @Test
  void shouldReportABadFeedFileByNameAndStillUseTheOthers() throws IOException {
    Path feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.copy(
        DATA.resolve("advisories/cisa-csaf/medical-icsma/icsma-23-194-01.json"),
        feeds.resolve("icsma-23-194-01.json"));
    Files.writeString(
        feeds.resolve("broken-advisory.json"), "{\"document\": {\"category\": \"csaf_");
    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            inventory().toString(),
            "--feeds",
            feeds.toString(),
            "--today",
            "2026-11-28");
    assertThat(code).isEqualTo(4);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken-advisory.json");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("ICSMA-23-194-01")
        .contains("affected");
  }

  @Test
  void shouldExitThreeWhenTheInventoryIsNotAnInventory() throws IOException {
    Path bad = Files.writeString(tmp.resolve("inv.json"), "{\"format\":\"something-else\"}");
    int code =
        WardCommand.execute("vulns", "--inventory", bad.toString(), "--feeds", tmp.toString());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("inv.json");
  }
}
