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

    Job ingest(String filename, byte[] content) throws Exception {
      Job job =
          store
              .bean(IngestService.class)
              .submitCapture(new ByteArrayInputStream(content), filename, actor);
      return store.finished(job.id());
    }

    /** What a capture counted twice would change: rows, flow sums, device updates. */
    Map<String, Object> totals() {
      Map<String, Object> m = new LinkedHashMap<>(counts());
      m.putAll(
          store
              .jdbc()
              .sql(
                  "SELECT COALESCE(SUM(flows), 0) AS flows, COALESCE(SUM(packets), 0) AS packets,"
                      + " COALESCE(SUM(bytes), 0) AS bytes,"
                      + " COALESCE(SUM(cleartext_flows), 0) AS cleartext FROM flow_hour")
              .query()
              .singleRow());
      m.put(
          "devices updated",
          store
              .jdbc()
              .sql("SELECT id, updated_at, last_seen FROM device ORDER BY id")
              .query()
              .listOfRows()
              .toString());
      return m;
    }

    @Test
    void shouldChangeNothingWhenTheSameCaptureComesAgainInAnotherGzipContainer() throws Exception {
      byte[] capture = Files.readAllBytes(TestData.file("pcaps/ndpi/modbus.pcap"));
      Job first = ingest("modbus.pcap", capture);
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      long id = first.captureId().orElseThrow();
      Map<String, Object> after = totals();
      assertThat((Number) after.get("flows")).matches(n -> n.longValue() > 0, "flows stored");

      Map<String, byte[]> containers = new LinkedHashMap<>();
      containers.put("modbus.pcap.gz", Gzip.plain(capture));
      containers.put(
          "modbus-best.pcap.gz",
          Gzip.members(capture, java.util.zip.Deflater.BEST_COMPRESSION, "modbus.pcap", 1, 1));
      containers.put(
          "modbus-split.gz",
          Gzip.members(
              capture, java.util.zip.Deflater.BEST_SPEED, "capture.pcap", 1_700_000_000L, 3));
      for (Map.Entry<String, byte[]> c : containers.entrySet()) {
        Job again = ingest(c.getKey(), c.getValue());
        assertThat(again.state())
            .as(c.getKey() + ": " + again.message())
            .isEqualTo(JobState.SUCCEEDED);
        assertThat(again.message())
            .as(c.getKey())
            .isEqualTo("already ingested as capture " + id + "; nothing changed");
        assertThat(again.captureId()).as(c.getKey()).contains(id);
        assertThat(totals()).as(c.getKey()).isEqualTo(after);
      }
    }

    @Test
    void shouldChangeNothingWhenACaptureFirstSentGzipCompressedComesAgainPlain() throws Exception {
      byte[] capture = Files.readAllBytes(TestData.file("pcaps/ndpi/netbios.pcap"));
      Job first =
          ingest(
              "netbios.pcap.gz",
              Gzip.members(capture, java.util.zip.Deflater.DEFAULT_COMPRESSION, "n.pcap", 7, 2));
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      long id = first.captureId().orElseThrow();
      Map<String, Object> after = totals();

      Job again = ingest("netbios.pcap", capture);
      assertThat(again.state()).as(again.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(again.message())
          .isEqualTo("already ingested as capture " + id + "; nothing changed");
      assertThat(totals()).isEqualTo(after);
    }

    @Test
    void shouldUpdateADeviceSeenAgainInAnotherCaptureInsteadOfDuplicatingIt() throws Exception {
      Path original = TestData.file("pcaps/arkime/wireshark-dhcp.pcap");
      Job first = ingest(original);
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      long devicesBefore = store.count("device");
      long sightingsBefore = store.count("device_sighting");

      // The same devices in another capture: its packets but the last (the same packets in
      // another container are the same capture, already ingested).
      Job second = ingest("wireshark-dhcp-3.pcap", withoutLastPacket(Files.readAllBytes(original)));
      assertThat(second.state()).as(second.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(second.devicesAdded()).isZero();
      assertThat(second.captureId()).isNotEqualTo(first.captureId());
      assertThat(store.count("device")).isEqualTo(devicesBefore);
      assertThat(store.count("device_sighting")).isGreaterThan(sightingsBefore);
      assertThat(store.count("capture")).isGreaterThanOrEqualTo(2);
    }

    /** A pcap file's bytes without its last packet record. */
    static byte[] withoutLastPacket(byte[] pcap) {
      java.nio.ByteOrder order =
          pcap[0] == (byte) 0xd4 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
      int last = 24;
      for (int p = 24; p < pcap.length; ) {
        last = p;
        p += 16 + java.nio.ByteBuffer.wrap(pcap, p + 8, 4).order(order).getInt();
      }
      return Arrays.copyOf(pcap, last);
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
