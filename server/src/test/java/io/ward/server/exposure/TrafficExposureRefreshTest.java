package io.ward.server.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.ingest.IngestService;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobState;
import io.ward.server.inventory.StoredDevices;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The server scores a device's exposure from its stored traffic as {@code ward vulns} does. Two
 * real captures are ingested: a TLS 1.2 session of 10.0.0.1 with the public 74.125.228.37 (arkime),
 * and HL7 from 10.0.0.155 to 10.0.0.126 inside one /24 (nDPI). A CMDB export then names both
 * clients BD Alaris 8015 pumps, and the real CISA advisory for that pump is imported.
 */
class TrafficExposureRefreshTest {
  static final String ADVISORY = "advisories/cisa-csaf/medical-icsma/icsma-17-017-02.json";
  static final String INTERNET_PUMP = "10.0.0.1";
  static final String SEGMENTED_PUMP = "10.0.0.155";

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("analyst", "127.0.0.1");

    @Override
    protected void seed() throws Exception {
      for (String capture : List.of("pcaps/arkime/openssl-tls1_2.pcap", "pcaps/ndpi/hl7.pcap")) {
        try (InputStream in = Files.newInputStream(TestData.file(capture))) {
          succeeded(
              ingest().submitCapture(in, capture.substring(capture.lastIndexOf('/') + 1), actor));
        }
      }
      // A later sighting names both clients (as a DHCP vendor class would): BD Alaris 8015
      // pumps, the model of the advisory below. Nothing of their traffic changes.
      List<Device> pumps = new ArrayList<>();
      for (String ip : List.of(INTERNET_PUMP, SEGMENTED_PUMP)) {
        String mac =
            store
                .jdbc()
                .sql("SELECT mac FROM device WHERE ips = ?")
                .param(ip)
                .query(String.class)
                .single();
        pumps.add(
            StoredDevices.device(
                mac,
                ip,
                "BD",
                "Alaris 8015",
                null,
                Category.INFUSION_PUMP,
                Criticality.LIFE_CRITICAL,
                1_600_000_000_000_000_000L,
                List.of()));
      }
      StoredDevices.merge(store, "8".repeat(64), pumps);
      try (InputStream in = Files.newInputStream(TestData.file(ADVISORY))) {
        succeeded(ingest().submitFeed(in, "icsma-17-017-02.json", actor));
      }
    }

    IngestService ingest() {
      return store.bean(IngestService.class);
    }

    void succeeded(Job job) throws InterruptedException {
      Job done = store.finished(job.id());
      assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
    }

    long deviceWithIp(String ip) {
      return store
          .jdbc()
          .sql("SELECT id FROM device WHERE ips = ?")
          .param(ip)
          .query(Long.class)
          .single();
    }

    /** The advisory's CVE findings of a device, by CVE. */
    Map<String, FindingRow> cves(long deviceId) {
      return store.bean(FindingService.class).forDevice(deviceId).stream()
          .filter(f -> f.vulnerability().startsWith("CVE-"))
          .collect(Collectors.toMap(FindingRow::vulnerability, f -> f));
    }

    @Test
    void shouldScoreADeviceThatTalkedToAPublicAddressAsInternetExposed() {
      Map<String, FindingRow> findings = cves(deviceWithIp(INTERNET_PUMP));
      assertThat(findings).isNotEmpty();
      findings
          .values()
          .forEach(
              f ->
                  assertThat(f.rationale())
                      .as(f.vulnerability())
                      .contains("exposure: reachable from the internet, one step more urgent"));
    }

    @Test
    void shouldScoreADeviceWhosePeersAreAllInItsSubnetAsSegmented() {
      Map<String, FindingRow> findings = cves(deviceWithIp(SEGMENTED_PUMP));
      assertThat(findings).isNotEmpty();
      findings
          .values()
          .forEach(
              f ->
                  assertThat(f.rationale())
                      .as(f.vulnerability())
                      .contains("exposure: segmented")
                      .doesNotContain("reachable from the internet"));
    }

    @Test
    void shouldRankTheInternetExposedPumpAboveTheSegmentedOneForTheSameVulnerability() {
      Map<String, FindingRow> internet = cves(deviceWithIp(INTERNET_PUMP));
      Map<String, FindingRow> segmented = cves(deviceWithIp(SEGMENTED_PUMP));
      assertThat(internet.keySet()).isEqualTo(segmented.keySet());
      internet.forEach(
          (cve, f) -> assertThat(f.score()).as(cve).isGreaterThan(segmented.get(cve).score()));
    }

    @Test
    void shouldLeaveADeviceWithoutStoredTrafficUnknown() {
      String mac = "00:0a:0b:00:77:01";
      StoredDevices.merge(
          store,
          "7".repeat(64),
          List.of(
              StoredDevices.device(
                  mac,
                  "10.77.0.1",
                  "BD",
                  "Alaris 8015",
                  null,
                  Category.INFUSION_PUMP,
                  Criticality.LIFE_CRITICAL,
                  1_600_000_000_000_000_000L,
                  List.of())));
      long id =
          store
              .jdbc()
              .sql("SELECT id FROM device WHERE device_key = ?")
              .param("mac:" + mac)
              .query(Long.class)
              .single();
      store.bean(FindingRefresher.class).refresh(List.of(id));
      Map<String, FindingRow> findings = cves(id);
      assertThat(findings).isNotEmpty();
      findings
          .values()
          .forEach(
              f ->
                  assertThat(f.rationale())
                      .contains("exposure: unknown, treated as enterprise-reachable"));
    }
  }
}
