package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.inventory.KnowledgeBase;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.WardProperties;
import io.ward.server.exposure.FindingRefresher;
import io.ward.server.exposure.KnowledgeImporter;
import io.ward.server.inventory.CmdbMerger;
import io.ward.server.inventory.InventoryWriter;
import java.util.List;
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
 * queued or running, failed and audited when the server starts again. On both databases.
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
        List<String> audited =
            store
                .jdbc()
                .sql("SELECT target FROM audit_log WHERE action = 'job.fail' ORDER BY seq")
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
