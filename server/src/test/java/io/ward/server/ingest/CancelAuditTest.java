package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.RefusedAuditEntry;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A job's cancellation and its audit entry are stored in one transaction: when the entry cannot be
 * stored (PostgreSQL refuses it, through a trigger), the job is not cancelled either, queued or
 * running, and no entry names it. A cancellation that deadlocks with the job's merge still answers
 * with the job as the merge left it. PostgreSQL only: the refusal is a PL/pgSQL trigger.
 */
class CancelAuditTest extends StoreContract implements TestDatabase.Postgres {
  final Actor actor = new Actor("tester", "127.0.0.1");

  long cancelEntries(long id) {
    return store
        .jdbc()
        .sql("SELECT COUNT(*) FROM audit_log WHERE action = 'job.cancel' AND target = ?")
        .param("job:" + id)
        .query(Long.class)
        .single();
  }

  @Test
  void shouldLeaveAQueuedJobQueuedWhenItsCancellationCannotBeAudited() {
    JobStore jobs = store.bean(JobStore.class);
    JobService service = store.bean(JobService.class);
    long id = QueuedJobs.capture(store, "pcaps/ndpi/mqtt.pcap", '1');
    try (RefusedAuditEntry refused =
        RefusedAuditEntry.of(store.jdbc(), "job.cancel", "job:" + id)) {
      assertThatThrownBy(() -> service.cancel(id, actor))
          .hasMessageContaining(RefusedAuditEntry.MESSAGE);
    }
    Job job = jobs.get(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.finishedAt()).isEmpty();
    assertThat(cancelEntries(id)).isZero();
    assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();

    // Once the entry can be stored, the same cancellation is made and audited.
    assertThat(service.cancel(id, actor).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelEntries(id)).isOne();
  }

  @Test
  void shouldLetARunningJobFinishWhenItsCancellationCannotBeAudited() throws Exception {
    JobService service = store.bean(JobService.class);
    long id;
    try (QueuedJobs.Blocker running = QueuedJobs.block(store)) {
      assumeThat(running).as("a named pipe").isNotNull();
      id = running.id();
      try (RefusedAuditEntry refused =
          RefusedAuditEntry.of(store.jdbc(), "job.cancel", "job:" + id)) {
        assertThatThrownBy(() -> service.cancel(id, actor))
            .hasMessageContaining(RefusedAuditEntry.MESSAGE);
      }
      assertThat(store.bean(JobStore.class).get(id).orElseThrow().state())
          .isEqualTo(JobState.RUNNING);
    }
    // Not interrupted either: it read the whole capture the blocker wrote and stored it.
    Job done = store.finished(id);
    assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
    assertThat(cancelEntries(id)).isZero();
    assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
  }

  /**
   * A merge can hold the audit log's head (an entry for a remediation it verified) and then mark
   * its job succeeded; a cancellation between the two holds the job's row and waits for the head.
   * PostgreSQL ends one of them. Here the merge is another connection doing the same, and the
   * cancellation, waiting first, is the one ended: it is tried again and finds the job succeeded.
   *
   * <p>PostgreSQL checks for a deadlock once per wait, {@code deadlock_timeout} (1 s) after the
   * wait began. On a loaded machine this test's connection may start its own wait more than a
   * second after the cancellation did; then the cancellation's check finds no cycle yet and this
   * connection's finds it and is ended instead, which is not the case under test. The set-up is
   * then made again with a new job, a few times at most.
   */
  @Test
  void shouldAnswerWithTheMergedJobWhenItsCancellationDeadlocksWithTheMerge() throws Exception {
    String digits = "23456";
    for (int attempt = 0; attempt < digits.length(); attempt++) {
      Optional<Long> merged = mergeWhileCancelling(digits.charAt(attempt));
      if (merged.isPresent()) {
        long id = merged.get();
        assertThat(cancelEntries(id)).isZero();
        assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
        return;
      }
    }
    throw new AssertionError(
        "PostgreSQL ended this test's connection instead of the cancellation in every attempt");
  }

  /**
   * One attempt: the job's id once the merge committed and the cancellation answered with the
   * succeeded job; empty when PostgreSQL ended the merge's connection (the cancellation then went
   * through, on a job no later attempt uses).
   */
  private Optional<Long> mergeWhileCancelling(char digit) throws Exception {
    JobStore jobs = store.bean(JobStore.class);
    JobService service = store.bean(JobService.class);
    long id = QueuedJobs.capture(store, "pcaps/ndpi/mqtt.pcap", digit);
    assertThat(jobs.start(id)).isTrue();
    try (Connection merge = store.bean(DataSource.class).getConnection()) {
      merge.setAutoCommit(false);
      merge.createStatement().executeUpdate("UPDATE audit_head SET seq = seq WHERE id = 1");
      CompletableFuture<Optional<Job>> cancel =
          CompletableFuture.supplyAsync(() -> service.cancel(id, actor));
      awaitBlockedBy(merge);
      try (PreparedStatement succeed =
          merge.prepareStatement(
              "UPDATE ingest_job SET state = ?, finished_at = CURRENT_TIMESTAMP WHERE id = ?")) {
        succeed.setString(1, JobState.SUCCEEDED.id());
        succeed.setLong(2, id);
        assertThat(succeed.executeUpdate()).isOne();
      } catch (SQLException e) {
        if (!DEADLOCK_DETECTED.equals(e.getSQLState())) {
          throw e;
        }
        merge.rollback();
        cancel.get(30, TimeUnit.SECONDS);
        return Optional.empty();
      }
      merge.commit();
      Job answered = cancel.get(30, TimeUnit.SECONDS).orElseThrow();
      assertThat(answered.state()).isEqualTo(JobState.SUCCEEDED);
    }
    return Optional.of(id);
  }

  /** PostgreSQL's SQLSTATE for the transaction it ended to break a deadlock. */
  private static final String DEADLOCK_DETECTED = "40P01";

  /** Waits until another connection waits for a lock {@code holder} holds. */
  private void awaitBlockedBy(Connection holder) throws Exception {
    long pid;
    try (ResultSet rs = holder.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getLong(1);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (store
            .jdbc()
            .sql("SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")
            .param(pid)
            .query(Long.class)
            .single()
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the cancellation did not wait for the audit log's head");
      }
      Thread.sleep(20);
    }
  }
}
