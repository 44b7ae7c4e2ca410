package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * {@code ward feeds import} and {@code ward vulns} with an advisory or a CycloneDX VEX found in two
 * folders: of two revisions the newest is used, both commands naming the two files.
 *
 * <p>Real files: CISA's ICSMA-20-254-01 version 4 (Update C), beside a copy of its Update B
 * (version 3) left in another folder; the medical-device case-study SBOMs, whose wolfSSL a maker's
 * VEX names by BOM-link.
 */
class FeedsRevisionsTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));
  static final ObjectMapper JSON = new ObjectMapper();

  /** The case-study SBOMs' serial numbers, as BOM-links write them. */
  static final String NARROW = "02826796-d30c-4aa6-b0a8-44207a01cb6c";

  static final String EXTENDED = "9a9fb992-c015-4d78-91b5-88b6be21f53d";
  static final String ACME_VEX_SERIAL = "urn:uuid:7f3d2c1b-8a9e-4f60-b5d4-3c2b1a0f9e8d";

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
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:02", "Philips", "IntelliVue MX800", "K.2"))
                .toString(),
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

  @Test
  void shouldApplyTheNewestCopyOfACycloneDxVexInTwoFoldersOnceAndNameBothFiles()
      throws IOException {
    Path source = tmp.resolve("from-acme");
    Path narrow = DATA.resolve("sbom/medical-device-casestudy/narrow.sbom.json");
    Files.createDirectories(source);
    Files.copy(narrow, source.resolve("infusion-hub.cdx.json"));
    String hubWolfssl = wolfssl(narrow);
    String monitorWolfssl =
        wolfssl(DATA.resolve("sbom/medical-device-casestudy/extended.sbom.json"));
    // One statement about the hub's wolfSSL, one waiting for the monitor's SBOM (not given), one
    // about a component the hub's SBOM does not list; version 2 left in another folder.
    Path older = Files.createDirectories(source.resolve("2023")).resolve("acme-vex.cdx.json");
    Path newer = Files.createDirectories(source.resolve("2024")).resolve("acme-vex.cdx.json");
    Files.writeString(older, acmeVex(1, "2023-05-02T00:00:00Z", hubWolfssl, monitorWolfssl));
    Files.writeString(newer, acmeVex(2, "2024-01-15T00:00:00Z", hubWolfssl, monitorWolfssl));
    Path store = tmp.resolve("store");

    int imported =
        WardCommand.execute("feeds", "import", "--store", store.toString(), source.toString());

    assertThat(imported).as(streams.stderr()).isZero();
    // Before, both copies counted: 2 statements waited, and the unlisted component warned twice.
    assertThat(streams.stdout())
        .contains("imported 3 files", "1 VEX statements wait for the SBOM their BOM-link names");
    assertThat(streams.stderr())
        .contains(
            newer
                + ": warning: CycloneDX VEX "
                + ACME_VEX_SERIAL
                + " here (version 2 of 2024-01-15T00:00:00Z) supersedes the copy in "
                + older
                + " (version 1 of 2023-05-02T00:00:00Z): this one is used");
    assertThat(occurrences(streams.stderr(), "(no bom-ref 'no-such-component')")).isOne();
    streams.resetStderr();

    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:03", "Acme Medical", "Infusion Hub", "2.0"))
                .toString(),
            "--feeds",
            store.toString(),
            "--today",
            "2025-01-01",
            "--json",
            tmp.resolve("findings.json").toString());

    assertThat(code).as(streams.stderr()).isZero();
    String vulns = streams.stderr();
    assertThat(vulns)
        .contains(
            "CycloneDX VEX "
                + ACME_VEX_SERIAL
                + " here (version 2 of 2024-01-15T00:00:00Z) supersedes the copy in "
                + store.resolve("cyclonedx/2023/acme-vex.cdx.json"));
    assertThat(occurrences(vulns, "(no bom-ref 'no-such-component')")).isOne();
    assertThat(occurrences(vulns, "which was not read with it")).isOne();
  }

  @Test
  void shouldMatchTheComponentsOfTheNewestCopyOfAnSbomOnlyAndNameBothFiles() throws IOException {
    // The hub's SBOM, version 2 shipping wolfSSL 5.5.2 (out of the report's range), beside the
    // version 1 copy (wolfSSL 4.8.1) left in another folder of the --sbom tree.
    Path feeds = Files.createDirectories(tmp.resolve("feeds"));
    Files.writeString(feeds.resolve("wolfssl-vdr.cdx.json"), CaseStudySbom.WOLFSSL_REPORT);
    Path sboms = tmp.resolve("sboms");
    Path older = Files.createDirectories(sboms.resolve("2023")).resolve("hub.cdx.json");
    Path newer = Files.createDirectories(sboms.resolve("2024")).resolve("hub.cdx.json");
    ObjectNode hub = CaseStudySbom.hub();
    Files.writeString(older, JSON.writeValueAsString(hub));
    hub.put("version", 2);
    for (JsonNode c : hub.path("components")) {
      if (c.path("name").asText().equals("WolfSSL")) {
        ((ObjectNode) c)
            .put("version", "5.5.2")
            .put("cpe", "cpe:2.3:a:wolfssl:wolfssl:5.5.2:*:*:*:*:*:*:*");
      }
    }
    Files.writeString(newer, JSON.writeValueAsString(hub));
    Path json = tmp.resolve("findings.json");

    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:05", "Acme Medical", "Infusion Hub", "2.0"))
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
    assertThat(occurrences(streams.stderr(), "CycloneDX BOM urn:uuid:" + NARROW)).isOne();
    assertThat(streams.stderr())
        .contains(
            newer
                + ": warning: CycloneDX BOM urn:uuid:"
                + NARROW
                + " here (version 2 of 2025-07-23T20:52:41.344402Z) supersedes the copy in "
                + older
                + " (version 1 of 2025-07-23T20:52:41.344402Z): this one is used");
    // Before, version 1's wolfSSL 4.8.1 was matched too: a finding the hub no longer has.
    for (JsonNode f : JSON.readTree(json.toFile()).path("findings")) {
      assertThat(f.path("cve").asText()).isNotEqualTo("CVE-2022-42905");
    }
  }

  @Test
  void shouldLetANewerVexWithoutStatementsImportedLaterWithdrawTheOlderOne() throws IOException {
    // A first delivery: the report, the hub's SBOM, and version 1 of Acme's VEX ('not affected').
    Path first = Files.createDirectories(tmp.resolve("delivery-1/2023"));
    Files.writeString(first.resolve("wolfssl-vdr.cdx.json"), CaseStudySbom.WOLFSSL_REPORT);
    ObjectNode hub = CaseStudySbom.hub();
    Files.writeString(first.resolve("hub.cdx.json"), JSON.writeValueAsString(hub));
    String ref = "urn:cdx:" + NARROW + "/1#" + wolfssl(hub);
    Files.writeString(first.resolve("acme-vex.cdx.json"), hubVex(1, ref, true));
    // A later one: version 2, whose vulnerability no longer carries an analysis.
    Path second = Files.createDirectories(tmp.resolve("delivery-2/2024"));
    Files.writeString(second.resolve("acme-vex.cdx.json"), hubVex(2, ref, false));
    Path store = tmp.resolve("store");

    assertThat(
            WardCommand.execute(
                "feeds", "import", "--store", store.toString(), first.getParent().toString()))
        .as(streams.stderr())
        .isZero();
    int imported =
        WardCommand.execute(
            "feeds", "import", "--store", store.toString(), second.getParent().toString());

    // Before: 'nothing usable in it, not imported' (exit code 4), and version 1 stayed in force.
    assertThat(imported).as(streams.stderr()).isZero();
    assertThat(streams.stdout()).contains("imported 1 files");
    assertThat(streams.stderr())
        .contains(
            second.resolve("acme-vex.cdx.json")
                + ": warning: imported all the same: as CycloneDX BOM "
                + ACME_VEX_SERIAL
                + " (version 2 of 2024-01-15T00:00:00Z) it withdraws what an older copy listed"
                + " or said");
    streams.resetStderr();
    Path json = tmp.resolve("findings.json");
    int code =
        WardCommand.execute(
            "vulns",
            "--inventory",
            HandWrittenInventory.write(
                    tmp,
                    HandWrittenInventory.device(
                        "00:00:5e:00:53:06", "Acme Medical", "Infusion Hub", "2.0"))
                .toString(),
            "--feeds",
            store.toString(),
            "--today",
            "2025-01-01",
            "--include-not-affected",
            "--json",
            json.toString());

    assertThat(code).as(streams.stderr()).isZero();
    assertThat(streams.stderr())
        .contains(
            "CycloneDX BOM "
                + ACME_VEX_SERIAL
                + " here (version 2 of 2024-01-15T00:00:00Z) supersedes the copy in "
                + store.resolve("cyclonedx/2023/acme-vex.cdx.json"));
    List<String> statuses = new ArrayList<>();
    for (JsonNode f : JSON.readTree(json.toFile()).path("findings")) {
      if (f.path("cve").asText().equals("CVE-2022-42905")) {
        statuses.add(f.path("status").asText());
      }
    }
    assertThat(statuses).containsExactly("affected");
  }

  /**
   * Acme's VEX of {@code version}, listing no components: CVE-2022-42905 in the component {@code
   * ref} names by BOM-link, not affected when {@code analysed}, else without an analysis.
   */
  private static String hubVex(int version, String ref, boolean analysed) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": %d,
         "serialNumber": "%s", "metadata": {"timestamp": "%s"},
         "vulnerabilities": [{"id": "CVE-2022-42905", %s"affects": [{"ref": "%s"}]}]}
        """
        .formatted(
            version,
            ACME_VEX_SERIAL,
            version == 1 ? "2023-05-02T00:00:00Z" : "2024-01-15T00:00:00Z",
            analysed
                ? "\"analysis\": {\"state\": \"not_affected\","
                    + " \"justification\": \"code_not_reachable\"}, "
                : "",
            ref);
  }

  /** The bom-ref of the SBOM's wolfSSL. */
  private static String wolfssl(JsonNode sbom) {
    return CaseStudySbom.bomRef(sbom, "WolfSSL");
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

  /**
   * Acme Medical's VEX, listing no components: CVE-2022-42905 does not reach the hub's wolfSSL, the
   * monitor's wolfSSL, nor a component the hub's SBOM does not list (each named by BOM-link).
   */
  private static String acmeVex(int version, String timestamp, String hub, String monitor) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": %d,
         "serialNumber": "%s", "metadata": {"timestamp": "%s"},
         "vulnerabilities": [{"id": "CVE-2022-42905",
           "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
           "affects": [{"ref": "urn:cdx:%s/1#%s"}, {"ref": "urn:cdx:%s/1#%s"},
                       {"ref": "urn:cdx:%s/1#no-such-component"}]}]}
        """
        .formatted(version, ACME_VEX_SERIAL, timestamp, NARROW, hub, EXTENDED, monitor, NARROW);
  }

  private static String wolfssl(Path sbom) throws IOException {
    return CaseStudySbom.bomRef(JSON.readTree(sbom.toFile()), "WolfSSL");
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
