package io.ward.server.ingest;

import io.ward.exposure.feeds.FeedConfig;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedStore;
import io.ward.exposure.feeds.ImportReport;
import io.ward.exposure.feeds.SyncReport;
import io.ward.server.config.WardProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Brings feeds into the feed directory through the exposure module's {@link FeedStore}: fetches the
 * feeds a YAML lists ({@code ward.feeds.sync.config}; conditional requests, a failed or corrupt
 * download keeps the last good copy) and imports the feed files of a directory ({@code
 * ward.feeds.sync.from}). Touches only files; the job that calls it then reads the directory.
 */
@Component
class FeedSync {
  private final WardProperties.Sync settings;
  private final Path feedDir;

  FeedSync(WardProperties properties) {
    this.settings = properties.feeds().sync();
    this.feedDir = properties.feedDirectory();
  }

  /** The settings. */
  WardProperties.Sync settings() {
    return settings;
  }

  /** The feed directory the sync writes into. */
  Path feedDirectory() {
    return feedDir;
  }

  /**
   * What a sync did.
   *
   * @param changed files written into the feed directory (new or newer copies)
   * @param failedAll every source failed (nothing fetched, nothing imported)
   * @param summary one line for a person
   */
  record Outcome(int changed, boolean failedAll, String summary) {}

  /**
   * Syncs once.
   *
   * @throws JobRunner.JobFailure the configuration cannot be read, or the directory is missing
   * @throws InterruptedException the job was cancelled
   */
  Outcome pull() throws JobRunner.JobFailure, InterruptedException {
    if (!settings.configured()) {
      throw new JobRunner.JobFailure(
          "no feed sync source is configured (ward.feeds.sync.config or ward.feeds.sync.from)");
    }
    FeedStore store;
    try {
      Files.createDirectories(feedDir);
      store = new FeedStore(feedDir);
    } catch (IOException e) {
      throw new JobRunner.JobFailure("the feed directory " + feedDir + " cannot be written: " + e);
    }
    List<String> parts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int changed = 0;
    int sources = 0;
    int failed = 0;
    if (settings.config() != null) {
      FeedConfig config;
      try {
        config = FeedConfig.load(settings.config());
      } catch (IOException | RuntimeException e) {
        throw new JobRunner.JobFailure(
            "feed sync configuration " + settings.config() + ": " + oneLine(e));
      }
      SyncReport report = store.sync(config);
      int updated = count(report, SyncReport.Status.UPDATED);
      int current = count(report, SyncReport.Status.NOT_MODIFIED);
      int fetchFailed = count(report, SyncReport.Status.FAILED);
      changed += updated;
      sources += report.outcomes().size();
      failed += fetchFailed;
      parts.add(
          report.outcomes().size()
              + " feeds fetched: "
              + updated
              + " updated, "
              + current
              + " not modified, "
              + fetchFailed
              + " failed");
      report.outcomes().stream()
          .filter(o -> o.problem().isPresent())
          .map(o -> o.name() + ": " + o.problem().get().message())
          .forEach(problems::add);
    }
    if (settings.from() != null) {
      sources++;
      if (!Files.isDirectory(settings.from())) {
        failed++;
        problems.add(settings.from() + " is not a directory");
        parts.add("0 files imported from " + settings.from());
      } else {
        ImportReport imported;
        try {
          imported = store.importDirectory(settings.from());
        } catch (IOException e) {
          throw new JobRunner.JobFailure(
              "cannot import the feed files of " + settings.from() + ": " + oneLine(e));
        }
        changed += imported.imported().size();
        if (imported.imported().isEmpty()) {
          failed++;
        }
        parts.add(imported.imported().size() + " files imported from " + settings.from());
        imported.problems().stream()
            .filter(FeedProblem::isError)
            .map(p -> Path.of(p.file()).getFileName() + ": " + p.message())
            .forEach(problems::add);
      }
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("feed sync cancelled");
    }
    String summary = String.join("; ", parts);
    if (!problems.isEmpty()) {
      summary += " (" + problems.stream().limit(5).collect(Collectors.joining("; ")) + ")";
    }
    return new Outcome(changed, sources > 0 && failed == sources, summary);
  }

  private static int count(SyncReport report, SyncReport.Status status) {
    return (int) report.outcomes().stream().filter(o -> o.status() == status).count();
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
