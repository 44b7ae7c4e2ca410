package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import io.ward.server.audit.Actor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Uploads Ward refuses to store: one larger than {@code ward.ingest.max-upload-size}. No job, no
 * audit entry and no file is left, and nothing stored before changes.
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
  }
}
