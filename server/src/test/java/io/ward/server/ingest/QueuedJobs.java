package io.ward.server.ingest;

import io.ward.server.TestData;
import io.ward.server.TestStore;
import java.nio.file.Path;

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
}
