package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.inventory.KnowledgeBase;
import io.ward.server.RefusedAuditEntry;
import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.DurableCommits;
import io.ward.server.config.WardProperties;
import io.ward.server.exposure.FindingRefresher;
import io.ward.server.exposure.KnowledgeImporter;
import io.ward.server.inventory.CmdbMerger;
import io.ward.server.inventory.InventoryWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Jobs that cannot finish normally end as failed with a reason: one stopped by an {@link Error}
 * (out of memory, stack overflow) in its own analysis, and ones a crashed earlier process left
 * queued or running, failed and audited when the server starts again. Every job the runner itself
 * fails or cancels is audited as done by {@code system}, with its new state. On both databases.
 */
class JobFailureTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {

    /**
     * The real runner, except that loading the fingerprint knowledge (the first step of every
     * capture analysis) throws {@code error}: an Error cannot be provoked on demand otherwise.
     */
    JobRunner runnerFailingWith(Supplier<Error> error) {
      return new JobRunner(
          store.bean(JobStore.class),
          new FailingProvider(error),
          store.bean(InventoryWriter.class),
          store.bean(KnowledgeImporter.class),
          store.bean(FindingRefresher.class),
          store.bean(CmdbMerger.class),
          store.bean(FeedSync.class),
          store.bean(AuditLog.class),
          store.bean(TransactionTemplate.class),
          store.bean(UnstoredEndings.class),
          store.bean(DurableCommits.class),
          store.bean(WardProperties.class));
    }

    long captureJob(char sha256Digit) {
      return QueuedJobs.capture(store, "pcaps/ndpi/hl7.pcap", sha256Digit);
    }

