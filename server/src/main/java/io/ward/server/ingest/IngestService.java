package io.ward.server.ingest;

import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.WardProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts files to ingest: streams them to disk under the data directory, records a queued job and
 * hands it to the {@link JobService}. Nothing is analysed on the caller's thread.
 */
@Service
public class IngestService {
  private static final Logger log = LoggerFactory.getLogger(IngestService.class);
  private static final int MAX_FILENAME = 200;

  private final UploadStore uploads;
  private final JobStore store;
  private final JobService jobs;
  private final AuditLog audit;
  private final Path feedDir;
  private final WardProperties.Sync sync;
  private final ScheduledExecutorService scheduler;
  private final TransactionTemplate tx;

  IngestService(
      UploadStore uploads,
      JobStore store,
      JobService jobs,
      AuditLog audit,
      TransactionTemplate tx,
      WardProperties properties) {
    this.tx = tx;
    this.uploads = uploads;
    this.store = store;
    this.jobs = jobs;
    this.audit = audit;
    this.feedDir = properties.feedDirectory();
    this.sync = properties.feeds().sync();
    Duration every = properties.feeds().refresh();
    boolean refresh = properties.background() && !every.isZero() && !every.isNegative();
    boolean syncs = properties.background() && sync.scheduled();
    if (properties.background() && !sync.configured() && !sync.every().isZero()) {
      log.warn(
          "ward.feeds.sync.every is set but no source is: set ward.feeds.sync.config or"
              + " ward.feeds.sync.from; feeds are not synced");
    }
    if (refresh || syncs) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ward-feeds");
                t.setDaemon(true);
                return t;
              });
      if (refresh) {
        scheduler.scheduleWithFixedDelay(
            this::scheduledRefresh, every.toSeconds(), every.toSeconds(), TimeUnit.SECONDS);
      }
      if (syncs) {
        long seconds = Math.max(1, sync.every().toSeconds());
        scheduler.scheduleWithFixedDelay(this::scheduledSync, seconds, seconds, TimeUnit.SECONDS);
        log.info("feeds are synced every {} into {}", sync.every(), feedDir);
      }
    } else {
      scheduler = null;
    }
  }

  /**
   * Streams an uploaded capture (pcap or pcapng, optionally gzip) to disk and queues its analysis.
   *
   * @throws IOException the upload broke off or the disk is full (no job is created)
   */
  public Job submitCapture(InputStream in, String filename, Actor actor) throws IOException {
    return submitFile(JobKind.CAPTURE, in, filename, actor);
  }

  /**
   * Queues the analysis of a capture file already on this machine, read in place (no copy): for
   * {@code ward demo} and scripted imports.
   *
   * @throws NoSuchFileException the file does not exist
   */
  public Job submitCaptureFile(Path file, Actor actor) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    UploadStore.Stored stored = UploadStore.describe(file.toAbsolutePath());
    return submit(JobKind.CAPTURE, stored, clean(file.getFileName().toString()), actor);
  }

  /**
   * Streams an uploaded feed file (CSAF, NVD, CVE 5, KEV, EPSS…) to disk and queues its import.
   *
   * @throws IOException the upload broke off or the disk is full (no job is created)
   */
  public Job submitFeed(InputStream in, String filename, Actor actor) throws IOException {
    return submitFile(JobKind.FEED, in, filename, actor);
  }

  /**
   * Streams an uploaded file of any kind (capture, feed, SBOM, MDS2 form, CMDB export) to disk and
   * queues its ingest.
   *
   * @throws IOException the upload broke off or the disk is full (no job is created)
   */
  public Job submitFile(JobKind kind, InputStream in, String filename, Actor actor)
      throws IOException {
    return submitFile(kind, in, filename, stored -> {}, actor);
  }

  /**
   * Streams an uploaded CMDB export and the column mapping to read it with (the YAML of {@code ward
   * vulns --cmdb-mapping}) to disk and queues its import; the mapping is read by the job, so a bad
   * one fails the job, naming the file, with nothing stored.
   *
   * @throws IOException the upload broke off or the disk is full (no job is created)
   */
  public Job submitCmdb(
      InputStream in, String filename, InputStream mapping, String mappingName, Actor actor)
      throws IOException {
    return submitFile(
        JobKind.CMDB,
        in,
        filename,
        stored -> uploads.storeMapping(stored, mapping, clean(mappingName)),
        actor);
  }

  /** What is stored with an upload before its job is recorded. */
  private interface Beside {
    void store(UploadStore.Stored upload) throws IOException;
  }

  private Job submitFile(JobKind kind, InputStream in, String filename, Beside beside, Actor actor)
      throws IOException {
    String name = clean(filename);
    UploadStore.Stored stored = uploads.store(in, kind, name);
    Job job;
    try {
      beside.store(stored);
      job = record(kind, stored, name, actor);
    } catch (IOException | RuntimeException e) {
      // No job will ever end and delete it: a capture must not stay behind on disk.
      uploads.discard(stored.path().toString(), "its job could not be recorded");
      throw e;
    }
    jobs.schedule(job.id());
    return job;
  }

  /**
   * Queues the import of every feed file below a directory on this machine (read in place); the
   * directory stays a knowledge source for later assessments.
   *
   * @throws NoSuchFileException the directory does not exist
   */
  public Job submitFeedDirectory(Path dir, Actor actor) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    Path abs = dir.toAbsolutePath().normalize();
    return submit(
        JobKind.FEED, new UploadStore.Stored(abs, null, 0), "feed directory " + abs, actor);
  }

  /** Queues a re-read of the feed directory ({@code ward.feeds.dir}). */
  public Job refreshFeeds(Actor actor) throws IOException {
    Files.createDirectories(feedDir);
    return submit(
        JobKind.FEED, new UploadStore.Stored(feedDir, null, 0), "feed directory " + feedDir, actor);
  }

  /**
   * Queues a feed sync: the configured feeds are fetched and the sync directory's feed files
   * imported into the feed directory, which is then read.
   *
   * @throws IllegalStateException no sync source is configured
   */
  public Job syncFeeds(Actor actor) throws IOException {
    if (!sync.configured()) {
      throw new IllegalStateException(
          "feed sync has no source: set ward.feeds.sync.config (a feeds YAML of URLs) or"
              + " ward.feeds.sync.from (a directory of feed files)");
    }
    Files.createDirectories(feedDir);
    return submit(
        JobKind.FEED_SYNC,
        new UploadStore.Stored(feedDir, null, 0),
        "feed sync into " + feedDir,
        actor);
  }

  /** The feed sync settings. */
  public WardProperties.Sync syncSettings() {
    return sync;
  }

  /** The largest upload stored, as people read it ({@code ward.ingest.max-upload-size}). */
  public String maxUpload() {
    return UploadRefused.size(uploads.maxBytes());
  }

  private Job record(JobKind kind, UploadStore.Stored stored, String filename, Actor actor) {
    return tx.execute(status -> recordInTransaction(kind, stored, filename, actor));
  }

  private Job recordInTransaction(
      JobKind kind, UploadStore.Stored stored, String filename, Actor actor) {
    long id =
        store.create(
            kind,
            filename,
            stored.sha256(),
            stored.path().toString(),
            stored.sizeBytes(),
            actor.name());
    audit.append(
        actor.name(),
        "ingest.submit",
        "job:" + id,
        kind.id() + " " + filename + (stored.sha256() == null ? "" : " sha256 " + stored.sha256()),
        actor.address());
    return store.get(id).orElseThrow();
  }

  private Job submit(JobKind kind, UploadStore.Stored stored, String filename, Actor actor) {
    Job job = record(kind, stored, filename, actor);
    jobs.schedule(job.id());
    return job;
  }

  private void scheduledRefresh() {
    try {
      if (Files.isDirectory(feedDir)) {
        refreshFeeds(Actor.system());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("scheduled feed refresh could not start: {}", e.toString());
    }
  }

  private void scheduledSync() {
    try {
      // One at a time: a sync still queued or running (a slow or offline network) is not doubled.
      if (store.unfinished(JobKind.FEED_SYNC) == 0) {
        syncFeeds(Actor.system());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("scheduled feed sync could not start: {}", e.toString());
    }
  }

  /** The last path segment, without control characters, at most 200 characters. */
  static String clean(String filename) {
    String name = filename == null ? "" : filename;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("\\p{Cntrl}", "").strip();
    if (name.isEmpty()) {
      name = "upload";
    }
    return name.length() <= MAX_FILENAME ? name : name.substring(0, MAX_FILENAME);
  }

  @PreDestroy
  void shutdown() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
