package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.RefusedAuditEntry;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import org.junit.jupiter.api.Test;

/**
 * A job's cancellation and its audit entry are stored in one transaction: when the entry cannot be
 * stored (PostgreSQL refuses it, through a trigger), the job is not cancelled either, queued or
 * running, and no entry names it. PostgreSQL only: the refusal is a PL/pgSQL trigger.
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
}
