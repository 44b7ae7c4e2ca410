package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.WardProperties;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads Ward refuses to store: one larger than {@code ward.ingest.max-upload-size}, and one the
 * disk has no space for. The disk is made full for real where a file is written: its bytes also go
 * to {@code /dev/full}, whose writes fail with ENOSPC ("No space left on device") as a full
 * filesystem's do. Either way no job, no audit entry and no file is left, and nothing stored before
 * changes.
 */
class UploadRefusalTest {
  static final int LIMIT = 16 * 1024;

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");

    @Override
    public TestStore newStore() throws Exception {
      return TestStore.open(
          this instanceof TestDatabase.Postgres, Map.of("ward.ingest.max-upload-size", "16KB"));
    }

    /** What an upload could leave behind: rows, audit entries, files under the uploads. */
    Map<String, Object> stored() throws IOException {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String table : List.of("ingest_job", "audit_log", "capture", "device")) {
        m.put(table, store.count(table));
      }
      Path uploads = store.dataDir().resolve("uploads");
      try (Stream<Path> files = Files.exists(uploads) ? Files.walk(uploads) : Stream.empty()) {
        m.put("files", files.filter(Files::isRegularFile).map(Path::toString).sorted().toList());
      }
      return m;
    }

    @Test
    void shouldRefuseAnUploadLargerThanTheLimitNamingItAndStoreNothing() throws Exception {
      byte[] capture = Files.readAllBytes(TestData.file("pcaps/ndpi/netbios.pcap"));
      assertThat(capture.length).isGreaterThan(LIMIT + 1);
      IngestService ingest = store.bean(IngestService.class);
      Map<String, Object> before = stored();

      UploadRefused refused =
          catchThrowableOfType(
              UploadRefused.class,
              () -> ingest.submitCapture(new ByteArrayInputStream(capture), "netbios.pcap", actor));
      assertThat(refused.reason()).isEqualTo(UploadRefused.Reason.TOO_LARGE);
      assertThat(refused.getMessage())
          .isEqualTo(
              "netbios.pcap is larger than the upload limit of 16 KiB"
                  + " (ward.ingest.max-upload-size); nothing was stored");
      assertThat(stored()).isEqualTo(before);

      // One byte over is refused; the limit itself is accepted.
      assertThat(
              catchThrowableOfType(
                  UploadRefused.class,
                  () ->
                      ingest.submitCapture(
                          new ByteArrayInputStream(Arrays.copyOf(capture, LIMIT + 1)),
                          "cut.pcap",
                          actor)))
          .isNotNull();
      assertThat(stored()).isEqualTo(before);
      Job atLimit =
          ingest.submitCapture(
              new ByteArrayInputStream(Arrays.copyOf(capture, LIMIT)), "cut.pcap", actor);
      assertThat(atLimit.sizeBytes()).isEqualTo(LIMIT);
      store.finished(atLimit.id());
    }

    @Test
    void shouldRefuseAnUploadTheFullDiskCannotTakeAndLeaveNothingBehind() throws Exception {
      byte[] capture = Files.readAllBytes(TestData.file("pcaps/ndpi/hl7.pcap"));
      WardProperties properties = store.bean(WardProperties.class);
      IngestService ingest =
          new IngestService(
              new FullDisk(properties),
              store.bean(JobStore.class),
              store.bean(JobService.class),
              store.bean(AuditLog.class),
              store.bean(TransactionTemplate.class),
              properties);
      Map<String, Object> before = stored();

      UploadRefused refused =
          catchThrowableOfType(
              UploadRefused.class,
              () -> ingest.submitCapture(new ByteArrayInputStream(capture), "hl7.pcap", actor));
      assertThat(refused.reason()).isEqualTo(UploadRefused.Reason.DISK_FULL);
      assertThat(refused.getMessage())
          .startsWith("hl7.pcap could not be stored: the server's disk is full")
          .endsWith("nothing was stored, free space there and upload it again");
      assertThat(refused).rootCause().hasMessageContaining("No space left on device");
      assertThat(stored()).isEqualTo(before);
    }
  }

  /**
   * The uploads on a full disk: each file is created, and what is written to it is also written to
   * {@code /dev/full}, so the first write fails as on a full filesystem, the file partly written.
   */
  static final class FullDisk extends UploadStore {
    FullDisk(WardProperties properties) {
      super(properties);
    }

    @Override
    OutputStream newFile(Path file) throws IOException {
      OutputStream real = super.newFile(file);
      OutputStream full = new FileOutputStream("/dev/full");
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          real.write(b, off, len);
          real.flush();
          full.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          try (real;
              full) {
            // both closed
          }
        }
      };
    }
  }
}
