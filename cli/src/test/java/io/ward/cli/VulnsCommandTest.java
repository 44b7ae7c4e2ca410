package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void shouldEndWithMetricsThatTheFindingsOfTheSameDocumentGive() throws IOException {
    Path store = importedStore();
    // The workstation runs Windows 7: an end-of-life finding takes it off supported software.
    ObjectMapper mapper = new ObjectMapper();
    JsonNode inv = mapper.readTree(inventory().toFile());
    for (JsonNode d : inv.path("devices")) {
      if (d.path("id").asText().equals("mac:00:1b:21:00:00:03")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("os", "Windows 7");
      }
    }
    Path win7 = tmp.resolve("win7.inventory.json");
    mapper.writeValue(win7.toFile(), inv);
    Path json = tmp.resolve("findings.json");
    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            win7.toString(),
            "--feeds",
            store.toString(),
            "--today",
            "2026-11-28",
            "--json",
            json.toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 4);
    JsonNode root = mapper.readTree(json.toFile());
    assertThat(root.path("format").asText()).isEqualTo("ward.findings/1");

    // Counted here from the findings array of the same document.
    Map<String, Integer> open = new HashMap<>();
    Set<String> endOfLife = new HashSet<>();
    for (JsonNode f : root.path("findings")) {
      if (!f.path("status").asText().equals("not-affected")) {
        open.merge(f.path("decision").asText(), 1, Integer::sum);
      }
      if (f.path("kind").asText().equals("end-of-life")) {
        endOfLife.add(f.path("device").asText());
      }
    }
    assertThat(endOfLife).containsExactly("mac:00:1b:21:00:00:03");
    JsonNode m = root.path("metrics");
    assertThat(m.path("today").asText()).isEqualTo("2026-11-28");
    List<String> decisions = new ArrayList<>();
    int total = 0;
    for (JsonNode u : m.path("openByDecision")) {
      decisions.add(u.path("decision").asText());
      assertThat(u.path("open").asInt())
          .as(u.toString())
          .isEqualTo(open.getOrDefault(u.path("decision").asText(), 0));
      total += u.path("open").asInt();
    }
    assertThat(decisions).containsExactly("act-now", "act-soon", "track", "defer");
    assertThat(m.path("openByDecision").findValuesAsText("ssvc"))
        .containsExactly("act", "attend", "track*", "track");
    assertThat(total).isEqualTo(open.values().stream().mapToInt(Integer::intValue).sum());
    assertThat(total).isPositive();
    int devices = inv.path("devices").size();
    assertThat(m.path("devices").asInt()).isEqualTo(devices);
    assertThat(m.path("supportedShare").asDouble())
        .isCloseTo((devices - endOfLife.size()) / (double) devices, within(1e-9));
    // Without remediation records there is no overdue count or mean time, not a made-up zero.
    assertThat(m.path("overdue").isNull()).isTrue();
    assertThat(m.path("meanDaysToRemediate").isNull()).isTrue();
    assertThat(m.path("unavailable").asText())
        .contains("not available without remediation records");

    // The text report ends with the same figures.
    String text = out.toString(StandardCharsets.UTF_8);
    String block = text.substring(text.lastIndexOf("\nMetrics\n"));
    for (JsonNode u : m.path("openByDecision")) {
      assertThat(block)
          .contains(
              u.path("decision").asText()
                  + " ("
                  + u.path("ssvc").asText()
                  + ") "
                  + u.path("open").asInt());
    }
    assertThat(block).contains(total + " in all");
    assertThat(block)
        .contains("overdue remediations: not available without remediation records")
        .contains("mean time to remediate: not available without remediation records")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "%.1f%% (%d of %d",
                m.path("supportedShare").asDouble() * 100,
                devices - endOfLife.size(),
                devices));
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
