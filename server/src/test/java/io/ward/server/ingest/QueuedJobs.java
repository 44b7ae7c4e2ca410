package io.ward.server.ingest;

import io.ward.server.TestData;
import io.ward.server.TestStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Jobs put straight into the job table, as an upload leaves them, for tests that run them. */
final class QueuedJobs {
  private QueuedJobs() {}

  /**
   * A queued capture job for a test capture, created by {@code tester} in the table only: it is not
   * handed to the job service, so it runs only when the test runs it.
   *
   * @param relative the capture under the test data
   * @param digit repeated into the job's content hash, which must differ between jobs of one store
   */
  static long capture(TestStore store, String relative, char digit) {
    Path file = TestData.file(relative);
    return store
        .bean(JobStore.class)
        .create(
            JobKind.CAPTURE,
            file.getFileName().toString(),
            String.valueOf(digit).repeat(64),
            file.toString(),
            1,
            "tester");
  }

  /**
   * Holds the store's ingest thread (one by default) with a capture job reading a named pipe, so
   * that jobs scheduled meanwhile stay queued; {@link Blocker#close} writes a real capture into the
   * pipe and waits until that job has ended. Returns null where no named pipe can be made.
   */
  static Blocker block(TestStore store) throws Exception {
    Path pipe = store.dataDir().resolve("blocking-" + UUID.randomUUID() + ".pcap");
    if (new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() != 0) {
      return null;
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    JobStore jobs = store.bean(JobStore.class);
    long id =
        jobs.create(
            JobKind.CAPTURE,
            "blocking.pcap",
            HexFormat.of().formatHex(random),
            pipe.toString(),
            1,
            "tester");
    store.bean(JobService.class).schedule(id);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (jobs.get(id).orElseThrow().state() != JobState.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the blocking job did not start");
      }
      Thread.sleep(20);
    }
    return new Blocker(store, id, pipe);
  }

  /** A job holding the ingest thread until closed. */
  record Blocker(TestStore store, long id, Path pipe) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      try (OutputStream out = Files.newOutputStream(pipe)) {
        Files.copy(TestData.file("pcaps/ndpi/telnet.pcap"), out);
      }
      store.finished(id);
    }
  }
}
