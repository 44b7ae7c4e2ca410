package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward feeds import} and {@code ward vulns} with an advisory found in two folders: of two
 * revisions the newest is used, both commands naming the two files.
 *
 * <p>Real files: CISA's ICSMA-20-254-01 version 4 (Update C), beside a copy of its Update B
 * (version 3) left in another folder.
 */
class FeedsRevisionsTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  @Test
  void shouldUseTheNewestRevisionOfAnAdvisoryInTwoFoldersAndNameBothFiles() throws IOException {
    Path source = tmp.resolve("carried-in");
    Path real = DATA.resolve("advisories/cisa-csaf/medical-icsma/icsma-20-254-01.json");
    Path older = Files.createDirectories(source.resolve("2021")).resolve("icsma-20-254-01.json");
    Path newer = Files.createDirectories(source.resolve("2023")).resolve("icsma-20-254-01.json");
    Files.writeString(older, JSON.writeValueAsString(updateB(real)));
    Files.copy(real, newer);
    Path store = tmp.resolve("store");

    int imported =
        WardCommand.execute("feeds", "import", "--store", store.toString(), source.toString());

    assertThat(imported).as(streams.stderr()).isZero();
    assertThat(streams.stdout()).contains("imported 2 files");
    assertThat(streams.stderr())
        .contains(
            newer
                + ": warning: ICSMA-20-254-01 here (version 4 of 2023-12-14T07:00:00Z)"
                + " supersedes the copy in "
                + older
                + " (version 3 of 2021-11-08T07:00:00Z)");

    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            inventory(device("00:00:5e:00:53:02", "Philips", "IntelliVue MX800", "K.2")).toString(),
            "--feeds",
            store.toString(),
            "--today",
            "2025-01-01",
            "--json",
            tmp.resolve("findings.json").toString());

    assertThat(code).as(streams.stderr()).isZero();
    assertThat(streams.stderr())
        .contains(
            "ICSMA-20-254-01 here (version 4 of 2023-12-14T07:00:00Z) supersedes the copy in "
                + store.resolve("csaf/2021/icsma-20-254-01.json"));
  }

  /** ICSMA-20-254-01 as it was before Update C: version 3, released 2021-11-08. */
  private static ObjectNode updateB(Path real) throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(real.toFile());
    ObjectNode tracking = (ObjectNode) doc.get("document").get("tracking");
    tracking.put("current_release_date", "2021-11-08T07:00:00.000000Z").put("version", "3");
    ArrayNode history = (ArrayNode) tracking.get("revision_history");
    history.remove(history.size() - 1);
    ((ObjectNode) doc.get("document"))
        .put("title", "Philips Patient Monitoring Devices (Update B)");
    return doc;
  }

  private static ObjectNode device(String mac, String vendor, String model, String firmware) {
    ObjectNode d = JSON.createObjectNode();
    d.put("id", "mac:" + mac).put("mac", mac);
    d.putArray("ips");
    d.putArray("hostnames");
    d.putArray("vlans");
    d.put("vendor", vendor).put("model", model).putNull("os").put("firmware", firmware);
    d.putNull("serial").put("category", "pacs").putNull("modality");
    d.put("medical", true).put("criticality", "high");
    ObjectNode protocols = d.putObject("protocols");
    protocols.putArray("client");
    protocols.putArray("server");
    d.putArray("aeTitles");
    d.putArray("hl7Applications");
    d.put("firstSeen", "2024-03-04T08:00:00Z").put("lastSeen", "2024-03-04T09:00:00Z");
    d.putArray("evidence");
    return d;
  }

  private Path inventory(ObjectNode device) throws IOException {
    ObjectNode inventory = JSON.createObjectNode();
    inventory.put("format", "ward.inventory/1");
    inventory.putObject("generator").put("name", "hand-written test fixture").put("version", "1");
    inventory.putArray("captures");
    inventory.putArray("devices").add(device);
    Path file = tmp.resolve("inventory.json");
    Files.writeString(file, JSON.writeValueAsString(inventory));
    return file;
  }
}
