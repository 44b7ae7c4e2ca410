package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ward.server.StoreContract;
import io.ward.server.TestData;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Feeds, SBOMs and MDS2 forms are kept (the advisory knowledge is read again from every kept file)
 * only when their job imported them: a cancelled or failed one must not feed the assessment, unless
 * a job that succeeded holds the same content. On both databases, with real files.
 */
class KeptUploadTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("analyst", "127.0.0.1");

    Path stored(long jobId) {
      return Path.of(store.bean(JobStore.class).source(jobId).orElseThrow()[0]);
    }

    long submit(JobKind kind, Path file) throws Exception {
      try (InputStream in = Files.newInputStream(file)) {
        return store
            .bean(IngestService.class)
            .submitFile(kind, in, file.getFileName().toString(), actor)
            .id();
      }
    }

    @Test
    void shouldDeleteAFeedWhoseJobWasCancelled() throws Exception {
      Path csaf = TestData.file("advisories/cisa-csaf/medical-icsma/icsma-17-082-02.json");
      long id;
      try (QueuedJobs.Blocker blocker = QueuedJobs.block(store)) {
        assumeThat(blocker).as("a named pipe").isNotNull();
        id = submit(JobKind.FEED, csaf);
        assertThat(stored(id)).exists();
        Job cancelled = store.bean(JobService.class).cancel(id, actor).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        store.finished(id);
        assertThat(stored(id)).doesNotExist();
      }
      assertThat(store.count("advisory")).isZero();
    }

    @Test
    void shouldKeepTheFileOfACancelledFeedThatASucceededJobImported() throws Exception {
      Path csaf = TestData.file("advisories/cisa-csaf/medical-icsma/icsma-17-215-02.json");
      Job imported = store.finished(submit(JobKind.FEED, csaf));
      assertThat(imported.state()).as(imported.message()).isEqualTo(JobState.SUCCEEDED);
      try (QueuedJobs.Blocker blocker = QueuedJobs.block(store)) {
        assumeThat(blocker).as("a named pipe").isNotNull();
        long again = submit(JobKind.FEED, csaf);
        assertThat(stored(again)).isEqualTo(stored(imported.id()));
        store.bean(JobService.class).cancel(again, actor);
        assertThat(store.finished(again).state()).isEqualTo(JobState.CANCELLED);
      }
      assertThat(stored(imported.id())).exists();
    }

    @Test
    void shouldDeleteAMalformedSbomAndSayWhyInOneLine() throws Exception {
      byte[] cut =
          "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [{\"name\""
              .getBytes(StandardCharsets.UTF_8);
      Job job;
      try (InputStream in = new ByteArrayInputStream(cut)) {
        job =
            store.finished(
                store
                    .bean(IngestService.class)
                    .submitFile(JobKind.SBOM, in, "cut.sbom.json", actor)
                    .id());
      }
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.message())
          .startsWith("cut.sbom.json: ")
          .endsWith("nothing was stored")
          .doesNotContain("\n", "Source:", "REDACTED", "StreamReadFeature");
      assertThat(stored(job.id())).doesNotExist();
    }
  }
}
