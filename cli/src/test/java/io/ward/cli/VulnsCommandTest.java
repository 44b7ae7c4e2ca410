package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
  @RegisterExtension final StandardStreams streams = new StandardStreams();

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
    assertThat(code).as(streams.stderr()).isIn(0, 4);
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
    assertThat(code).as(streams.stderr()).isIn(0, 4);
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
    assertThat(streams.stdout()).contains("mac:00:d0:75:00:00:01");
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
    assertThat(code).as(streams.stderr()).isIn(0, 4);
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
    // Labelled by Ward's decision: TRACK holds SSVC Track and Track*, DEFER is no SSVC outcome.
    assertThat(m.path("openByDecision").findValuesAsText("ssvc"))
        .containsExactly("act-now", "act-soon", "track", "defer");
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
    String text = streams.stdout();
    String block = text.substring(text.lastIndexOf("\nMetrics\n"));
    for (JsonNode u : m.path("openByDecision")) {
      assertThat(block).contains(u.path("ssvc").asText() + " " + u.path("open").asInt());
    }
    assertThat(block)
        .contains(total + " in all (Ward's decisions; track covers SSVC Track and Track*)")
        .doesNotContain("(track*)", "(attend)");
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
    assertThat(streams.stderr()).contains("broken-advisory.json");
    assertThat(streams.stdout()).contains("ICSMA-23-194-01").contains("affected");
  }

  /** The two-pumps inventory with these conversations listed and {@code total} flows in all. */
  private Path inventoryWithTraffic(String name, int total, String... clientServerPairs)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode inv =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            mapper.readTree(getClass().getResourceAsStream("two-pumps.inventory.json"));
    com.fasterxml.jackson.databind.node.ObjectNode flows = inv.putObject("flows");
    flows.put("total", total);
    com.fasterxml.jackson.databind.node.ObjectNode clear = flows.putObject("cleartext");
    com.fasterxml.jackson.databind.node.ArrayNode list = clear.putArray("conversations");
    for (int i = 0; i < clientServerPairs.length; i += 2) {
      list.addObject()
          .put("protocol", "hl7")
          .put("transport", "tcp")
          .put("client", clientServerPairs[i])
          .put("clientPort", 49152)
          .put("server", clientServerPairs[i + 1])
          .put("serverPort", 2575)
          .put("vlan", 20);
    }
    clear.put("notListed", 0);
    Path p = tmp.resolve(name);
    mapper.writeValue(p.toFile(), inv);
    return p;
  }

  private JsonNode vulnsJson(Path inventory, Path store, String... extra) throws IOException {
    Path json = tmp.resolve("findings-" + inventory.getFileName() + extra.length + ".json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "vulns",
                "--inventory",
                inventory.toString(),
                "--feeds",
                store.toString(),
                "--today",
                "2026-11-28",
                "--json",
                json.toString()));
    args.addAll(List.of(extra));
    int code = WardCommand.execute(args.toArray(String[]::new));
    assertThat(code).as(streams.stderr()).isIn(0, 4);
    return new ObjectMapper().readTree(json.toFile());
  }

  /** What the assessor gives the inventory's devices when {@code device} has this exposure. */
  private static Map<String, io.ward.exposure.AssessedFinding> expected(
      Path inventory, Path store, String device, io.ward.exposure.risk.Exposure exposure)
      throws IOException {
    List<io.ward.model.Device> devices;
    try (InputStream in = Files.newInputStream(inventory)) {
      devices = io.ward.engine.InventoryJson.readDevices(in, inventory.toString());
    }
    java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 28);
    io.ward.exposure.ExposureOptions options =
        io.ward.exposure.ExposureOptions.of(day)
            .withExposures(
                Map.of(device, new io.ward.exposure.risk.DeviceExposure(exposure, Set.of())));
    io.ward.engine.VulnerabilityAssessment result =
        io.ward.engine.VulnerabilityAssessment.run(
            devices, io.ward.exposure.feeds.LoadRequest.of(day).withFeeds(store), options);
    Map<String, io.ward.exposure.AssessedFinding> byId = new HashMap<>();
    result.report().findingsOf(device).forEach(a -> byId.put(a.finding().id(), a));
    return byId;
  }

  @Test
  void shouldScoreAPumpTalkingToAPublicAddressAsInternetExposed() throws IOException {
    Path store = importedStore();
    String pump = "mac:00:d0:75:00:00:01";
    // The affected pump sends HL7 to a public address: internet exposure, from traffic alone.
    Path inv = inventoryWithTraffic("internet.json", 1, "10.20.1.11", "8.8.8.8");
    JsonNode derived = vulnsJson(inv, store);
    assertThat(streams.stderr())
        .contains(pump + ": internet (traffic with public address 8.8.8.8)");
    JsonNode unknown = vulnsJson(inv, store, "--no-traffic-exposure");

    Map<String, io.ward.exposure.AssessedFinding> internet =
        expected(inv, store, pump, io.ward.exposure.risk.Exposure.INTERNET);
    Map<String, io.ward.exposure.AssessedFinding> asUnknown =
        expected(inv, store, pump, io.ward.exposure.risk.Exposure.UNKNOWN);
    Map<String, JsonNode> unknownById = new HashMap<>();
    unknown.path("findings").forEach(f -> unknownById.put(f.path("id").asText(), f));

    int checked = 0;
    int moreUrgent = 0;
    for (JsonNode f : derived.path("findings")) {
      if (!f.path("device").asText().equals(pump)
          || f.path("status").asText().equals("not-affected")) {
        continue;
      }
      String id = f.path("id").asText();
      var want = internet.get(id).risk();
      var was = asUnknown.get(id).risk();
      assertThat(f.path("decision").asText()).as(id).isEqualTo(want.decision().id());
      assertThat(f.path("score").asInt()).as(id).isEqualTo(want.score());
      List<String> why = new ArrayList<>();
      f.path("rationale").forEach(r -> why.add(r.asText()));
      assertThat(why).contains("exposure: reachable from the internet, one step more urgent");
      // Without the traffic the same finding is what the assessor gives an unknown exposure.
      JsonNode u = unknownById.get(id);
      assertThat(u.path("decision").asText()).as(id).isEqualTo(was.decision().id());
      assertThat(u.path("score").asInt()).as(id).isEqualTo(was.score());
      List<String> unknownWhy = new ArrayList<>();
      u.path("rationale").forEach(r -> unknownWhy.add(r.asText()));
      assertThat(unknownWhy).contains("exposure: unknown, treated as enterprise-reachable");
      // The rubric: internet adds 10 to the score where unknown adds 5, and raises the decision
      // one step, so both differ unless already at the top.
      if (was.score() < 100) {
        assertThat(want.score()).as(id).isGreaterThan(was.score());
        assertThat(f.path("score").asInt()).isNotEqualTo(u.path("score").asInt());
      }
      if (was.decision().ordinal() > 0) {
        assertThat(want.decision().ordinal()).as(id).isLessThan(was.decision().ordinal());
        moreUrgent++;
      }
      checked++;
    }
    assertThat(checked).isPositive();
    assertThat(moreUrgent).isPositive();
  }

  @Test
  void shouldCallPumpsTalkingOnlyInsideTheirVlanSegmentedOnlyWhenEveryFlowIsListed()
      throws IOException {
    Path store = importedStore();
    String pump = "mac:00:d0:75:00:00:01";
    Path all = inventoryWithTraffic("segmented.json", 1, "10.20.1.11", "10.20.1.12");
    JsonNode segmented = vulnsJson(all, store);
    Map<String, io.ward.exposure.AssessedFinding> want =
        expected(all, store, pump, io.ward.exposure.risk.Exposure.SEGMENTED);
    // One more flow than listed (an encrypted one, say): the pump could have talked anywhere.
    Path partial = inventoryWithTraffic("partial.json", 2, "10.20.1.11", "10.20.1.12");
    JsonNode unlisted = vulnsJson(partial, store);
    Map<String, io.ward.exposure.AssessedFinding> unknown =
        expected(partial, store, pump, io.ward.exposure.risk.Exposure.UNKNOWN);
    Map<String, JsonNode> unlistedById = new HashMap<>();
    unlisted.path("findings").forEach(f -> unlistedById.put(f.path("id").asText(), f));
    int checked = 0;
    for (JsonNode f : segmented.path("findings")) {
      if (!f.path("device").asText().equals(pump)
          || f.path("status").asText().equals("not-affected")) {
        continue;
      }
      String id = f.path("id").asText();
      List<String> why = new ArrayList<>();
      f.path("rationale").forEach(r -> why.add(r.asText()));
      assertThat(why)
          .contains(
              "exposure: segmented",
              "device only reachable inside its segment, one step less urgent");
      assertThat(f.path("decision").asText()).isEqualTo(want.get(id).risk().decision().id());
      assertThat(f.path("score").asInt()).isEqualTo(want.get(id).risk().score());
      JsonNode u = unlistedById.get(id);
      assertThat(u.path("decision").asText()).isEqualTo(unknown.get(id).risk().decision().id());
      assertThat(u.path("score").asInt()).isEqualTo(unknown.get(id).risk().score());
      assertThat(u.path("score").asInt()).isGreaterThan(f.path("score").asInt());
      checked++;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void shouldExitThreeWhenTheInventoryIsNotAnInventory() throws IOException {
    Path bad = Files.writeString(tmp.resolve("inv.json"), "{\"format\":\"something-else\"}");
    int code =
        WardCommand.execute("vulns", "--inventory", bad.toString(), "--feeds", tmp.toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr()).contains("inv.json");
  }

  /** The fixture with one value replaced at {@code $.devices[device]} (and {@code path} within). */
  private Path inventoryWith(int device, String path, JsonNode value) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("two-pumps.inventory.json")) {
      root = mapper.readTree(in);
    }
    JsonNode parent = root.path("devices").get(device);
    String[] steps = path.split("\\.");
    for (int i = 0; i < steps.length - 1; i++) {
      parent =
          steps[i].matches("\\d+") ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(steps[steps.length - 1], value);
    Path p = tmp.resolve("edited.json");
    mapper.writeValue(p.toFile(), root);
    return p;
  }

  private void assertRefusedInOneLine(Path inventory, String... expected) {
    int code =
        WardCommand.execute(
            "vulns", "--inventory", inventory.toString(), "--feeds", tmp.toString());
    String stderr = streams.stderr();
    assertThat(code).as(stderr).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stderr.lines().toList()).as(stderr).hasSize(1);
    assertThat(stderr)
        .startsWith("ward: " + inventory + ": ")
        .contains(expected)
        .doesNotContain("Exception")
        .doesNotContain("internal error");
    assertThat(streams.stdout()).isEmpty();
  }

  @Test
  void shouldExitThreeNamingTheFileAndPathOfADeviceTimeThatIsNotATime() throws IOException {
    var text = com.fasterxml.jackson.databind.node.TextNode.valueOf("yesterday");
    assertRefusedInOneLine(
        inventoryWith(1, "firstSeen", text), "$.devices[1].firstSeen", "\"yesterday\"");
  }

  @Test
  void shouldExitThreeNamingTheFileAndPathOfAnEvidenceTimeThatIsNotATime() throws IOException {
    var text = com.fasterxml.jackson.databind.node.TextNode.valueOf("yesterday");
    assertRefusedInOneLine(
        inventoryWith(0, "evidence.1.firstSeen", text),
        "$.devices[0].evidence[1].firstSeen",
        "\"yesterday\"");
  }

  @Test
  void shouldExitThreeOnATimeBeyondWhatWardHolds() throws IOException {
    var text = com.fasterxml.jackson.databind.node.TextNode.valueOf("9999-12-31T00:00:00Z");
    assertRefusedInOneLine(inventoryWith(0, "lastSeen", text), "$.devices[0].lastSeen", "9999");
  }

  @Test
  void shouldExitThreeOnAValueOfTheWrongTypeInsteadOfIgnoringIt() throws IOException {
    var text = com.fasterxml.jackson.databind.node.TextNode.valueOf("10.0.0.1");
    assertRefusedInOneLine(
        inventoryWith(0, "ips", text), "$.devices[0].ips", "expected a list", "\"10.0.0.1\"");
    streams.resetStderr();
    var numbers = new ObjectMapper().createArrayNode().add(7);
    assertRefusedInOneLine(
        inventoryWith(1, "protocols.client", numbers),
        "$.devices[1].protocols.client[0]",
        "expected a string");
    streams.resetStderr();
    assertRefusedInOneLine(
        inventoryWith(1, "vlans", new ObjectMapper().createObjectNode()),
        "$.devices[1].vlans",
        "expected a list, found an object");
  }

  @Test
  void shouldExitThreeNamingAnInventoryThatIsADirectory() {
    int code =
        WardCommand.execute("vulns", "--inventory", tmp.toString(), "--feeds", tmp.toString());
    String stderr = streams.stderr();
    assertThat(code).as(stderr).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stderr).isEqualTo("ward: " + tmp + ": is a directory, not an inventory file\n");
  }

  @Test
  void shouldRefuseAFindingsFileInAMissingDirectoryBeforeAssessing() throws IOException {
    Path json = tmp.resolve("nope/findings.json");
    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            inventory().toString(),
            "--feeds",
            tmp.toString(),
            "--json",
            json.toString());
    String stderr = streams.stderr();
    assertThat(code).as(stderr).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stderr)
        .isEqualTo("ward: --json " + json + ": no such directory " + json.getParent() + "\n");
  }
}
