package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.DiskFull;
import io.ward.server.FullDisk;
import io.ward.server.FullTablespace;
import io.ward.server.TestData;
import io.ward.server.TestStore;
import io.ward.server.Tmpfs;
import io.ward.server.audit.AuditLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose results the database cannot store because its disk is full ends as failed, saying so,
 * and is audited by {@code system} as every ending the runner makes is, instead of staying
 * "running" (after an internal error in the log) until the server restarts. While the disk stays
 * full even its ending cannot be stored (it is audited, and the audit log cannot grow either): the
 * job is shown failed meanwhile, and stored so, audited once, when there is space again, without a
 * restart. Nothing of its results is stored. So is the ending of a job that fails for another
 * reason while the disk is full.
 *
 * <p>The disk is full for real, a small tmpfs filled until the kernel refuses more: the data
 * directory of the embedded database ({@link Tmpfs}), or a PostgreSQL tablespace holding the
 * store's database ({@link FullTablespace}). Each is skipped where it cannot be made (no root, no
 * {@code WARD_TEST_POSTGRES=1}). A capture job reads a named pipe, so that it starts while there is
 * space and merges once the disk is full; its tables are still empty, so the merge must grow them.
 */
class FullDiskJobTest {

  @Nested
  class OnH2 extends Contract {
    @Override
    FullDisk disk() throws Exception {
      return Tmpfs.mount(/* sizeMiB= */ 64);
    }

    /**
     * H2 writes commits from a thread of its own, up to a second after answering them: written now,
     * nothing is left to write when the disk fills, and the job's own writes are the first refused.
     */
    @Override
    void beforeFilling(TestStore store) {
      store.jdbc().sql("CHECKPOINT").update();
    }
  }

  @Nested
  class OnPostgres extends Contract {
    @Override
    FullDisk disk() throws Exception {
      return FullTablespace.open(/* sizeMiB= */ 32);
    }

    /**
     * PostgreSQL grows each table and index by itself: fill the audit log's last page too, so that
     * the job's ending cannot be stored either while the disk is full.
     */
    @Override
    void onFullDisk(TestStore store) {
      AuditLog audit = store.bean(AuditLog.class);
      for (int n = 0; n < 100_000; n++) {
        try {
          audit.append("tester", "test.fill", "disk", "entry " + n, "local");
        } catch (RuntimeException e) {
          if (!DiskFull.inDatabase(e)) {
            throw e;
          }
          return;
        }
      }
      throw new AssertionError("100000 audit entries were taken on a full disk");
    }
  }

  abstract static class Contract {
    @TempDir Path elsewhere;

    /** The disk the store's database is on. */
    abstract FullDisk disk() throws Exception;

    /** What to do before the disk is filled; nothing unless overridden. */
    void beforeFilling(TestStore store) {}

    /** What else to do once the disk is full, before the job goes on; nothing unless overridden. */
    void onFullDisk(TestStore store) {}

    @Test
    void shouldFailAJobWhoseMergeMeetsTheFullDiskSayingSoAndStoreThatOnceThereIsSpace()
        throws Exception {
      try (FullDisk disk = disk();
          TestStore store = TestStore.on(disk.settings(elsewhere), Optional.empty())) {
        long id = runOnFullDisk(disk, store, "pcaps/ndpi/hl7.pcap");
        Job shown = failed(() -> store.bean(JobService.class).get(id));
        assertThat(shown.state()).as(shown.message()).isEqualTo(JobState.FAILED);
        assertThat(shown.message()).isEqualTo(DiskFull.JOB);

        disk.free();
        assertStoredOnce(store, shown);
      }
    }

    /**
     * A job that fails for another reason while the disk is full (a file that is no capture) ends
     * with that reason, stored and audited once there is space: on the embedded database too, which
     * answers the ending committed and only then fails to write it.
     */
    @Test
    void shouldStoreTheEndingOfAJobThatFailsOnTheFullDiskForAnotherReasonOnceThereIsSpace()
        throws Exception {
      try (FullDisk disk = disk();
          TestStore store = TestStore.on(disk.settings(elsewhere), Optional.empty())) {
        long id =
            runOnFullDisk(disk, store, "advisories/cisa-csaf/medical-icsma/icsma-17-250-02a.json");
        Job shown = failed(() -> store.bean(JobService.class).get(id));
        assertThat(shown.state()).as(shown.message()).isEqualTo(JobState.FAILED);
        assertThat(shown.message()).endsWith("nothing was stored").doesNotContain("disk is full");

        disk.free();
        assertStoredOnce(store, shown);
      }
    }

