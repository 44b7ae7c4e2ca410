package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.inventory.DeviceQuery;
import io.ward.server.inventory.DeviceQueryService;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Capture ingest through the job service on both databases, with real captures. */
class CaptureIngestTest {
  static final List<String> TABLES =
      List.of(
          "capture",
          "device",
          "device_evidence",
          "device_change",
          "device_sighting",
          "flow_hour",
          "device_hour",
          "network");

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");

    Job ingest(Path file) throws Exception {
      try (InputStream in = Files.newInputStream(file)) {
        Job job =
            store.bean(IngestService.class).submitCapture(in, file.getFileName().toString(), actor);
        assertThat(job.state()).isIn(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
        return store.finished(job.id());
      }
    }

    Map<String, Long> counts() {
      Map<String, Long> m = new LinkedHashMap<>();
      TABLES.forEach(t -> m.put(t, store.count(t)));
      return m;
    }

    @Test
    void shouldStoreDevicesOfARealCaptureAndChangeNothingWhenTheSameCaptureComesAgain()
        throws Exception {
      Job first = ingest(TestData.file("pcaps/ndpi/hl7.pcap"));
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(first.captureId()).isPresent();
      assertThat(first.devicesAdded()).isGreaterThan(0);
      Map<String, Long> after = counts();
      assertThat(after.get("flow_hour")).isPositive();

      var devices = store.bean(DeviceQueryService.class);
      var hl7 = devices.search(DeviceQuery.all().withText("hl7").withLimit(50)).items();
      assertThat(hl7).isNotEmpty();
      assertThat(hl7)
          .anySatisfy(
              d ->
                  assertThat(
                          d.protocolsAsServer().contains("hl7")
                              || d.protocolsAsClient().contains("hl7"))
                      .isTrue());
      var detail = devices.detail(hl7.get(0).id()).orElseThrow();
      assertThat(detail.captures()).isEqualTo(1);
      assertThat(devices.peers(hl7.get(0).id(), 100)).extracting(p -> p.protocol()).contains("hl7");

      Job again = ingest(TestData.file("pcaps/ndpi/hl7.pcap"));
      assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(again.message()).contains("already ingested");
      assertThat(again.captureId()).isEqualTo(first.captureId());
      assertThat(counts()).isEqualTo(after);
    }

    @Test
    void shouldUpdateADeviceSeenAgainInAnotherCaptureInsteadOfDuplicatingIt() throws Exception {
      Path original = TestData.file("pcaps/arkime/wireshark-dhcp.pcap");
      Job first = ingest(original);
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      long devicesBefore = store.count("device");
      long sightingsBefore = store.count("device_sighting");

      // The same packets in a gzip file: different content hash, same devices.
      Path gz = Files.createTempFile(store.dataDir(), "again-", ".pcap.gz");
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
        Files.copy(original, out);
      }
      Job second = ingest(gz);
      assertThat(second.state()).as(second.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(second.devicesAdded()).isZero();
      assertThat(second.captureId()).isNotEqualTo(first.captureId());
      assertThat(store.count("device")).isEqualTo(devicesBefore);
      assertThat(store.count("device_sighting")).isGreaterThan(sightingsBefore);
      assertThat(store.count("capture")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldFailANonCaptureWithAClearMessageAndStoreNothing() throws Exception {
      Map<String, Long> before = counts();
      Job job;
      try (InputStream in =
          new ByteArrayInputStream(
              "MSH|^~\\&|not a capture\r".repeat(50).getBytes(StandardCharsets.US_ASCII))) {
        job = store.bean(IngestService.class).submitCapture(in, "notes.pcap", actor);
      }
      Job done = store.finished(job.id());
      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.message()).startsWith("notes.pcap: ").contains("nothing was stored");
      assertThat(done.message()).doesNotContain(store.dataDir().toString());
      assertThat(counts()).isEqualTo(before);
    }

    @Test
    void shouldFailATruncatedCaptureAndStoreNothing() throws Exception {
      byte[] whole =
          Files.readAllBytes(
              TestData.file("pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng"));
      byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
      Map<String, Long> before = counts();
      Job job =
          store
              .bean(IngestService.class)
              .submitCapture(new ByteArrayInputStream(cut), "cut.pcapng", actor);
      Job done = store.finished(job.id());
      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.message())
          .contains("cut.pcapng")
          .contains("truncated")
          .contains("nothing was stored");
      assertThat(counts()).isEqualTo(before);
    }

    @Test
    void shouldCancelAQueuedJobSoItNeverRuns() throws Exception {
      JobStore jobs = store.bean(JobStore.class);
      long id = QueuedJobs.capture(store, "pcaps/ndpi/mqtt.pcap", 'f');
      Job cancelled = store.bean(JobService.class).cancel(id, actor).orElseThrow();
      assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
      assertThat(cancelled.message()).contains("cancelled by tester");
      Map<String, Long> before = counts();
      store.bean(JobRunner.class).run(id);
      assertThat(jobs.get(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
      assertThat(counts()).isEqualTo(before);
    }

    @Test
    void shouldStopARunningAnalysisWhenItsThreadIsInterrupted() throws Exception {
      JobStore jobs = store.bean(JobStore.class);
      long id = QueuedJobs.capture(store, "pcaps/ndpi/telnet.pcap", '9');
      Map<String, Long> before = counts();
      JobRunner runner = store.bean(JobRunner.class);
      Thread worker =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                runner.run(id);
              });
      worker.start();
      worker.join();
      Job done = jobs.get(id).orElseThrow();
      assertThat(done.state()).as(done.message()).isEqualTo(JobState.CANCELLED);
      assertThat(counts()).isEqualTo(before);
    }

    @Test
    void shouldAuditEverySubmissionAndMerge() throws Exception {
      long before = store.count("audit_log");
      Job done = ingest(TestData.file("pcaps/ndpi/snmp.pcap"));
      assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
      List<String> actions =
          store
              .jdbc()
              .sql("SELECT action FROM audit_log WHERE seq > ? ORDER BY seq")
              .param(before)
              .query(String.class)
              .list();
      assertThat(actions).containsSubsequence("ingest.submit", "ingest.capture");
    }
  }
}
