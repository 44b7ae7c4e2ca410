package io.ward.server.ingest;

import static io.ward.server.ingest.SbomVexIngestTest.Contract.EMBEDDED;
import static io.ward.server.ingest.SbomVexIngestTest.Contract.HUB_MAC;
import static io.ward.server.ingest.SbomVexIngestTest.Contract.HUB_SERIAL;
import static io.ward.server.ingest.SbomVexIngestTest.Contract.LINKED;
import static io.ward.server.ingest.SbomVexIngestTest.Contract.MONITOR_MAC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ward.model.exposure.FindingStatus;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.api.JobJson;
import io.ward.server.audit.Actor;
import io.ward.server.config.WardProperties;
import io.ward.server.inventory.StoredDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A maker's standalone CycloneDX VEX that lists no components, naming each by BOM-link in the SBOM
 * uploaded for the device, applies on the server whichever arrives first: imported before the SBOM,
 * it waits (its import says so) and applies once the SBOM is uploaded; imported after it, or read
 * from the feed directory, it applies at once. The real medical-device case-study SBOMs (both list
 * wolfSSL 4.8.1 under their own bom-refs and serial numbers), as in {@link SbomVexIngestTest}. The
 * steps build on each other, so they run in order on one store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PendingVexIngestTest {
  static final String MONITOR_SERIAL = "9a9fb992-c015-4d78-91b5-88b6be21f53d";
  static final String NEVER_UPLOADED = "5f0f0da9-c03d-47d8-b38d-009e6df67094";

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("analyst", "127.0.0.1");
    ObjectNode hub;
    ObjectNode monitor;

    @Override
    protected void seed() throws Exception {
      long seen = 1_600_000_000_000_000_000L;
      StoredDevices.merge(
          store,
          "7".repeat(64),
          List.of(
              SbomVexIngestTest.Contract.device(HUB_MAC, "10.62.0.1", "Infusion Hub", "2.0", seen),
              SbomVexIngestTest.Contract.device(
                  MONITOR_MAC, "10.62.0.2", "Patient Monitor", "5.1", seen)));
      hub = SbomVexIngestTest.Contract.realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
      monitor = SbomVexIngestTest.Contract.realSbom("extended.sbom.json", "Patient Monitor", "5.1");
      submit(JobKind.FEED, "wolfssl-vdr.cdx.json", SbomVexIngestTest.Contract.report());
    }

    @Test
    @Order(1)
    void shouldSayThatAVexImportedBeforeItsSbomWaitsForIt() throws Exception {
      Job job = submit(JobKind.FEED, "acme-hub-vex.cdx.json", vex(LINKED, link(HUB_SERIAL, hub)));

      // Before, the import counted nothing and said nothing: the statement applied to no device.
      assertThat(JobJson.of(job).message())
          .contains(
              "1 VEX statements",
              "1 VEX statements waiting for their SBOM (they apply once it is uploaded)",
              LINKED,
              "urn:uuid:" + HUB_SERIAL);
    }

    @Test
    @Order(2)
    void shouldApplyTheWaitingVexOnceItsSbomIsUploaded() throws Exception {
      Job uploaded = submit(JobKind.SBOM, "infusion-hub.cdx.json", hub.toString());
      submit(JobKind.SBOM, "patient-monitor.cdx.json", monitor.toString());

      assertThat(uploaded.message()).doesNotContain("waiting");
      // Before, the VEX read from the uploaded feeds never met the uploaded SBOM: not applied.
      assertThat(wolfssl(HUB_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.AFFECTED), entry(LINKED, FindingStatus.NOT_AFFECTED));
      assertThat(wolfssl(MONITOR_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.AFFECTED), entry(LINKED, FindingStatus.AFFECTED));
    }

    @Test
    @Order(3)
    void shouldApplyAVexImportedAfterItsSbomAtOnce() throws Exception {
      Job job =
          submit(JobKind.FEED, "acme-hub-vex-2.cdx.json", vex(EMBEDDED, link(HUB_SERIAL, hub)));

      assertThat(job.message()).contains("1 VEX statements").doesNotContain("waiting");
      assertThat(wolfssl(HUB_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.NOT_AFFECTED),
              entry(LINKED, FindingStatus.NOT_AFFECTED));
      assertThat(wolfssl(MONITOR_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.AFFECTED), entry(LINKED, FindingStatus.AFFECTED));
    }

    @Test
    @Order(4)
    void shouldApplyAVexInTheFeedDirectoryThroughAnUploadedSbomAndNameTheOneMissing()
        throws Exception {
      ObjectNode vex = vex(LINKED, link(MONITOR_SERIAL, monitor));
      // A second product of the maker whose SBOM was never uploaded.
      ((ArrayNode) vex.at("/vulnerabilities/0/affects"))
          .addObject()
          .put("ref", "urn:cdx:" + NEVER_UPLOADED + "/1#" + wolfsslRef(hub));
      Path feedDir = store.bean(WardProperties.class).feedDirectory();
      Files.createDirectories(feedDir);
      Files.writeString(feedDir.resolve("acme-monitor-vex.cdx.json"), vex.toString());

      Job job = store.finished(store.bean(IngestService.class).refreshFeeds(actor).id());

      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.message())
          .contains("1 VEX statements waiting for their SBOM", "urn:uuid:" + NEVER_UPLOADED)
          .doesNotContain("urn:uuid:" + MONITOR_SERIAL);
      assertThat(wolfssl(MONITOR_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.AFFECTED), entry(LINKED, FindingStatus.NOT_AFFECTED));
      assertThat(wolfssl(HUB_MAC))
          .containsOnly(
              entry(EMBEDDED, FindingStatus.NOT_AFFECTED),
              entry(LINKED, FindingStatus.NOT_AFFECTED));
    }

    Job submit(JobKind kind, String name, String content) throws Exception {
      return SbomVexIngestTest.Contract.submitted(store, actor, kind, name, content);
    }

    Job submit(JobKind kind, String name, ObjectNode content) throws Exception {
      return submit(kind, name, content.toString());
    }

    /** The status of the device's findings of the two wolfSSL CVEs, by CVE. */
    Map<String, FindingStatus> wolfssl(String mac) {
      return SbomVexIngestTest.Contract.wolfsslStatuses(store, mac);
    }

    /** The BOM-link to wolfSSL in {@code sbom}, whose serial number is {@code serial}. */
    static String link(String serial, ObjectNode sbom) {
      return "urn:cdx:" + serial + "/1#" + wolfsslRef(sbom);
    }

    static String wolfsslRef(ObjectNode sbom) {
      return SbomVexIngestTest.Contract.bomRef(sbom, "WolfSSL");
    }

    /** A maker's VEX of its own, listing no component: {@code cve} not affected in {@code ref}. */
    static ObjectNode vex(String cve, String ref) {
      ObjectNode vex = SbomVexIngestTest.Contract.JSON.createObjectNode();
      vex.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
      vex.set("vulnerabilities", SbomVexIngestTest.Contract.notAffected(cve, ref));
      return vex;
    }
  }
}