    /**
     * A job uploaded while there was space, whose turn comes once the disk is full, fails saying so
     * and is stored failed once there is space. Both databases here still take the small update
     * that marks it running (H2 writes it later, PostgreSQL finds room in the table's page), so its
     * merge is what the full disk refuses; the runner's handling of a refused start is not reached.
     */
    @Test
    void shouldFailAQueuedJobWhoseTurnComesOnTheFullDisk() throws Exception {
      try (FullDisk disk = disk();
          TestStore store = TestStore.on(disk.settings(elsewhere), Optional.empty())) {
        long id = QueuedJobs.capture(store, "pcaps/ndpi/hl7.pcap", '7');
        beforeFilling(store);
        assertThat(disk.fill()).isPositive();
        onFullDisk(store);
        store.bean(JobService.class).schedule(id);
        Job shown = failed(() -> store.bean(JobService.class).get(id));
        assertThat(shown.state()).as(shown.message()).isEqualTo(JobState.FAILED);
        assertThat(shown.message()).isEqualTo(DiskFull.JOB);

        disk.free();
        assertStoredOnce(store, shown);
      }
    }

    /**
     * Starts a capture job reading a named pipe while there is space, fills the disk, then writes
     * {@code file} into the pipe; returns the job's id.
     */
    private long runOnFullDisk(FullDisk disk, TestStore store, String file) throws Exception {
      QueuedJobs.Blocker waiting = QueuedJobs.block(store);
      assertThat(waiting).as("a named pipe").isNotNull();
      beforeFilling(store);
      assertThat(disk.fill()).isPositive();
      onFullDisk(store);
      try (OutputStream out = Files.newOutputStream(waiting.pipe())) {
        Files.copy(TestData.file(file), out);
      } catch (IOException readerGone) {
        // The job closed the pipe once it had read enough to refuse the file.
      }
      return waiting.id();
    }

    /**
     * Asserts that the job is stored as it was {@code shown} while the disk was full, once there is
     * space, audited once by {@code system}, with nothing of its results stored.
     */
    private static void assertStoredOnce(TestStore store, Job shown) throws Exception {
      Job stored = failed(() -> store.bean(JobStore.class).get(shown.id()));
      assertThat(store.finished(shown.id())).isEqualTo(stored);
      assertThat(stored.state()).isEqualTo(JobState.FAILED);
      assertThat(stored.message()).isEqualTo(shown.message());
      assertThat(auditOf(store, shown.id()))
          .singleElement()
          .asString()
          .startsWith("system job.fail " + stored.filename() + ": ")
          .endsWith(shown.message());
      assertThat(store.count("capture")).isZero();
      assertThat(store.count("device")).isZero();
      assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
    }
  }

  /**
   * The job {@code read} reads once it has failed, or as it is after a minute. On the embedded
   * database a merge is answered committed before H2 writes it, so the job can be read succeeded
   * until that write fails; and a read fails when a write just failed for the full disk (H2 closed
   * the database; the next read opens it again), as a user's read would; it is read again.
   */
  private static Job failed(Supplier<Optional<Job>> read) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    Optional<Job> job = Optional.empty();
    while (System.nanoTime() < deadline) {
      try {
        job = read.get();
      } catch (RuntimeException e) {
        if (!DiskFull.inDatabase(e)) {
          throw e;
        }
      }
      if (job.isPresent() && job.get().state() == JobState.FAILED) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return job.orElseThrow();
  }

  /** The audit entries about a job: actor, action and detail of each, oldest first. */
  private static List<String> auditOf(TestStore store, long id) {
    return store
        .jdbc()
        .sql("SELECT actor, action, detail FROM audit_log WHERE target = ? ORDER BY seq")
        .param("job:" + id)
        .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
        .list();
  }
}
