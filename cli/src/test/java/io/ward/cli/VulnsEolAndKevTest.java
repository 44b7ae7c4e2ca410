package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.kev.KevReader;
import io.ward.model.exposure.KevEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward vulns --eol FILE} and the {@code kevDueDate} of {@code --json}, on the real CISA
 * advisories and KEV catalog imported with {@code ward feeds import}.
 */
class VulnsEolAndKevTest {

  private static final Path DATA = VulnsCommandTest.DATA;
  private static final String WORKSTATION = "mac:00:1b:21:00:00:03";
  private static final String ISP = "mac:00:1b:21:00:00:09";

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  private Path store() {
    Path store = tmp.resolve("feeds");
    int code =
        WardCommand.execute(
            "feeds", "import", "--store", store.toString(), DATA.resolve("advisories").toString());
    assertThat(code).as(streams.stderr()).isIn(0, 4);
    return store;
  }

  /**
   * The two-pumps inventory with the workstation on {@code workstationOs} and a Philips
   * IntelliSpace Portal 8 server (ICSMA-18-058-02, whose Windows CVEs are in KEV) added.
   */
  private Path inventory(String workstationOs) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode inv =
        (ObjectNode) mapper.readTree(getClass().getResourceAsStream("two-pumps.inventory.json"));
    ObjectNode isp = null;
    for (JsonNode d : inv.path("devices")) {
      if (d.path("id").asText().equals(WORKSTATION)) {
        ((ObjectNode) d).put("os", workstationOs);
        isp = ((ObjectNode) d).deepCopy();
      }
    }
    isp.put("id", ISP)
        .put("mac", "00:1b:21:00:00:09")
        .put("vendor", "Philips Healthcare")
        .put("model", "IntelliSpace Portal 8.0.x")
        .put("category", "clinical-system")
        .putNull("os");
    isp.putArray("ips").add("10.20.1.90");
    isp.putArray("hostnames").add("ISP-01");
    ((com.fasterxml.jackson.databind.node.ArrayNode) inv.path("devices")).add(isp);
    Path p = tmp.resolve("inventory-" + workstationOs.hashCode() + ".json");
    mapper.writeValue(p.toFile(), inv);
    return p;
  }

  private JsonNode vulns(Path inventory, Path store, String... extra) throws IOException {
    Path json = tmp.resolve("findings-" + System.nanoTime() + ".json");
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

  private static List<JsonNode> findingsOf(JsonNode root, String device, String kind) {
    List<JsonNode> out = new ArrayList<>();
    root.path("findings")
        .forEach(
            f -> {
              if (f.path("device").asText().equals(device)
                  && f.path("kind").asText().equals(kind)) {
                out.add(f);
              }
            });
    return out;
  }

  @Test
  void shouldWriteCisasDueDateForKevFindingsAndNullForTheOthers() throws IOException {
    Map<String, KevEntry> kev =
        new KevReader()
                .read(DATA.resolve("advisories/cisa-kev/known_exploited_vulnerabilities.json"))
                .items()
                .stream()
                .collect(Collectors.toMap(KevEntry::cve, Function.identity(), (a, b) -> a));
    JsonNode root = vulns(inventory("Windows 11 Pro"), store());
    int inKev = 0;
    for (JsonNode f : root.path("findings")) {
      assertThat(f.has("kevDueDate")).as(f.path("id").asText()).isTrue();
      if (f.path("kev").asBoolean()) {
        String cisa = kev.get(f.path("cve").asText()).dueDate().orElseThrow().toString();
        assertThat(f.path("kevDueDate").asText()).isEqualTo(cisa);
        List<String> why = new ArrayList<>();
        f.path("rationale").forEach(r -> why.add(r.asText()));
        assertThat(why)
            .anySatisfy(l -> assertThat(l).contains("CISA remediation due date " + cisa));
        inKev++;
      } else {
        assertThat(f.path("kevDueDate").isNull()).isTrue();
      }
    }
    assertThat(inKev).as("KEV findings on the IntelliSpace Portal").isPositive();
  }

  @Test
  void shouldJudgeEndOfLifeWithTheUsersEntries() throws IOException {
    Path store = store();
    Path inv = inventory("QNX Neutrino 6.4.1");
    assertThat(findingsOf(vulns(inv, store), WORKSTATION, "end-of-life")).isEmpty();
    Path eol = tmp.resolve("hospital-eol.yaml");
    Files.writeString(
        eol,
        """
        platforms:
          - id: qnx-6.4
            name: QNX Neutrino 6.4
            match: 'qnx\\s*neutrino\\s*6\\.4'
            securityEnd: 2018-12-31
            source: maker's end-of-support letter to the hospital
        """);
    List<JsonNode> f =
        findingsOf(vulns(inv, store, "--eol", eol.toString()), WORKSTATION, "end-of-life");
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.path("title").asText())
                  .isEqualTo(
                      "QNX Neutrino 6.4 is end of life: no security updates since 2018-12-31");
              assertThat(x.path("matchedBy").path("explanation").asText())
                  .contains("maker's end-of-support letter");
            });
  }

  @Test
  void shouldStopOnABadEolFileNamingTheFileAndTheLine() throws IOException {
    Path eol = tmp.resolve("bad-eol.yaml");
    Files.writeString(
        eol,
        """
        platforms:
          - id: qnx-6.4
            match: 'qnx\\s*6\\.4'
            securityEnd: 31/12/2018
            source: letter
        """);
    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            inventory("QNX 6.4").toString(),
            "--feeds",
            store().toString(),
            "--eol",
            eol.toString());
    assertThat(code).isEqualTo(3);
    assertThat(streams.stderr())
        .contains(
            "--eol "
                + eol
                + " line 2: platform qnx-6.4: securityEnd '31/12/2018' is not a YYYY-MM-DD date");
  }
}
