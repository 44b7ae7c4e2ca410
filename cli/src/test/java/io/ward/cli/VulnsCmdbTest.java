package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward analyze} on a real capture (an HL7 exchange between two VMs), then {@code ward vulns
 * --cmdb} with a crafted ServiceNow export and the real BD Alaris advisory: rows merge with the
 * observed devices, disagreements and duplicates are listed, an infusion pump never seen on the
 * network is matched from the CMDB alone, and a bad export stops the run with one line.
 */
class VulnsCmdbTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));

  /**
   * Rows: the HL7 sender by MAC (recorded with another maker than its VM's OUI), the HL7 receiver
   * by IP, a pump nobody saw, a spare without a model, and a stale duplicate of the sender's row.
   */
  static final String EXPORT =
      """
      asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,mac_address,ip_address,host_name
      ICU-GW-01,Capsule Technologies,SmartLinx Vitals Plus,,5.1,ICU,Bldg A / 3,00:0C:29:B5:B6:48,10.0.0.155,
      LIS-01,PCS Systemtechnik GmbH,Lab interface VM,,,Lab,Bldg B / 1,,10.0.0.126,
      PUMP-0042,"Becton, Dickinson and Company",Alaris PCU Model 8015,8015-9911,12.1.2,Oncology,Bldg A / 5,,,
      SPARE-7,Welch Allyn,,WA-7,,Stores,Bldg D,,,
      ICU-GW-01-OLD,Capsule Technologies,SmartLinx,,4.0,ICU,Bldg A / 3,00-0c-29-b5-b6-48,,
      """;

  static final String SENDER = "mac:00:0c:29:b5:b6:48";

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  /** The inventory of the real HL7 capture, as {@code ward analyze --json} writes it. */
  private Path inventory() {
    Path inv = tmp.resolve("hl7.inventory.json");
    int code =
        WardCommand.execute(
            "analyze",
            "--no-progress",
            "--json",
            inv.toString(),
            DATA.resolve("pcaps/ndpi/hl7.pcap").toString());
    assertThat(code).as(streams.stderr()).isZero();
    streams.resetStdout();
    streams.resetStderr();
    return inv;
  }

  /** A feeds directory with the real CISA advisory for the BD Alaris PCU. */
  private Path feeds() throws IOException {
    Path feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.copy(
        DATA.resolve("advisories/cisa-csaf/medical-icsma/icsma-23-194-01.json"),
        feeds.resolve("icsma-23-194-01.json"));
    return feeds;
  }

  private int vulns(Path inventory, Path feeds, Path cmdb, String... more) {
    List<String> args = new ArrayList<>();
    Stream.of(
            "vulns",
            "--inventory",
            inventory.toString(),
            "--feeds",
            feeds.toString(),
            "--cmdb",
            cmdb.toString(),
            "--today",
            "2026-11-28")
        .forEach(args::add);
    args.addAll(List.of(more));
    return WardCommand.execute(args.toArray(String[]::new));
  }

  @Test
  void shouldMergeTheExportAndMatchThePumpOnlyTheCmdbKnows() throws IOException {
    Path inv = inventory();
    Path cmdb = Files.writeString(tmp.resolve("servicenow-export.csv"), EXPORT);
    Path json = tmp.resolve("findings.json");
    int code = vulns(inv, feeds(), cmdb, "--json", json.toString());
    assertThat(code).as(streams.stderr()).isZero();

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode c = root.path("cmdb");
    assertThat(c.path("file").asText()).isEqualTo(cmdb.toString());
    assertThat(c.path("assets").asInt()).isEqualTo(5);
    assertThat(c.path("matched").asInt()).isEqualTo(2);
    List<String> kinds = new ArrayList<>();
    for (JsonNode conflict : c.path("conflicts")) {
      kinds.add(conflict.path("kind").asText());
      assertThat(conflict.path("message").asText()).isNotBlank();
      assertThat(conflict.path("source").asText()).startsWith(cmdb.toString() + ":");
    }
    assertThat(kinds).containsExactlyInAnyOrder("vendor", "duplicate-asset");
    JsonNode vendor = conflictOfKind(c, "vendor");
    assertThat(vendor.path("device").asText()).isEqualTo(SENDER);
    assertThat(vendor.path("observed").asText()).isEqualTo("VMware");
    assertThat(vendor.path("recorded").asText()).isEqualTo("Capsule Technologies");

    JsonNode pump = notObserved(c, "PUMP-0042");
    assertThat(pump.path("device").asText()).isEqualTo("cmdb:PUMP-0042");
    assertThat(pump.path("model").asText()).isEqualTo("Alaris PCU Model 8015");
    assertThat(pump.path("source").asText()).isEqualTo(cmdb + ":4");
    JsonNode spare = notObserved(c, "SPARE-7");
    assertThat(spare.path("device").isNull()).isTrue();

    // The pump is matched from the CMDB's own model and firmware, with the CMDB as evidence.
    List<JsonNode> pumpFindings = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      if (f.path("device").asText().equals("cmdb:PUMP-0042")) {
        pumpFindings.add(f);
      }
    }
    assertThat(pumpFindings)
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.path("advisory").asText()).isEqualTo("ICSMA-23-194-01");
              assertThat(f.path("status").asText()).isEqualTo("affected");
              assertThat(f.path("matchedBy").path("evidence").findValuesAsText("source"))
                  .contains("cmdb:model", "cmdb:softwareVersion");
            });
    assertThat(pumpFindings).extracting(f -> f.path("cve").asText()).contains("CVE-2023-30559");
    assertThat(root.path("problems")).isEmpty();
  }

  @Test
  void shouldPrintConflictsAndAssetsNobodySawInTheTextReport() throws IOException {
    Path inv = inventory();
    Path cmdb = Files.writeString(tmp.resolve("servicenow-export.csv"), EXPORT);
    int code = vulns(inv, feeds(), cmdb);
    assertThat(code).as(streams.stderr()).isZero();
    String text = streams.stdout();
    assertThat(text)
        .contains("CMDB " + cmdb + ": 5 assets, 2 matched observed devices, 2 not observed")
        .contains("cmdb:PUMP-0042  score")
        .contains("ICSMA-23-194-01");
    assertThat(text.lines().filter(l -> l.contains("- vendor") && l.contains("asset ICU-GW-01")))
        .singleElement()
        .satisfies(
            l -> assertThat(l).contains("on " + SENDER).contains("VMware").contains("Capsule"));
    assertThat(text.lines().filter(l -> l.contains("- duplicate-asset")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("asset ICU-GW-01-OLD").contains(SENDER));
    assertThat(text.lines().filter(l -> l.contains("asset PUMP-0042")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("matched as cmdb:PUMP-0042"));
    assertThat(text.lines().filter(l -> l.contains("asset SPARE-7")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("not matched against advisories"));
  }

  @Test
  void shouldStopWithOneLineAndKeepTheLastFindingsWhenTheExportIsNotACmdbExport()
      throws IOException {
    Path inv = inventory();
    Path json = Files.writeString(tmp.resolve("findings.json"), "{\"format\":\"last good\"}");
    Path notCsv =
        Files.write(
            tmp.resolve("export.csv"), Files.readAllBytes(DATA.resolve("pcaps/ndpi/hl7.pcap")));
    int code = vulns(inv, feeds(), notCsv, "--json", json.toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr().strip().lines()).singleElement();
    assertThat(streams.stderr())
        .startsWith("ward: " + notCsv + ": not a CSV export: binary content");
    assertThat(Files.readString(json)).isEqualTo("{\"format\":\"last good\"}");
    assertThat(streams.stdout()).isEmpty();
  }

  @Test
  void shouldStopWithOneLineWhenNoColumnOfTheMappingIsInTheHeader() throws IOException {
    Path inv = inventory();
    Path other = Files.writeString(tmp.resolve("other.csv"), "name;room\npump;5\n");
    int code = vulns(inv, feeds(), other);
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr().strip().lines()).singleElement();
    assertThat(streams.stderr())
        .contains(other.toString())
        .contains("no column of mapping 'servicenow'");
  }

  @Test
  void shouldUseTheGoodRowsAndNameTheLineOfABadOne() throws IOException {
    Path inv = inventory();
    // The last row has no identifier at all (no tag, serial, MAC, IP or host name).
    Path cmdb =
        Files.writeString(
            tmp.resolve("export.csv"), EXPORT + "\"\",Philips,IntelliVue MX800,,,ICU,Bldg A,,,\n");
    Path json = tmp.resolve("findings.json");
    int code = vulns(inv, feeds(), cmdb, "--json", json.toString());
    assertThat(code).isEqualTo(4);
    assertThat(streams.stderr()).contains(cmdb + " line 7: error:");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("cmdb").path("assets").asInt()).isEqualTo(5);
    assertThat(root.path("problems").findValuesAsText("location")).contains("line 7");
  }

  @Test
  void shouldExitThreeOnAMissingExport() throws IOException {
    Path inv = inventory();
    int code = vulns(inv, feeds(), tmp.resolve("missing.csv"));
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr()).contains("missing.csv").contains("no such file");
  }

  private static JsonNode conflictOfKind(JsonNode cmdb, String kind) {
    for (JsonNode n : cmdb.path("conflicts")) {
      if (n.path("kind").asText().equals(kind)) {
        return n;
      }
    }
    throw new AssertionError("no " + kind + " conflict in " + cmdb);
  }

  private static JsonNode notObserved(JsonNode cmdb, String tag) {
    for (JsonNode n : cmdb.path("notObserved")) {
      if (n.path("assetTag").asText().equals(tag)) {
        return n;
      }
    }
    throw new AssertionError("no not-observed asset " + tag + " in " + cmdb);
  }
}
