package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Uploaded captures (HL7 and DICOM payloads: patient data) and CMDB exports are deleted when their
 * job ends, whatever the outcome, and at start when an earlier run left them; a capture sent again
 * is still recognised by its content hash. On both databases, with real captures.
 */
class UploadRetentionTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");

    Path uploads(String kind) {
      return store.dataDir().resolve("uploads").resolve(kind);
    }

    /** The regular files in an upload folder (none when it does not exist). */
    List<Path> files(String kind) throws IOException {
      Path dir = uploads(kind);
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> s = Files.list(dir)) {
        return s.filter(Files::isRegularFile).toList();
      }
    }

    Job upload(JobKind kind, InputStream in, String name) throws Exception {
      try (in) {
        return store.finished(
            store.bean(IngestService.class).submitFile(kind, in, name, actor).id());
      }
    }

    @Test
    void shouldDeleteACaptureWhenItsJobSucceedsAndStillKnowItWhenItComesAgain() throws Exception {
      Path hl7 = TestData.file("pcaps/ndpi/hl7.pcap");
      Job first = upload(JobKind.CAPTURE, Files.newInputStream(hl7), "hl7.pcap");
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(first.devicesAdded()).isPositive();
      assertThat(files("captures")).isEmpty();

      Job again = upload(JobKind.CAPTURE, Files.newInputStream(hl7), "hl7-again.pcap");
      assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(again.message()).contains("already ingested");
      assertThat(again.captureId()).isEqualTo(first.captureId());
      assertThat(files("captures")).isEmpty();
    }

    @Test
    void shouldDeleteTheUploadOfAFailedJob() throws Exception {
      byte[] notACapture =
          "MSH|^~\\&|not a capture\r".repeat(50).getBytes(StandardCharsets.US_ASCII);
      Job job = upload(JobKind.CAPTURE, new ByteArrayInputStream(notACapture), "notes.pcap");
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(files("captures")).isEmpty();

      // A capture cut short fails after part of it was analysed.
      byte[] whole =
          Files.readAllBytes(
              TestData.file("pcaps/dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng"));
      byte[] cut = java.util.Arrays.copyOf(whole, whole.length * 2 / 3);
      Job truncated = upload(JobKind.CAPTURE, new ByteArrayInputStream(cut), "cut.pcapng");
      assertThat(truncated.state()).isEqualTo(JobState.FAILED);
      assertThat(truncated.message()).contains("truncated");
      assertThat(files("captures")).isEmpty();
    }

    @Test
    void shouldDeleteTheUploadOfAJobCancelledWhileQueued() throws Exception {
      // Stored and recorded as an upload is, but queued only after the cancel, so the cancel
      // always lands first.
      UploadStore.Stored stored;
      try (InputStream in = Files.newInputStream(TestData.file("pcaps/ndpi/mqtt.pcap"))) {
        stored = store.bean(UploadStore.class).store(in, JobKind.CAPTURE, "mqtt.pcap");
      }
      long id =
          store
              .bean(JobStore.class)
              .create(
                  JobKind.CAPTURE,
                  "mqtt.pcap",
                  stored.sha256(),
                  stored.path().toString(),
                  stored.sizeBytes(),
                  "tester");
      assertThat(files("captures")).containsExactly(stored.path());
      JobService jobs = store.bean(JobService.class);
      assertThat(jobs.cancel(id, actor).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
      jobs.schedule(id);
      assertThat(store.finished(id).state()).isEqualTo(JobState.CANCELLED);
      // The runner's thread deletes it just after the job ended.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!files("captures").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(files("captures")).isEmpty();
    }

    @Test
    void shouldDeleteTheUploadOfAJobCancelledWhileQueuedBehindARunningOne() throws Exception {
      // One ingest thread, held by a job reading a named pipe until the test writes into it.
      Path pipe = store.dataDir().resolve("blocking-" + UUID.randomUUID() + ".pcap");
      Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
      assumeThat(mkfifo.waitFor()).as("mkfifo").isZero();
      JobStore jobs = store.bean(JobStore.class);
      JobService service = store.bean(JobService.class);
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      long blocking =
          jobs.create(
              JobKind.CAPTURE,
              "blocking.pcap",
              HexFormat.of().formatHex(random),
              pipe.toString(),
              1,
              "tester");
      service.schedule(blocking);
      try {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jobs.get(blocking).orElseThrow().state() != JobState.RUNNING
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(jobs.get(blocking).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        UploadStore.Stored stored;
        try (InputStream in = Files.newInputStream(TestData.file("pcaps/ndpi/mqtt.pcap"))) {
          stored = store.bean(UploadStore.class).store(in, JobKind.CAPTURE, "mqtt.pcap");
        }
        long queued =
            jobs.create(
                JobKind.CAPTURE,
                "mqtt.pcap",
                stored.sha256(),
                stored.path().toString(),
                stored.sizeBytes(),
                "tester");
        service.schedule(queued);
        assertThat(jobs.get(queued).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(service.cancel(queued, actor).orElseThrow().state())
            .isEqualTo(JobState.CANCELLED);

        // Ended at once, its upload deleted, while the job ahead of it still runs.
        long start = System.nanoTime();
        assertThat(service.await(queued, Duration.ofSeconds(5)).orElseThrow().state())
            .isEqualTo(JobState.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(stored.path()).doesNotExist();
        assertThat(jobs.get(blocking).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      } finally {
        try (OutputStream out = Files.newOutputStream(pipe)) {
          Files.copy(TestData.file("pcaps/ndpi/telnet.pcap"), out);
        }
      }
      assertThat(store.finished(blocking).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void shouldLeaveACaptureReadInPlaceWhereItIs() throws Exception {
      Path copy = Files.createTempFile(store.dataDir(), "in-place-", ".pcap");
      Files.copy(
          TestData.file("pcaps/ndpi/telnet.pcap"),
          copy,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Job job = store.finished(store.bean(IngestService.class).submitCaptureFile(copy, actor).id());
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(copy).exists();
    }

    @Test
    void shouldDeleteACmdbExportWhenItsJobEnds() throws Exception {
      InputStream csv =
          UploadRetentionTest.class.getResourceAsStream(
              "/io/ward/server/inventory/cmdb-reconcile.csv");
      Job job = upload(JobKind.CMDB, csv, "cmdb-reconcile.csv");
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(files("cmdb")).isEmpty();
    }

    @Test
    void shouldDeleteUploadsAnEarlierRunLeftWhenTheServerStartsAgain() throws Exception {
      // A crash while a capture was being analysed: its job is left running, its file on disk,
      // beside a half-written SBOM upload and an SBOM a finished job keeps as knowledge.
      Path captures = Files.createDirectories(uploads("captures"));
      Path leftCapture = captures.resolve("f".repeat(64) + "-left.pcap");
      Files.copy(TestData.file("pcaps/ndpi/hl7.pcap"), leftCapture);
      JobStore jobs = store.bean(JobStore.class);
      long running =
          jobs.create(
              JobKind.CAPTURE, "hl7.pcap", "f".repeat(64), leftCapture.toString(), 1, "tester");
      assertThat(jobs.start(running)).isTrue();
      Path sboms = Files.createDirectories(uploads("sboms"));
      Path halfWritten = Files.writeString(sboms.resolve(".upload-crashed"), "{\"bomFor");
      Path keptSbom = Files.writeString(sboms.resolve("e".repeat(64) + ".json"), "{}");
      // An upload the servlet container was receiving (HL7 in clear) when the server crashed.
      Path parts = Files.createDirectories(uploads(".parts"));
      Path leftPart = parts.resolve("upload_0123_00000001.tmp");
      Files.copy(TestData.file("pcaps/ndpi/hl7.pcap"), leftPart);

      try (ConfigurableApplicationContext restarted = store.startAnotherProcess()) {
        assertThat(jobs.get(running).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(leftCapture).doesNotExist();
        assertThat(halfWritten).doesNotExist();
        assertThat(keptSbom).exists();
        assertThat(leftPart).doesNotExist();
      }
    }
  }
}
