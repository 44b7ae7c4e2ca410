package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The same capture uploaded twice and analysed at once (two ingest threads): the job merging second
 * finds it stored and succeeds with "already ingested", as a later upload of it does.
 */
class ConcurrentCaptureTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {

    @Override
    public TestStore newStore() throws Exception {
      return TestStore.open(
          this instanceof TestDatabase.Postgres, Map.of("ward.ingest.threads", "2"));
    }

    @Test
    void shouldTellTheSecondOfTwoCopiesAnalysedAtOnceThatItIsAlreadyIngested() throws Exception {
      // Each copy is read from a named pipe: both jobs start, find the capture unknown, and wait
      // for their bytes; only then do both get them.
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String sha = HexFormat.of().formatHex(random);
      JobStore jobs = store.bean(JobStore.class);
      JobService service = store.bean(JobService.class);
      Path[] pipes = new Path[2];
      long[] ids = new long[2];
      for (int i = 0; i < 2; i++) {
        pipes[i] = store.dataDir().resolve("copy-" + i + ".pcap");
        Process mkfifo = new ProcessBuilder("mkfifo", pipes[i].toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo").isZero();
        ids[i] = jobs.create(JobKind.CAPTURE, "hl7.pcap", sha, pipes[i].toString(), 1, "tester");
      }
      for (long id : ids) {
        service.schedule(id);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while ((jobs.get(ids[0]).orElseThrow().state() != JobState.RUNNING
              || jobs.get(ids[1]).orElseThrow().state() != JobState.RUNNING)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      for (Path pipe : pipes) {
        try (OutputStream out = Files.newOutputStream(pipe)) {
          Files.copy(TestData.file("pcaps/ndpi/hl7.pcap"), out);
        }
      }
      Job first = store.finished(ids[0]);
      Job second = store.finished(ids[1]);
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(second.state()).as(second.message()).isEqualTo(JobState.SUCCEEDED);
      Job merged = first.message().startsWith("already ingested") ? second : first;
      Job told = merged == first ? second : first;
      assertThat(merged.devicesAdded()).isPositive();
      assertThat(told.message())
          .isEqualTo(
              "already ingested as capture "
                  + merged.captureId().orElseThrow()
                  + "; nothing changed");
      assertThat(told.captureId()).isEqualTo(merged.captureId());
      assertThat(
              store
                  .jdbc()
                  .sql("SELECT COUNT(*) FROM capture WHERE sha256 = ?")
                  .param(sha)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }
  }
}
