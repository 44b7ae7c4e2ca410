package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.StoredDevices;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Advisory feed import and finding assessment with real CISA data, on both databases. */
class FeedIngestTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("analyst", "127.0.0.1");

    /** Uploads an advisory feed file and waits for its job. */
    Job upload(Path file) throws Exception {
      return upload(Files.newInputStream(file), file.getFileName().toString());
    }

    Job upload(InputStream in, String name) throws Exception {
      try (in) {
        return store.finished(store.bean(IngestService.class).submitFeed(in, name, actor).id());
      }
    }

    /** Imports a device record (SBOM, MDS2 form, CMDB export) and waits for its job. */
    Job importRecord(JobKind kind, InputStream in, String name) throws Exception {
      try (in) {
        return store.finished(
            store.bean(IngestService.class).submitFile(kind, in, name, actor).id());
      }
    }

    @Test
    void shouldImportARealCsafAdvisoryAndAssessAMatchingPump() throws Exception {
      String mac = "00:0a:0b:00:10:01";
      long seen = 1_600_000_000_000_000_000L;
      Device pump =
          StoredDevices.device(
              mac,
              "10.20.1.5",
              "BD",
              "Alaris 8015",
              "9.1",
              Category.INFUSION_PUMP,
              Criticality.LIFE_CRITICAL,
              seen,
              List.of(
                  new Evidence(
                      "model",
                      "Alaris 8015",
                      "dhcp.vendorClass",
                      "Alaris 8015",
                      Optional.empty(),
                      0.9,
                      seen)));
      StoredDevices.merge(store, "d".repeat(64), List.of(pump));
      long deviceId =
          store.bean(DeviceQueryService.class).deviceByKey("mac:" + mac).orElseThrow().id();

      Job job = upload(TestData.file("advisories/cisa-csaf/medical-icsma/icsma-17-017-02.json"));
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.message()).contains("1 advisories");
      assertThat(store.count("advisory")).isEqualTo(1);

      List<FindingRow> findings = store.bean(FindingService.class).forDevice(deviceId);
      assertThat(findings).isNotEmpty();
      assertThat(findings).anySatisfy(f -> assertThat(f.vulnerability()).startsWith("CVE-2016-"));
      assertThat(findings.get(0).rationale()).isNotEmpty();
      var row = store.bean(DeviceQueryService.class).device(deviceId).orElseThrow();
      assertThat(row.riskScore()).isPositive();
      assertThat(row.openFindings()).isPositive();
    }

    @Test
    void shouldMergeACmdbExportIntoTheDeviceItDescribesAndCountTheRest() throws Exception {
      String mac = "00:0a:0b:00:20:02";
      Device monitor =
          StoredDevices.device(
              mac,
              "10.20.2.7",
              "Philips",
              null,
              null,
              Category.PATIENT_MONITOR,
              Criticality.HIGH,
              1_600_000_000_000_000_000L,
              List.of());
      StoredDevices.merge(store, "e".repeat(64), List.of(monitor));
      String csv =
          "asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,"
              + "mac_address,ip_address,host_name\n"
              + "A-100,Philips,IntelliVue MX450,SN-4711,M.00.03,ICU,Ward 4B,"
              + mac.toUpperCase(java.util.Locale.ROOT)
              + ",,icu-mon-1\n"
              + "A-101,GE,Carescape B650,SN-9,2.0,ICU,Ward 4B,,10.99.99.99,\n";
      Job done =
          importRecord(
              JobKind.CMDB,
              new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
              "cmdb.csv");
      assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.message()).contains("1 matched").contains("1 not seen");
      var device = store.bean(DeviceQueryService.class).deviceByKey("mac:" + mac).orElseThrow();
      assertThat(device.serial()).contains("SN-4711");
      assertThat(device.model()).contains("IntelliVue MX450");
      assertThat(device.vendor()).contains("Philips");
      assertThat(device.site()).contains("Ward 4B");
      var detail = store.bean(DeviceQueryService.class).detail(device.id()).orElseThrow();
      assertThat(detail.changes())
          .extracting(c -> c.attribute())
          .contains("serial", "model", "site");
      assertThat(detail.evidence()).anySatisfy(e -> assertThat(e.source()).isEqualTo("cmdb"));
    }

    @Test
    void shouldImportARealSbom() throws Exception {
      Path sbom = TestData.file("sbom/medical-device-casestudy/narrow.sbom.json");
      Job done = importRecord(JobKind.SBOM, Files.newInputStream(sbom), "narrow.sbom.json");
      assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.message()).startsWith("1 SBOMs");
    }

    @Test
    void shouldImportTheRealKevCatalog() throws Exception {
      Job job = upload(TestData.file("advisories/cisa-kev/known_exploited_vulnerabilities.json"));
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(store.count("kev_entry")).isGreaterThan(1000);
    }

    @Test
    void shouldFailAFileThatIsNoFeedAndStoreNothing() throws Exception {
      long advisories = store.count("advisory");
      long kev = store.count("kev_entry");
      Job done =
          upload(
              new ByteArrayInputStream("{\"hello\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8)),
              "hello.json");
      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.message()).startsWith("hello.json: ").contains("nothing was stored");
      assertThat(store.count("advisory")).isEqualTo(advisories);
      assertThat(store.count("kev_entry")).isEqualTo(kev);
    }
  }
}
