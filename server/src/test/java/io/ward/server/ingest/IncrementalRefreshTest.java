package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.config.WardProperties;
import io.ward.server.exposure.FindingRefresher;
import io.ward.server.inventory.StoredDevices;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A feed import re-assesses only the devices its knowledge can touch, and the findings are those a
 * full refresh gives. Real CISA advisories: a Smiths Medical Medfusion 4000 pump is matched by one
 * read from the feed directory, two BD Alaris 8015 pumps by one uploaded later. The steps build on
 * each other, so they run in order on one store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRefreshTest {
  static final String MEDFUSION = "advisories/cisa-csaf/medical-icsma/icsma-17-250-02a.json";
  static final String ALARIS = "advisories/cisa-csaf/medical-icsma/icsma-17-017-02.json";
  static final String FUJIFILM = "advisories/cisa-csaf/medical-icsma/icsma-19-113-01.json";
  static final String MEDFUSION_MAC = "00:0a:0b:00:51:01";
  static final String ALARIS_MAC = "00:0a:0b:00:51:02";
  static final String ALARIS_NO_FIRMWARE_MAC = "00:0a:0b:00:51:03";
  static final String KEV = "advisories/cisa-kev/known_exploited_vulnerabilities.json";

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("analyst", "127.0.0.1");
    Path feedDir;

    @Override
    protected void seed() throws Exception {
      long seen = 1_600_000_000_000_000_000L;
      StoredDevices.merge(
          store,
          "5".repeat(64),
          List.of(
              pump(MEDFUSION_MAC, "10.51.0.1", "Smiths Medical", "Medfusion 4000", null, seen),
              pump(ALARIS_MAC, "10.51.0.2", "BD", "Alaris 8015", "9.1", seen),
              pump(ALARIS_NO_FIRMWARE_MAC, "10.51.0.3", "BD", "Alaris 8015", null, seen)));
      feedDir = store.bean(WardProperties.class).feedDirectory();
      Files.createDirectories(feedDir);
      Files.copy(TestData.file(MEDFUSION), feedDir.resolve("medfusion.json"));
      Job job = succeeded(ingest().refreshFeeds(actor));
      // Only the Medfusion pump is of a model the advisory names.
      assertThat(job.message()).contains("; 1 devices re-assessed");
    }

    static Device pump(
        String mac, String ip, String vendor, String model, String firmware, long seen) {
      return StoredDevices.device(
          mac,
          ip,
          vendor,
          model,
          firmware,
          Category.INFUSION_PUMP,
          Criticality.LIFE_CRITICAL,
          seen,
          List.of());
    }

    IngestService ingest() {
      return store.bean(IngestService.class);
    }

    Job succeeded(Job submitted) throws InterruptedException {
      Job done = store.finished(submitted.id());
      assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
      return done;
    }

    Job upload(String file) throws Exception {
      try (InputStream in = Files.newInputStream(TestData.file(file))) {
        return succeeded(ingest().submitFeed(in, Path.of(file).getFileName().toString(), actor));
      }
    }

    /** Every stored finding of a device, whole rows, by finding key. */
    List<Map<String, Object>> findings(String mac) {
      return store
          .jdbc()
          .sql(
              "SELECT f.* FROM finding f JOIN device d ON d.id = f.device_id"
                  + " WHERE d.device_key = ? ORDER BY f.finding_key")
          .param("mac:" + mac)
          .query()
          .listOfRows();
    }

    /** Findings and device risk as they would be compared after a full refresh. */
    List<Map<String, Object>> assessed() {
      List<Map<String, Object>> rows =
          store
              .jdbc()
              .sql(
                  "SELECT d.device_key, f.finding_key, f.status, f.status_reason, f.score,"
                      + " f.decision, f.rationale, f.matched_by, f.remediations, d.risk_score,"
                      + " d.risk_decision, d.open_findings FROM device d LEFT JOIN finding f"
                      + " ON f.device_id = d.id ORDER BY d.device_key, f.finding_key")
              .query()
              .listOfRows();
      return rows;
    }

    void fullRefresh() {
      new TransactionTemplate(
              store.bean(org.springframework.transaction.PlatformTransactionManager.class))
          .executeWithoutResult(s -> store.bean(FindingRefresher.class).refreshAll());
    }

    @Test
    @Order(1)
    void shouldReassessOnlyTheDevicesOfTheModelANewAdvisoryNames() throws Exception {
      List<Map<String, Object>> medfusion = findings(MEDFUSION_MAC);
      assertThat(medfusion).isNotEmpty();
      assertThat(findings(ALARIS_MAC)).isEmpty();

      Job job = upload(ALARIS);

      assertThat(job.message()).contains("; 2 devices re-assessed");
      assertThat(findings(ALARIS_MAC)).isNotEmpty();
      assertThat(findings(ALARIS_NO_FIRMWARE_MAC)).isNotEmpty();
      // The Medfusion pump's rows were not written at all: last_seen and every column as before.
      assertThat(findings(MEDFUSION_MAC)).isEqualTo(medfusion);
    }

    @Test
    @Order(2)
    void shouldGiveTheFindingsAFullRefreshGives() {
      List<Map<String, Object>> incremental = assessed();
      fullRefresh();
      assertThat(assessed()).isEqualTo(incremental);
    }

    @Test
    @Order(3)
    void shouldRemoveTheFindingsOfAnAdvisoryThatDisappeared() throws Exception {
      List<Map<String, Object>> alaris = findings(ALARIS_MAC);
      Files.delete(feedDir.resolve("medfusion.json"));
      // The directory still holds a feed (one of nobody's model), so the refresh has something
      // to read.
      Files.copy(TestData.file(FUJIFILM), feedDir.resolve("fujifilm.json"));

      Job job = succeeded(ingest().refreshFeeds(actor));

      assertThat(job.message()).contains("; 1 devices re-assessed");
      assertThat(findings(MEDFUSION_MAC)).isEmpty();
      assertThat(findings(ALARIS_MAC)).isEqualTo(alaris);
      List<Map<String, Object>> incremental = assessed();
      fullRefresh();
      assertThat(assessed()).isEqualTo(incremental);
    }

    @Test
    @Order(4)
    void shouldReassessTheDevicesOfACveThatACatalogNoLongerLists() throws Exception {
      String cve =
          findings(ALARIS_MAC).stream()
              .map(r -> (String) r.get("vulnerability"))
              .filter(v -> v != null && v.startsWith("CVE-"))
              .findFirst()
              .orElseThrow();
      // A KEV catalog (the real catalog's header and first entry) that lists this CVE.
      tools.jackson.databind.JsonNode real =
          tools.jackson.databind.json.JsonMapper.builder()
              .build()
              .readTree(Files.readString(TestData.file(KEV)));
      tools.jackson.databind.node.ObjectNode catalog =
          (tools.jackson.databind.node.ObjectNode) real;
      tools.jackson.databind.node.ObjectNode entry =
          ((tools.jackson.databind.node.ObjectNode) real.get("vulnerabilities").get(0)).deepCopy();
      entry.put("cveID", cve);
      catalog.putArray("vulnerabilities").add(entry);
      catalog.put("count", 1);
      Files.writeString(feedDir.resolve("kev.json"), catalog.toString());
      succeeded(ingest().refreshFeeds(actor));
      assertThat(kev(ALARIS_MAC, cve)).isTrue();

      // The catalog is replaced by one that no longer lists it: the import names no CVE of these
      // devices, yet their findings must lose the KEV flag.
      entry.put("cveID", "CVE-1999-0001");
      catalog.putArray("vulnerabilities").add(entry);
      Files.writeString(feedDir.resolve("kev.json"), catalog.toString());
      Job job = succeeded(ingest().refreshFeeds(actor));

      assertThat(job.message()).contains("; 2 devices re-assessed");
      assertThat(kev(ALARIS_MAC, cve)).isFalse();
      List<Map<String, Object>> incremental = assessed();
      fullRefresh();
      assertThat(assessed()).isEqualTo(incremental);
    }

    boolean kev(String mac, String cve) {
      return findings(mac).stream()
          .filter(r -> cve.equals(r.get("vulnerability")))
          .allMatch(r -> Boolean.TRUE.equals(r.get("kev")));
    }

    @Test
    @Order(5)
    void shouldReassessEveryDeviceWhenAnSbomChangesHowModelsMatch() throws Exception {
      Path sbom = TestData.file("sbom/cyclonedx-examples/sbom-laravel-7.12.0.bom.1.4.json");
      try (InputStream in = Files.newInputStream(sbom)) {
        Job job =
            succeeded(ingest().submitFile(JobKind.SBOM, in, sbom.getFileName().toString(), actor));
        assertThat(job.message()).contains("; 3 devices re-assessed");
      }
    }
  }
}
