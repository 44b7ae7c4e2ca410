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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
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

    /**
     * A job whose ending waits for space does not hold up the other jobs' merges: they meet the
     * full disk themselves and end failed, shown so at once, instead of waiting for the merge lock,
     * shown running, until there is space. The waiting ending is that of a job analysed already
     * whose thread is interrupted while it waits for another job's merge, still stored running, as
     * a stopping server leaves one (or a cancellation the embedded database answered, then lost for
     * its full disk): the runner ends it cancelled, and the full disk refuses that ending.
     *
     * <p>The merge it waits for is held by another process on the database storing the same capture
     * at the same moment (this test's open transaction, rolled back once the disk is full).
     * PostgreSQL only: H2 gives up waiting for such a row after two seconds, and each write its
     * full disk refuses closes it, failing whichever read of the other jobs comes next.
     */
    @Test
    void shouldLetAnotherJobMergeWhileAnEndingWaitsForSpace() throws Exception {
      try (FullDisk disk = disk();
          TestStore store =
              TestStore.on(
                  disk.settings(elsewhere), Optional.empty(), Map.of("ward.ingest.threads", "2"))) {
        JobService service = store.bean(JobService.class);
        JobStore jobs = store.bean(JobStore.class);
        JobRunner runner = store.bean(JobRunner.class);
        // Merges last: started while there is space, it reads a named pipe until told.
        QueuedJobs.Blocker last = QueuedJobs.block(store);
        assertThat(last).as("a named pipe").isNotNull();
        long first = QueuedJobs.capture(store, "pcaps/ndpi/hl7.pcap", '7');
        long cancelled = QueuedJobs.capture(store, "pcaps/ndpi/modbus.pcap", '8');
        Thread waiting = new Thread(() -> runner.run(cancelled), "ward-test-cancelled-job");
        try {
          try (Connection other = store.bean(DataSource.class).getConnection()) {
            other.setAutoCommit(false);
            storeCaptureUncommitted(other, "7".repeat(64));
            service.schedule(first);
            awaitBlockedBy(store, other);
            waiting.start();
            awaitWaitingForTheMergeLock(waiting);
            waiting.interrupt();
            assertThat(disk.fill()).isPositive();
            onFullDisk(store);
            other.rollback();
          }
          Job firstShown = shown(service, first, JobState.FAILED);
          assertThat(firstShown.message()).isEqualTo(DiskFull.JOB);
          assertThat(shown(service, cancelled, JobState.CANCELLED).message())
              .isEqualTo(JobRunner.CANCELLED);

          try (OutputStream out = Files.newOutputStream(last.pipe())) {
            Files.copy(TestData.file("pcaps/ndpi/telnet.pcap"), out);
          }
          Job lastShown = shown(service, last.id(), JobState.FAILED);
          assertThat(lastShown.state())
              .as("the job merging after it: %s", lastShown.message())
              .isEqualTo(JobState.FAILED);
          assertThat(lastShown.message()).isEqualTo(DiskFull.JOB);
          assertThat(runner.merging(last.id())).as("its results were being stored").isTrue();
          assertThat(jobs.get(cancelled).orElseThrow().state())
              .as("the cancelled job, its ending waiting for space")
              .isEqualTo(JobState.RUNNING);

          disk.free();
          waiting.join(TimeUnit.MINUTES.toMillis(2));
          assertThat(waiting.isAlive()).as("the cancelled job's runner").isFalse();
          Job stored = jobs.get(cancelled).orElseThrow();
          assertThat(stored.state()).isEqualTo(JobState.CANCELLED);
          assertThat(stored.message()).isEqualTo(JobRunner.CANCELLED);
          assertThat(auditOf(store, cancelled))
              .containsExactly("system job.cancel modbus.pcap: " + JobRunner.CANCELLED);
          Contract.assertStoredOnce(store, firstShown);
          Contract.assertStoredOnce(store, lastShown);
        } finally {
          if (waiting.isAlive()) {
            waiting.interrupt();
            waiting.join(TimeUnit.MINUTES.toMillis(1));
          }
        }
      }
    }

    /**
     * The job as its user sees it once it is shown in {@code state}, or as it is after a minute.
     */
    private Job shown(JobService service, long id, JobState state) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      Job job = service.get(id).orElseThrow();
      while (job.state() != state && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(100);
        job = service.get(id).orElseThrow();
      }
      return job;
    }

    /**
     * Stores, in {@code other}'s open transaction, a capture with the upload hash {@code sha256},
     * as another process storing the same capture does: a merge storing it here waits for that
     * transaction to end.
     */
    private void storeCaptureUncommitted(Connection other, String sha256) throws Exception {
      try (PreparedStatement insert =
          other.prepareStatement(
              "INSERT INTO capture (sha256, content_sha256, filename, size_bytes, format, gzip,"
                  + " packets, wire_bytes, flows, observations, devices, ingested_by,"
                  + " ingested_at) VALUES (?, ?, 'hl7.pcap', 1, 'pcap', FALSE, 1, 1, 1, 1, 1,"
                  + " 'tester', CURRENT_TIMESTAMP)")) {
        insert.setString(1, sha256);
        insert.setString(2, sha256);
        assertThat(insert.executeUpdate()).isOne();
      }
    }

    /** Waits until another connection waits for a lock {@code holder} holds. */
    private void awaitBlockedBy(TestStore store, Connection holder) throws Exception {
      long pid;
      try (ResultSet rs = holder.createStatement().executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getLong(1);
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (store
              .jdbc()
              .sql("SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")
              .param(pid)
              .query(Long.class)
              .single()
          == 0) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the first job's merge did not wait for the other process");
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }

    /**
     * Waits until {@code runner}, analysis done, waits for the merge lock: parked in {@link
     * ReentrantLock#lock} called by the job runner.
     */
    private void awaitWaitingForTheMergeLock(Thread runner) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!(runner.getState() == Thread.State.WAITING
          && waitsForTheMergeLock(runner.getStackTrace()))) {
        if (!runner.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the job did not wait for the merge lock");
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }

    private static boolean waitsForTheMergeLock(StackTraceElement[] stack) {
      for (int i = 0; i + 1 < stack.length; i++) {
        if (stack[i].getClassName().equals(ReentrantLock.class.getName())
            && stack[i].getMethodName().equals("lock")
            && stack[i + 1].getClassName().equals(JobRunner.class.getName())) {
          return true;
        }
      }
      return false;
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
     * and is stored failed once there is space, not "cancelled". H2 takes the small update that
     * marks it running but cannot write it, and the runner refuses a start it cannot write: an
     * answered start that H2 lost later had left the job queued at its merge, where it was ended as
     * though a user had cancelled it (3 of 7 runs at load 7–15). PostgreSQL finds room for the
     * update in the table's page, and its merge is what the full disk refuses.
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
      // Ended when it was shown ended, not when a later try found space.
      assertThat(stored.finishedAt()).isEqualTo(shown.finishedAt());
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
