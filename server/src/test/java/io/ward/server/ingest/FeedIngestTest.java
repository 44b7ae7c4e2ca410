package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.server.TestData;
import io.ward.server.TestStore;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.inventory.CaptureFacts;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.InventoryWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Advisory feed import and finding assessment with real CISA data, on both databases. */
class FeedIngestTest {

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OnH2 extends Contract {
    @BeforeAll
    void open() throws Exception {
      store = TestStore.h2();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  class OnPostgres extends Contract {
    @BeforeAll
    void open() throws Exception {
      store = TestStore.postgres();
    }
  }

  abstract static class Contract {
    TestStore store;
    final Actor actor = new Actor("analyst", "127.0.0.1");

    @AfterAll
    void close() throws Exception {
      store.close();
    }

    Job upload(Path file) throws Exception {
      try (InputStream in = Files.newInputStream(file)) {
        Job job =
            store.bean(IngestService.class).submitFeed(in, file.getFileName().toString(), actor);
        return store.bean(JobService.class).await(job.id(), Duration.ofMinutes(10)).orElseThrow();
      }
    }

    @Test
    void shouldImportARealCsafAdvisoryAndAssessAMatchingPump() throws Exception {
      String mac = "00:0a:0b:00:10:01";
      Device pump =
          new Device(
              "mac:" + mac,
              Optional.of(MacAddress.parse(mac)),
              List.of(IpAddress.parse("10.20.1.5")),
              List.of(),
              Set.of(),
              Optional.of("BD"),
              Optional.of("Alaris 8015"),
              Optional.empty(),
              Optional.of("9.1"),
              Optional.empty(),
              Category.INFUSION_PUMP,
              Optional.empty(),
              true,
              Criticality.LIFE_CRITICAL,
              Set.of(),
              Set.of(),
              Set.of(),
              Set.of(),
              1_600_000_000_000_000_000L,
              1_600_000_000_000_000_000L,
              List.of(
                  new Evidence(
                      "model",
                      "Alaris 8015",
                      "dhcp.vendorClass",
                      "Alaris 8015",
                      Optional.empty(),
                      0.9,
                      1_600_000_000_000_000_000L)));
      store
          .bean(InventoryWriter.class)
          .merge(
              new CaptureFacts(
                  "d".repeat(64),
                  "seed.pcap",
                  1,
                  "pcap",
                  false,
                  1,
                  1,
                  0,
                  0,
                  Optional.empty(),
                  Optional.empty(),
                  List.of()),
              List.of(pump),
              List.of(),
              0,
              "tester");
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
      store
          .bean(InventoryWriter.class)
          .merge(
              new CaptureFacts(
                  "e".repeat(64),
                  "seed.pcap",
                  1,
                  "pcap",
                  false,
                  1,
                  1,
                  0,
                  0,
                  Optional.empty(),
                  Optional.empty(),
                  List.of()),
              List.of(
                  new Device(
                      "mac:" + mac,
                      Optional.of(MacAddress.parse(mac)),
                      List.of(IpAddress.parse("10.20.2.7")),
                      List.of(),
                      Set.of(),
                      Optional.of("Philips"),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Category.PATIENT_MONITOR,
                      Optional.empty(),
                      true,
                      Criticality.HIGH,
                      Set.of(),
                      Set.of(),
                      Set.of(),
                      Set.of(),
                      1_600_000_000_000_000_000L,
                      1_600_000_000_000_000_000L,
                      List.of())),
              List.of(),
              0,
              "tester");
      String csv =
          "asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,"
              + "mac_address,ip_address,host_name\n"
              + "A-100,Philips,IntelliVue MX450,SN-4711,M.00.03,ICU,Ward 4B,"
              + mac.toUpperCase(java.util.Locale.ROOT)
              + ",,icu-mon-1\n"
              + "A-101,GE,Carescape B650,SN-9,2.0,ICU,Ward 4B,,10.99.99.99,\n";
      Job job;
      try (InputStream in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))) {
        job = store.bean(IngestService.class).submitFile(JobKind.CMDB, in, "cmdb.csv", actor);
      }
      Job done = store.bean(JobService.class).await(job.id(), Duration.ofMinutes(10)).orElseThrow();
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
      Job job;
      try (InputStream in = Files.newInputStream(sbom)) {
        job =
            store.bean(IngestService.class).submitFile(JobKind.SBOM, in, "narrow.sbom.json", actor);
      }
      Job done = store.bean(JobService.class).await(job.id(), Duration.ofMinutes(10)).orElseThrow();
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
      Job job;
      try (InputStream in =
          new ByteArrayInputStream("{\"hello\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8))) {
        job = store.bean(IngestService.class).submitFeed(in, "hello.json", actor);
      }
      Job done = store.bean(JobService.class).await(job.id(), Duration.ofMinutes(10)).orElseThrow();
      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.message()).startsWith("hello.json: ").contains("nothing was stored");
      assertThat(store.count("advisory")).isEqualTo(advisories);
      assertThat(store.count("kev_entry")).isEqualTo(kev);
    }
  }
}
