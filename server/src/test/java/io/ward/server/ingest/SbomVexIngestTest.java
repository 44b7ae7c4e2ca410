package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.exposure.FindingStatus;
import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.StoredDevices;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A maker's CycloneDX "not affected" uploaded to the server, embedded in one product's SBOM or in a
 * VEX feed that names that SBOM by BOM-link, makes the component's findings not affected on the
 * devices of that product only. The real medical-device case-study SBOMs (both list wolfSSL 4.8.1),
 * their redacted subject replaced by two products of one maker; a maker's report lists two real
 * wolfSSL CVEs with the versions they affect.
 */
class SbomVexIngestTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    static final String HUB_MAC = "00:0a:0b:00:61:01";
    static final String MONITOR_MAC = "00:0a:0b:00:61:02";
    static final String DRIVER_MAC = "00:0a:0b:00:61:03";
    static final String HUB_SERIAL = "02826796-d30c-4aa6-b0a8-44207a01cb6c";
    static final String EMBEDDED = "CVE-2022-42905";
    static final String LINKED = "CVE-2023-3724";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final Actor actor = new Actor("analyst", "127.0.0.1");

    @Override
    protected void seed() throws Exception {
      long seen = 1_600_000_000_000_000_000L;
      StoredDevices.merge(
          store,
          "6".repeat(64),
          List.of(
              device(HUB_MAC, "10.61.0.1", "Infusion Hub", "2.0", seen),
              device(MONITOR_MAC, "10.61.0.2", "Patient Monitor", "5.1", seen),
              device(DRIVER_MAC, "10.61.0.3", "Syringe Driver", "3.0", seen)));
    }

    static io.ward.model.Device device(
        String mac, String ip, String model, String firmware, long seen) {
      return StoredDevices.device(
          mac,
          ip,
          "Acme Medical",
          model,
          firmware,
          Category.INFUSION_PUMP,
          Criticality.LIFE_CRITICAL,
          seen,
          List.of());
    }

    @Test
    void shouldApplyTheVexOnTheDevicesOfTheSbomItIsAboutOnly() throws Exception {
      submit(JobKind.FEED, "wolfssl-vdr.cdx.json", report());
      ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
      String wolfssl = bomRef(hub, "WolfSSL");
      hub.set("vulnerabilities", notAffected(EMBEDDED, wolfssl));
      submit(JobKind.SBOM, "infusion-hub.cdx.json", hub.toString());
      submit(
          JobKind.SBOM,
          "patient-monitor.cdx.json",
          realSbom("extended.sbom.json", "Patient Monitor", "5.1").toString());
      // A VEX of its own, listing the component and naming it in the hub's SBOM by BOM-link.
      ObjectNode vex = JSON.createObjectNode();
      vex.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
      vex.putArray("components").add(component(hub, wolfssl));
      vex.set("vulnerabilities", notAffected(LINKED, "urn:cdx:" + HUB_SERIAL + "/1#" + wolfssl));
      submit(JobKind.FEED, "acme-vex.cdx.json", vex.toString());

      assertThat(wolfssl(HUB_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.NOT_AFFECTED),
              entry(LINKED, FindingStatus.NOT_AFFECTED));
      // Before, each statement was scoped by wolfSSL and its version alone and silenced these too.
      assertThat(wolfssl(MONITOR_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.AFFECTED), entry(LINKED, FindingStatus.AFFECTED));
    }

    @Test
    void shouldLetANewerRevisionOfAVexWithoutStatementsWithdrawTheOlderOne() throws Exception {
      submit(JobKind.FEED, "wolfssl-vdr.cdx.json", report());
      ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
      submit(JobKind.SBOM, "infusion-hub.cdx.json", hub.toString());
      ObjectNode vex = JSON.createObjectNode();
      vex.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
      vex.put("serialNumber", "urn:uuid:7f3d2c1b-8a9e-4f60-b5d4-3c2b1a0f9e8d");
      vex.set(
          "vulnerabilities",
          notAffected(EMBEDDED, "urn:cdx:" + HUB_SERIAL + "/1#" + bomRef(hub, "WolfSSL")));
      submit(JobKind.FEED, "acme-vex-1.cdx.json", vex.toString());
      assertThat(wolfssl(HUB_MAC)).containsEntry(EMBEDDED, FindingStatus.NOT_AFFECTED);

      // Version 2 withdraws the statement: its vulnerabilities carry no analysis any more.
      vex.put("version", 2);
      vex.putArray("vulnerabilities");
      Job withdrawn = submitted(store, actor, JobKind.FEED, "acme-vex-2.cdx.json", vex.toString());

      // Before, the upload failed ('nothing usable') and version 1 went on silencing the finding.
      assertThat(wolfssl(HUB_MAC)).containsEntry(EMBEDDED, FindingStatus.AFFECTED);
      // Before, the message said what it read (no statement) and nothing of what went.
      assertThat(withdrawn.message())
          .contains(
              "supersedes the earlier upload acme-vex-1.cdx.json (version 1 of no release date):"
                  + " its 1 VEX statement and 0 components are withdrawn");
    }

    @Test
    void shouldSayWhatAnEmptiedRevisionOfAnUploadedSbomWithdraws() throws Exception {
      submit(JobKind.FEED, "wolfssl-vdr.cdx.json", report());
      // A product and serial number of its own: the class's store is shared by its tests.
      ObjectNode driver = realSbom("narrow.sbom.json", "Syringe Driver", "3.0");
      driver.put("serialNumber", "urn:uuid:3b1f0c7e-5d2a-4e8b-9c6f-1a2b3c4d5e6f");
      driver.set("vulnerabilities", notAffected(EMBEDDED, bomRef(driver, "WolfSSL")));
      submit(JobKind.SBOM, "syringe-driver.cdx.json", driver.toString());
      assertThat(wolfssl(DRIVER_MAC)).containsEntry(EMBEDDED, FindingStatus.NOT_AFFECTED);

      // Version 2 of its SBOM, emptied: it still names the product, lists nothing, says nothing.
      ObjectNode emptied = driver.deepCopy();
      emptied.put("version", 2);
      emptied.remove("components");
      emptied.remove("vulnerabilities");
      emptied.remove("dependencies");
      Job job =
          submitted(store, actor, JobKind.SBOM, "syringe-driver-v2.cdx.json", emptied.toString());

      // Before: "0 SBOMs (0 components), 0 VEX statements; …", nothing of what was withdrawn.
      assertThat(job.message())
          .startsWith("0 SBOMs (0 components), 0 VEX statements")
          .contains(
              "supersedes the earlier upload syringe-driver.cdx.json (version 1 of ",
              "its 1 VEX statement and 55 components are withdrawn");
      // Its components are withdrawn with its statement: no wolfSSL finding is left.
      assertThat(wolfssl(DRIVER_MAC)).isEmpty();
    }

    void submit(JobKind kind, String name, String content) throws Exception {
      submitted(store, actor, kind, name, content);
    }

    /** The job of {@code content} uploaded as {@code name} by {@code actor}, once it succeeded. */
    static Job submitted(TestStore store, Actor actor, JobKind kind, String name, String content)
        throws Exception {
      Job job =
          store.finished(
              store
                  .bean(IngestService.class)
                  .submitFile(
                      kind,
                      new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                      name,
                      actor)
                  .id());
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      return job;
    }

    /** The status of the device's findings of the two wolfSSL CVEs, by CVE. */
    Map<String, FindingStatus> wolfssl(String mac) {
      return wolfsslStatuses(store, mac);
    }

    /** The status of the device's findings of the two wolfSSL CVEs, by CVE. */
    static Map<String, FindingStatus> wolfsslStatuses(TestStore store, String mac) {
      long id = store.bean(DeviceQueryService.class).deviceByKey("mac:" + mac).orElseThrow().id();
      return store.bean(FindingService.class).forDevice(id).stream()
          .filter(f -> f.vulnerability().equals(EMBEDDED) || f.vulnerability().equals(LINKED))
          .collect(Collectors.toMap(FindingRow::vulnerability, FindingRow::status));
    }

    /** The maker's report: wolfSSL below 5.5.2 and below 5.6.2 affected by the two CVEs. */
    static String report() {
      return """
          {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
           "components": [{"bom-ref": "w", "type": "library", "name": "wolfSSL",
                           "purl": "pkg:github/wolfssl/wolfssl"}],
           "vulnerabilities": [
             {"id": "%s", "affects": [{"ref": "w", "versions": [
               {"range": "vers:generic/<5.5.2", "status": "affected"}]}]},
             {"id": "%s", "affects": [{"ref": "w", "versions": [
               {"range": "vers:generic/<5.6.2", "status": "affected"}]}]}]}
          """
          .formatted(EMBEDDED, LINKED);
    }

    /** A real case-study SBOM, its redacted subject replaced by an Acme Medical product. */
    static ObjectNode realSbom(String file, String model, String version) throws Exception {
      ObjectNode sbom =
          (ObjectNode)
              JSON.readTree(
                  Files.readString(TestData.file("sbom/medical-device-casestudy/" + file)));
      ObjectNode subject = (ObjectNode) sbom.get("metadata").get("component");
      subject.put("name", model).put("version", version).remove("author");
      subject.putObject("supplier").put("name", "Acme Medical");
      return sbom;
    }

    static String bomRef(JsonNode sbom, String name) {
      for (JsonNode c : sbom.get("components")) {
        if (c.get("name").asString().equals(name)) {
          return c.get("bom-ref").asString();
        }
      }
      throw new AssertionError("no component " + name);
    }

    static JsonNode component(JsonNode sbom, String ref) {
      for (JsonNode c : sbom.get("components")) {
        if (c.get("bom-ref").asString().equals(ref)) {
          return c.deepCopy();
        }
      }
      throw new AssertionError("no component " + ref);
    }

    /** {@code vulnerabilities[]}: {@code cve} not affected in the component {@code ref} names. */
    static JsonNode notAffected(String cve, String ref) {
      ObjectNode v = JSON.createObjectNode();
      v.put("id", cve);
      v.putObject("analysis")
          .put("state", "not_affected")
          .put("justification", "code_not_reachable");
      v.putArray("affects").addObject().put("ref", ref);
      return JSON.createArrayNode().add(v);
    }
  }
}
