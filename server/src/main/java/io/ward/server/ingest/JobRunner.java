package io.ward.server.ingest;

import io.ward.capture.CaptureFormatException;
import io.ward.capture.CaptureSummary;
import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.IpNetwork;
import io.ward.server.DiskFull;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.DurableCommits;
import io.ward.server.config.WardProperties;
import io.ward.server.exposure.FindingRefresher;
import io.ward.server.exposure.KnowledgeImporter;
import io.ward.server.inventory.CaptureFacts;
import io.ward.server.inventory.CmdbMerger;
import io.ward.server.inventory.FlowHourRow;
import io.ward.server.inventory.InventoryWriter;
import io.ward.server.inventory.MergeResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job: analyses its file, then merges the result in one transaction (merges run one at a
 * time). A bad file fails its job with a message and stores nothing.
 */
@Component
class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final JobStore store;
  private final ObjectProvider<KnowledgeBase> knowledgeBase;
  private final int workers;
  private final List<IpNetwork> internalNetworks;
  private CapturePipeline pipeline;
  private final InventoryWriter writer;
  private final KnowledgeImporter knowledge;
  private final FindingRefresher findings;
  private final CmdbMerger cmdb;
  private final FeedSync feedSync;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final UnstoredEndings unstored;
  private final DurableCommits durable;
  private final ReentrantLock mergeLock = new ReentrantLock();
  private final Set<Long> merging = ConcurrentHashMap.newKeySet();

  JobRunner(
      JobStore store,
      ObjectProvider<KnowledgeBase> knowledgeBase,
      InventoryWriter writer,
      KnowledgeImporter knowledge,
      FindingRefresher findings,
      CmdbMerger cmdb,
      FeedSync feedSync,
      AuditLog audit,
      TransactionTemplate tx,
      UnstoredEndings unstored,
      DurableCommits durable,
      WardProperties properties) {
    this.store = store;
    // The fingerprint knowledge is loaded at the first capture, not at start (the command line's
    // administration never needs it).
    this.knowledgeBase = knowledgeBase;
    this.workers = Math.max(1, properties.ingest().workers());
    this.internalNetworks = properties.ingest().internalNetworks();
    this.writer = writer;
    this.knowledge = knowledge;
    this.findings = findings;
    this.cmdb = cmdb;
    this.feedSync = feedSync;
    this.audit = audit;
    this.tx = tx;
    this.unstored = unstored;
    this.durable = durable;
  }

  private synchronized CapturePipeline pipeline() {
    if (pipeline == null) {
      pipeline = new CapturePipeline(knowledgeBase.getObject(), workers, internalNetworks);
    }
    return pipeline;
  }

  /** True while the job's results are being stored (it can no longer be cancelled). */
  boolean merging(long id) {
    return merging.contains(id);
  }

  void run(long id) {
    if (!started(id)) {
      return; // cancelled while queued, or failed at its start
    }
    Job job = store.get(id).orElseThrow();
    String[] source = store.source(id).orElseThrow();
    try {
      if (job.kind() == JobKind.CAPTURE) {
        runCapture(job, Path.of(source[0]), source[1]);
      } else if (job.kind() == JobKind.FEED_SYNC) {
        runFeedSync(job, Path.of(source[0]));
      } else {
        runFeed(job, Path.of(source[0]), "");
      }
    } catch (IOException e) {
      // A cancelled read surfaces as the engine's InterruptedIOException, or as the file
      // channel's ClosedByInterruptException (or an unreadable-file report) when the interrupt
      // lands inside a read.
      boolean interrupted = Thread.interrupted();
      if (interrupted
          || e instanceof InterruptedIOException
          || e instanceof ClosedByInterruptException) {
        end(job, JobState.CANCELLED, CANCELLED);
      } else if (e instanceof CaptureFormatException) {
        end(job, JobState.FAILED, forUser(e.getMessage(), source[0], job.filename()));
      } else {
        log.error("ingest job {} ({}) failed", id, job.filename(), e);
        end(
            job,
            JobState.FAILED,
            "could not be read, nothing stored: " + e.getClass().getSimpleName());
      }
    } catch (InterruptedException e) {
      Thread.interrupted();
      end(job, JobState.CANCELLED, CANCELLED);
    } catch (JobFailure e) {
      Thread.interrupted();
      end(job, JobState.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      Thread.interrupted();
      if (DiskFull.inDatabase(e)) {
        // The merge rolled back; the message says what the operator must do, the log why.
        log.warn(
            "ingest job {} ({}) failed, the database's disk is full: {}",
            id,
            job.filename(),
            e.toString());
        end(job, JobState.FAILED, DiskFull.JOB);
      } else {
        log.error("ingest job {} ({}) failed", id, job.filename(), e);
        end(
            job,
            JobState.FAILED,
            "internal error, nothing stored: " + e.getClass().getSimpleName());
      }
    } catch (Error e) {
      // Out of memory, a stack overflow or a broken class path: the job's own work has unwound
      // (its merge transaction rolled back), so say so instead of leaving it "running" for ever.
      Thread.interrupted();
      log.error("ingest job {} ({}) failed with {}", id, job.filename(), e.toString(), e);
      end(job, JobState.FAILED, forError(e));
    } finally {
      merging.remove(id);
    }
  }

  /**
   * Marks a queued job running; false when it was cancelled while queued. A disk that filled
   * between its upload and its turn refuses even that: the job is failed as one whose merge met the
   * full disk is (its ending stored once there is space), instead of staying queued until a restart
   * as when the refusal escaped to the executor, which keeps it unseen.
   */
  private boolean started(long id) {
    try {
      if (!store.start(id)) {
        return false;
      }
      // The embedded database can lose an answered start when a later write meets the full disk:
      // the job would then be found queued, not running, at its merge and ended "cancelled", as
      // though a user had cancelled it. A start it cannot write is refused here instead.
      durable.await();
      return true;
    } catch (RuntimeException e) {
      if (!DiskFull.inDatabase(e)) {
        log.error("ingest job {} could not be started", id, e);
        throw e;
      }
      log.warn("ingest job {} cannot start, the database's disk is full: {}", id, e.toString());
      try {
        readAfterRefusal(id).ifPresent(j -> end(j, JobState.FAILED, DiskFull.JOB));
      } catch (InterruptedException stopping) {
        log.warn(
            "ingest job {} was left queued: the server stopped while the database's disk was full;"
                + " the next start fails it",
            id);
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  /**
   * The job, read after the database refused to start it for its full disk. The embedded database
   * (H2) closes itself then, and the read that follows opens it again, so one refused read is tried
   * again at once; a read refused again (the database cannot open on the full disk, or another
   * refused write closed it meanwhile) is tried again as a refused ending is ({@link
   * FullDiskBackoff}), until the database answers, so that the job ends failed instead of staying
   * queued until a restart.
   *
   * <p>No test reaches the waits: PostgreSQL refuses no read for a full disk, and H2 opens again on
   * a full disk (opening and reading write nothing); a second refusal takes another write refused
   * between the two reads, a race no test can set up without timing it.
   *
   * @throws InterruptedException the server is stopping: the job stays queued, and the next start
   *     fails it
   */
  private Optional<Job> readAfterRefusal(long id) throws InterruptedException {
    FullDiskBackoff backoff = new FullDiskBackoff();
    for (int tries = 1; ; tries++) {
      try {
        return store.get(id);
      } catch (RuntimeException e) {
        if (!DiskFull.inDatabase(e)) {
          throw e;
        }
        if (tries == 2) {
          log.warn(
              "ingest job {} cannot be read while the database's disk is full; trying again until"
                  + " there is space",
              id);
        }
      }
      if (tries >= 2) {
        backoff.pause();
      }
    }
  }

  /** The outcome of a job the runner stops because its thread was interrupted. */
  static final String CANCELLED = "cancelled; nothing stored";

  /**
   * Ends a job the runner itself stops (a failure, or an interrupt of its thread: a server
   * stopping), with an audit entry by {@code system} in the same transaction, as a user's
   * cancellation and a job failed at start are audited ({@link JobService}): an ending that cannot
   * be audited is not stored, and the job is failed and audited at the next start instead. A job
   * that ended meanwhile (cancelled by a user, whose entry says so) is left as it is, unaudited
   * again.
   *
   * <p>An ending the database refuses because its disk is full is tried again until there is space
   * (every other job's merge would meet the same full disk meanwhile), and shown until then ({@link
   * UnstoredEndings}); a server stopping ends the wait.
   */
  private void end(Job job, JobState state, String message) {
    // One ending time for every try: the job ended now, not when the disk had space again; and a
    // try the embedded database answered, then lost, was shown with this time meanwhile.
    OffsetDateTime at = JobStore.now();
    try {
      FullDiskBackoff backoff = new FullDiskBackoff();
      for (boolean first = true; refusedForFullDisk(job, state, message, at); first = false) {
        if (first) {
          log.warn(
              "ingest job {} ({}) cannot be marked {} while the database's disk is full;"
                  + " trying again until there is space",
              job.id(),
              job.filename(),
              state.id());
          unstored.hold(job.id(), state, message, at.toInstant());
        }
        backoff.pause();
      }
    } catch (InterruptedException stopping) {
      log.warn(
          "ingest job {} ({}) was left unfinished: the server stopped while the database's disk"
              + " was full; the next start fails it",
          job.id(),
          job.filename());
      Thread.currentThread().interrupt();
    } finally {
      unstored.release(job.id());
    }
  }

  /**
   * Stores a job's ending and its audit entry (see {@link #end}); true when the database refused
   * them because its disk is full. Any other failure is logged and leaves the job as it is.
   */
  private boolean refusedForFullDisk(Job job, JobState state, String message, OffsetDateTime at) {
    try {
      tx.executeWithoutResult(
          status -> {
            if (store.finish(job.id(), state, message, at)) {
              audit.append(
                  Actor.system().name(),
                  state == JobState.CANCELLED ? "job.cancel" : "job.fail",
                  "job:" + job.id(),
                  message.startsWith(job.filename()) ? message : job.filename() + ": " + message,
                  Actor.system().address());
            }
          });
      durable.await();
      return false;
    } catch (RuntimeException e) {
      if (DiskFull.inDatabase(e)) {
        return true;
      }
      log.error(
          "ingest job {} ({}) could not be marked {}: {}",
          job.id(),
          job.filename(),
          state.id(),
          e.toString());
      return false;
    }
  }

  /** A job that cannot go on, with the message for the user. */
  static final class JobFailure extends Exception {
    private static final long serialVersionUID = 1L;

    JobFailure(String message) {
      super(message);
    }
  }

  /**
   * Analyses and merges a capture unless it is stored already: the very file sent again is known by
   * its upload hash {@code sha256} without reading it; the same capture in another container
   * (gzip-compressed, or compressed otherwise) by its content hash ({@link CaptureContent}), which
   * costs one decompression of a gzip file before its analysis.
   */
  private void runCapture(Job job, Path file, String sha256) throws IOException, JobFailure {
    Optional<Long> already = writer.captureByContent(sha256, sha256);
    String content = sha256;
    if (already.isEmpty()) {
      content = CaptureContent.sha256(file, sha256);
      if (!content.equals(sha256)) {
        already = writer.captureByContent(content, sha256);
      }
    }
    if (already.isPresent()) {
      store.succeed(job.id(), alreadyIngested(already.get()), 0, 0, already.get());
      return;
    }
    CapturePipeline.Result result =
        pipeline()
            .analyze(
                file,
                job.filename(),
                (read, total) -> {
                  if (!Thread.currentThread().isInterrupted()) {
                    store.progress(job.id(), read);
                  }
                });
    CaptureSummary s = result.summary();
    if (s.truncatedAtOffset().isPresent()) {
      throw new JobFailure(
          job.filename()
              + ": the capture is truncated or damaged at byte "
              + s.truncatedAtOffset().getAsLong()
              + " (of its decompressed content); nothing was stored");
    }
    if (s.packets() == 0) {
      throw new JobFailure(job.filename() + ": the capture holds no packets; nothing was stored");
    }
    CaptureFacts facts =
        new CaptureFacts(
            sha256,
            content,
            job.filename(),
            job.sizeBytes(),
            s.format(),
            s.gzip(),
            s.packets(),
            s.bytes(),
            s.flows(),
            result.observations(),
            epoch(s.firstEpochNanos()),
            epoch(s.lastEpochNanos()),
            s.warnings());
    var flows = result.flowHours();
    try {
      mergeCapture(job, s, facts, result, flows);
    } catch (DuplicateKeyException e) {
      // Stored meanwhile by another process on this database (this one merges one at a time).
      Optional<Long> stored = writer.captureByContent(content, sha256);
      if (stored.isEmpty()) {
        throw e;
      }
      store.succeed(job.id(), alreadyIngested(stored.get()), 0, 0, stored.get());
    }
  }

  /** The upload's hash for the audit trail, and the capture's when gunzipping changed it. */
  private static String hashes(CaptureFacts facts) {
    return "sha256 "
        + facts.sha256()
        + (facts.contentSha256().equals(facts.sha256())
            ? ""
            : ", content sha256 " + facts.contentSha256());
  }

  private static String alreadyIngested(long captureId) {
    return "already ingested as capture " + captureId + "; nothing changed";
  }

  /**
   * Merges an analysed capture. The same content sent twice can be analysed by two jobs at once:
   * the one merging second finds the capture stored (merges run one at a time) and changes nothing.
   */
  private void mergeCapture(
      Job job,
      CaptureSummary s,
      CaptureFacts facts,
      CapturePipeline.Result result,
      List<FlowHourRow> flows) {
    merge(
        job,
        () -> {
          Optional<Long> stored = writer.captureByContent(facts.contentSha256(), facts.sha256());
          if (stored.isPresent()) {
            succeed(job, alreadyIngested(stored.get()), 0, 0, stored.get());
            return;
          }
          MergeResult m =
              writer.merge(
                  facts, result.devices(), flows, result.externalSeen(), job.id(), job.createdBy());
          FindingRefresher.Outcome assessed = findings.refresh(m.deviceIds());
          String message =
              String.format(
                  "%d packets, %d devices (%d new, %d updated, %d attribute changes),"
                      + " %d flow hours, %d external endpoints (%d new), %d findings",
                  s.packets(),
                  result.devices().size(),
                  m.devicesAdded(),
                  m.devicesUpdated(),
                  m.changes(),
                  m.flowHours(),
                  m.externalEndpoints(),
                  m.externalEndpointsAdded(),
                  assessed.findings());
          String reconciled = m.reconciliation().summary();
          if (!reconciled.isEmpty()) {
            message += "; " + reconciled;
          }
          succeed(job, message, m.devicesAdded(), m.devicesUpdated(), m.captureId());
          audit.append(
              job.createdBy(),
              "ingest.capture",
              "capture:" + m.captureId(),
              job.filename() + " (" + hashes(facts) + "): " + message,
              "job:" + job.id());
        });
  }

  /** Syncs feeds into the feed directory, then reads it as a feed job would (if anything came). */
  private void runFeedSync(Job job, Path feedDir) throws JobFailure, InterruptedException {
    FeedSync.Outcome pulled = feedSync.pull();
    if (pulled.failedAll()) {
      throw new JobFailure(
          "feed sync: " + pulled.summary() + "; nothing new, the stored feeds were kept");
    }
    if (pulled.changed() > 0) {
      runFeed(job, feedDir, "feed sync: " + pulled.summary() + "; ");
      return;
    }
    String message = "feed sync: " + pulled.summary() + "; nothing new to read";
    merge(
        job,
        () -> {
          succeed(job, message, 0, 0, null);
          audit.append(
              job.createdBy(),
              "ingest." + job.kind().id(),
              job.kind().id() + ":" + job.filename(),
              message,
              "job:" + job.id());
        });
  }

  private void runFeed(Job job, Path file, String prefix) throws JobFailure {
    KnowledgeImporter.Source source = source(job.kind());
    Optional<CmdbMapping> mapping =
        source == KnowledgeImporter.Source.CMDB ? mapping(job, file) : Optional.empty();
    KnowledgeImporter.Loaded loaded =
        mapping.isPresent()
            ? knowledge.readCmdb(file, mapping.get())
            : knowledge.read(file, source);
    if (Thread.interrupted()) {
      end(job, JobState.CANCELLED, CANCELLED);
      return;
    }
    if (loaded.isEmpty()) {
      throw new JobFailure(prefix + job.filename() + ": " + loaded.problemSummary());
    }
    merge(
        job,
        () -> {
          String message;
          if (source == KnowledgeImporter.Source.CMDB) {
            CmdbMerger.Result r = cmdb.merge(loaded.knowledge().cmdb(), job.id());
            FindingRefresher.Outcome assessed = findings.refresh(r.deviceIds());
            message =
                loaded.summary()
                    + ": "
                    + r.matched()
                    + " matched to devices, "
                    + r.notObserved()
                    + " not seen on the network, "
                    + r.conflicts()
                    + (r.conflicts() == 1 ? " conflict, " : " conflicts, ")
                    + r.changes()
                    + " attribute changes, "
                    + assessed.findings()
                    + " findings";
          } else {
            // Only the devices the imported knowledge can touch (every device when that cannot be
            // decided, e.g. for SBOMs); findings of advisories that disappeared go too.
            FindingRefresher.Outcome assessed = findings.refreshAfterImport(loaded.knowledge());
            message =
                (source == KnowledgeImporter.Source.FEEDS
                        ? knowledge.store(loaded)
                        : loaded.summary())
                    + knowledge.superseding(file)
                    + "; "
                    + assessed.devices()
                    + " devices re-assessed, "
                    + assessed.findings()
                    + " findings";
          }
          succeed(job, prefix + message, 0, 0, null);
          audit.append(
              job.createdBy(),
              "ingest." + job.kind().id(),
              job.kind().id() + ":" + job.filename(),
              prefix + message,
              "job:" + job.id());
        });
  }

  /**
   * The column mapping uploaded with a CMDB export, if one was; one that cannot be read fails the
   * job before anything is stored, naming the mapping file.
   */
  private static Optional<CmdbMapping> mapping(Job job, Path export) throws JobFailure {
    Optional<Path> file;
    try {
      file = UploadStore.mappingOf(export);
    } catch (IOException e) {
      throw new JobFailure(
          job.filename() + ": its column mapping could not be read; nothing was stored");
    }
    if (file.isEmpty()) {
      return Optional.empty();
    }
    String name = file.get().getFileName().toString();
    try {
      return Optional.of(CmdbMapping.load(file.get()));
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // The mapping's own messages start with its name; YAML syntax errors do not.
      why = why.startsWith(name + ": ") ? why.substring(name.length() + 2) : why;
      throw new JobFailure(
          job.filename()
              + ": the CMDB column mapping "
              + name
              + " is not usable: "
              + firstLine(why)
              + "; nothing was stored");
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static KnowledgeImporter.Source source(JobKind kind) {
    switch (kind) {
      case SBOM:
        return KnowledgeImporter.Source.SBOM;
      case MDS2:
        return KnowledgeImporter.Source.MDS2;
      case CMDB:
        return KnowledgeImporter.Source.CMDB;
      default:
        return KnowledgeImporter.Source.FEEDS;
    }
  }

  /**
   * Stores results unless the job was cancelled meanwhile; one merge at a time. A job found
   * cancelled is ended once the merge lock is released: an ending the full disk refuses is tried
   * again until there is space ({@link #end}), and the other jobs' merges do not wait for that,
   * shown running, but meet the full disk themselves.
   */
  private void merge(Job job, Runnable work) {
    if (!mergedUnlessCancelled(job, work)) {
      end(job, JobState.CANCELLED, CANCELLED);
    }
  }

  /**
   * Runs {@code work} in one transaction, holding the merge lock; false, storing nothing, when the
   * job was cancelled before (its thread interrupted, or no longer running).
   */
  private boolean mergedUnlessCancelled(Job job, Runnable work) {
    mergeLock.lock();
    try {
      merging.add(job.id());
      if (Thread.interrupted()
          || store.get(job.id()).map(j -> j.state() != JobState.RUNNING).orElse(true)) {
        return false;
      }
      tx.executeWithoutResult(status -> work.run());
      // An outcome the embedded database loses after answering it would leave the job running.
      durable.await();
    } catch (CancelledMeanwhile e) {
      log.info("ingest job {} was cancelled while merging; its results were rolled back", job.id());
    } finally {
      mergeLock.unlock();
    }
    return true;
  }

  /** Succeeds the job inside the merge transaction, or rolls the merge back if cancelled. */
  private void succeed(Job job, String message, int added, int updated, Long captureId) {
    if (!store.succeed(job.id(), message, added, updated, captureId)) {
      throw new CancelledMeanwhile();
    }
  }

  /** The job was cancelled while its results were being stored: roll them back. */
  private static final class CancelledMeanwhile extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static Optional<Instant> epoch(long nanos) {
    return nanos == 0
        ? Optional.empty()
        : Optional.of(
            Instant.ofEpochSecond(
                Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
  }

  /** The message of a job stopped by an {@link Error}. */
  static String forError(Error e) {
    if (e instanceof OutOfMemoryError) {
      return "the server ran out of memory analysing this file, nothing stored; give Ward more"
          + " memory (java -Xmx) or split the file";
    }
    if (e instanceof StackOverflowError) {
      return "the file is nested too deeply to analyse (stack overflow), nothing stored";
    }
    return "internal error, nothing stored: " + e.getClass().getSimpleName();
  }

  /** Engine messages name the stored path; the user knows the file by its uploaded name. */
  static String forUser(String message, String storedPath, String filename) {
    String m = message == null ? "unreadable" : message.replace(storedPath, filename);
    return m + "; nothing was stored";
  }
}