    @Test
    void shouldFailAJobStoppedByOutOfMemoryInsteadOfLeavingItRunning() {
      long id = captureJob('a');
      long devices = store.count("device");
      runnerFailingWith(() -> new OutOfMemoryError("Java heap space")).run(id);
      Job job = store.bean(JobStore.class).get(id).orElseThrow();
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.message()).contains("out of memory").contains("nothing stored");
      assertThat(job.finishedAt()).isPresent();
      assertThat(store.count("device")).isEqualTo(devices);
    }

    @Test
    void shouldFailAJobStoppedByAStackOverflow() {
      long id = captureJob('b');
      runnerFailingWith(StackOverflowError::new).run(id);
      Job job = store.bean(JobStore.class).get(id).orElseThrow();
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.message()).contains("stack overflow").contains("nothing stored");
    }

    /** The audit entries about a job: actor, action and detail of each, oldest first. */
    List<String> auditOf(long id) {
      return store
          .jdbc()
          .sql("SELECT actor, action, detail FROM audit_log WHERE target = ? ORDER BY seq")
          .param("job:" + id)
          .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
          .list();
    }

    @Test
    void shouldAuditAJobTheRunnerFailsAsDoneBySystem() throws Exception {
      // A real file that is no capture: the engine refuses it and the runner fails the job.
      long id =
          QueuedJobs.capture(
              store, "advisories/cisa-csaf/medical-icsma/icsma-17-250-02a.json", 'f');
      store.bean(JobRunner.class).run(id);
      Job job = store.bean(JobStore.class).get(id).orElseThrow();
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(auditOf(id))
          .singleElement()
          .asString()
          .startsWith("system job.fail icsma-17-250-02a.json")
          .endsWith(job.message());

      // And one stopped by an Error: its detail names the file, then why.
      long oom = captureJob('0');
      runnerFailingWith(() -> new OutOfMemoryError("Java heap space")).run(oom);
      assertThat(auditOf(oom))
          .singleElement()
          .asString()
          .startsWith("system job.fail hl7.pcap: the server ran out of memory");
      assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
    }

    /**
     * A job whose thread is interrupted while it runs (a server stopping interrupts its jobs) is
     * cancelled by the runner, and audited as such; a job a user cancels is audited once, under the
     * user's name, when the runner then stops it.
     */
    @Test
    void shouldAuditAJobTheRunnerCancelsAsDoneBySystemAndAUsersCancellationOnce() throws Exception {
      Path pipe = store.dataDir().resolve("interrupted.pcap");
      assumeThat(mkfifo(pipe)).as("a named pipe").isTrue();
      JobStore jobs = store.bean(JobStore.class);
      long id = pipeJob(pipe, '9');
      Thread runner = new Thread(() -> store.bean(JobRunner.class).run(id), "test-runner");
      runner.start();
      halfWritten(pipe, runner::interrupt);
      runner.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(runner.isAlive()).isFalse();
      Job job = jobs.get(id).orElseThrow();
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.CANCELLED);
      assertThat(auditOf(id))
          .containsExactly("system job.cancel interrupted.pcap: cancelled; nothing stored");

      // A user's cancellation interrupts the job the same way: the runner then finds it ended.
      Path another = store.dataDir().resolve("cancelled.pcap");
      assertThat(mkfifo(another)).isTrue();
      JobService service = store.bean(JobService.class);
      long cancelled = pipeJob(another, '8');
      service.schedule(cancelled);
      halfWritten(another, () -> service.cancel(cancelled, new Actor("tester", "127.0.0.1")));
      assertThat(service.await(cancelled, Duration.ofMinutes(2)).orElseThrow().state())
          .isEqualTo(JobState.CANCELLED);
      assertThat(auditOf(cancelled)).containsExactly("tester job.cancel cancelled.pcap");
    }

    private static boolean mkfifo(Path pipe) throws Exception {
      return new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
    }

    /** A capture job, made by {@code tester}, reading the named pipe. */
    private long pipeJob(Path pipe, char sha256Digit) {
      return store
          .bean(JobStore.class)
          .create(
              JobKind.CAPTURE,
              pipe.getFileName().toString(),
              String.valueOf(sha256Digit).repeat(64),
              pipe.toString(),
              1,
              "tester");
    }

    /**
     * Writes half a real capture into the pipe a running job reads, does {@code meanwhile}, then
     * writes the rest while the job still reads it.
     */
    private static void halfWritten(Path pipe, Runnable meanwhile) throws IOException {
      byte[] capture = Files.readAllBytes(TestData.file("pcaps/ndpi/telnet.pcap"));
      int half = capture.length / 2;
      try (OutputStream out = Files.newOutputStream(pipe)) {
        out.write(capture, 0, half);
        out.flush();
        meanwhile.run();
        out.write(capture, half, capture.length - half);
      } catch (IOException readerGone) {
        // The job closed the pipe when it stopped.
      }
    }

    /**
     * The runner stores a job's end and its audit entry in one transaction: when the entry cannot
     * be stored, the job stays running rather than ending unaudited, and the next start fails it,
     * audited. PostgreSQL only: the refusal is a PL/pgSQL trigger.
     */
    @Test
    void shouldLeaveAJobRunningWhenItsFailureCannotBeAuditedAndFailItAtTheNextStart()
        throws Exception {
      assumeThat(store.isPostgres()).as("PostgreSQL").isTrue();
      long id =
          QueuedJobs.capture(
              store, "advisories/cisa-csaf/medical-icsma/icsma-17-250-02a.json", '7');
      try (RefusedAuditEntry refused =
          RefusedAuditEntry.of(store.jdbc(), "job.fail", "job:" + id)) {
        store.bean(JobRunner.class).run(id);
      }
      JobStore jobs = store.bean(JobStore.class);
      assertThat(jobs.get(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      assertThat(auditOf(id)).isEmpty();
      try (ConfigurableApplicationContext restarted = store.startAnotherProcess()) {
        assertThat(jobs.get(id).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(auditOf(id)).containsExactly("system job.fail " + JobService.ABANDONED);
      }
      assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
    }

    @Test
    void shouldFailAndAuditJobsAnEarlierProcessLeftQueuedOrRunningWhenTheServerStartsAgain()
        throws Exception {
      JobStore jobs = store.bean(JobStore.class);
      long running = captureJob('c');
      assertThat(jobs.start(running)).isTrue();
      long queued = captureJob('d');
      long done = captureJob('e');
      jobs.start(done);
      jobs.finish(done, JobState.CANCELLED, "cancelled by tester; nothing stored");

      try (ConfigurableApplicationContext restarted = store.startAnotherProcess()) {
        for (long id : List.of(running, queued)) {
          Job job = jobs.get(id).orElseThrow();
          assertThat(job.state()).as("job %d", id).isEqualTo(JobState.FAILED);
          assertThat(job.message()).startsWith("interrupted: the server stopped");
          assertThat(job.finishedAt()).isPresent();
        }
        assertThat(jobs.get(done).orElseThrow().message()).startsWith("cancelled by tester");
        // Of these three jobs (the other tests' failures are audited as job.fail too).
        List<String> audited =
            store
                .jdbc()
                .sql(
                    "SELECT target FROM audit_log WHERE action = 'job.fail'"
                        + " AND target IN (?, ?, ?) ORDER BY seq")
                .params("job:" + running, "job:" + queued, "job:" + done)
                .query(String.class)
                .list();
        assertThat(audited).containsExactly("job:" + running, "job:" + queued);
        assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
      }
    }
  }

  /** Supplies the knowledge base by throwing the given error. */
  private record FailingProvider(Supplier<Error> error) implements ObjectProvider<KnowledgeBase> {
    @Override
    public KnowledgeBase getObject() throws BeansException {
      throw error.get();
    }

    @Override
    public KnowledgeBase getObject(Object... args) throws BeansException {
      throw error.get();
    }

    @Override
    public KnowledgeBase getIfAvailable() throws BeansException {
      throw error.get();
    }

    @Override
    public KnowledgeBase getIfUnique() throws BeansException {
      throw error.get();
    }
  }
}
