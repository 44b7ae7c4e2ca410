package io.ward.server.ingest;

import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.WardProperties;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs ingest jobs in the background on a small pool, and answers where each stands. A job is
 * cancelled by interrupting its thread, which the capture engine checks as it reads.
 */
@Service
public class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  private final JobStore store;
  private final JobRunner runner;
  private final AuditLog audit;
  private final UploadStore uploads;
  private final TransactionTemplate tx;
  private final UnstoredEndings unstored;
  private final ExecutorService executor;
  private final Map<Long, Run> running = new ConcurrentHashMap<>();

  /**
   * A scheduled job: its task, and whether its thread took it ({@code started}) or a cancel did
   * while it was still queued; whoever takes it first deletes its upload when it ends.
   */
  private record Run(Future<?> future, AtomicBoolean started) {}

  /** The outcome of a job an earlier server process left unfinished. */
  static final String ABANDONED =
      "interrupted: the server stopped before this job finished; nothing of it was stored,"
          + " submit it again";

  JobService(
      JobStore store,
      JobRunner runner,
      AuditLog audit,
      UploadStore uploads,
      TransactionTemplate tx,
      UnstoredEndings unstored,
      WardProperties properties) {
    this.store = store;
    this.runner = runner;
    this.audit = audit;
    this.uploads = uploads;
    this.tx = tx;
    this.unstored = unstored;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            Math.max(1, properties.ingest().threads()),
            r -> {
              Thread t = new Thread(r, "ward-ingest-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    if (properties.background()) {
      int abandoned = failAbandoned(tx);
      if (abandoned > 0) {
        log.warn(
            "{} ingest job(s) left unfinished by an earlier run were marked failed", abandoned);
      }
      // Uploads of jobs that ended without deleting them (a crash, a stop while queued); run
      // after the above, so only this process's jobs could still need a file, and it has none.
      int swept = uploads.sweep(store.unfinishedPaths());
      if (swept > 0) {
        log.info("{} upload(s) left by jobs of an earlier run were deleted", swept);
      }
    }
  }

  /**
   * At start, before this process queues anything: jobs still queued or running were left by a
   * process that stopped (or crashed) and can never finish; each is failed and audited.
   */
  private int failAbandoned(TransactionTemplate tx) {
    int failed = 0;
    for (long id : store.unfinished()) {
      Boolean done =
          tx.execute(
              status -> {
                if (!store.finish(id, JobState.FAILED, ABANDONED)) {
                  return false;
                }
                audit.append("system", "job.fail", "job:" + id, ABANDONED, "local");
                return true;
              });
      failed += Boolean.TRUE.equals(done) ? 1 : 0;
    }
    return failed;
  }

  /** One job, as its user should see it: ended when the runner could not store its ending yet. */
  public Optional<Job> get(long id) {
    return store.get(id).map(unstored::shown);
  }

  /** The latest jobs, newest first, as {@link #get} shows each. */
  public List<Job> recent(int limit) {
    return store.recent(limit).stream().map(unstored::shown).toList();
  }

  /**
   * Cancels a queued or running job; a job already merging its results finishes. Returns the job as
   * it stands afterwards.
   */
  public Optional<Job> cancel(long id, Actor actor) {
    // A job whose ending waits for space is over: there is nothing left to cancel.
    Optional<Job> job = get(id);
    if (job.isEmpty() || job.get().state().finished()) {
      return job;
    }
    if (cancelled(id, job.get(), actor)) {
      stop(id);
    }
    return get(id);
  }

  /**
   * Stores the cancellation and its audit entry in one transaction: a cancellation that cannot be
   * audited is not made. A merge can hold the audit log's head (an entry for a remediation it
   * verified) while it waits to mark this job succeeded, and this holds the job's row while it
   * waits for the head; when PostgreSQL ends this side of that deadlock, the merge has settled the
   * job by the second try.
   *
   * @return whether the job was cancelled (false: it had finished meanwhile)
   */
  private boolean cancelled(long id, Job job, Actor actor) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  if (!store.finish(
                      id,
                      JobState.CANCELLED,
                      "cancelled by " + actor.name() + "; nothing stored")) {
                    return false;
                  }
                  audit.append(
                      actor.name(), "job.cancel", "job:" + id, job.filename(), actor.address());
                  return true;
                }));
      } catch (PessimisticLockingFailureException e) {
        if (attempt == 2) {
          throw e;
        }
      }
    }
  }

  /**
   * Stops the task of a job whose cancellation has committed (never before: a cancellation rolled
   * back must leave the job to run). Queued: it will not start, so its task, which would have
   * deleted its upload, never runs: that is done here. Running: the runner sees the state before
   * merging.
   */
  private void stop(long id) {
    Run run = running.get(id);
    if (run != null && run.started().compareAndSet(false, true)) {
      run.future().cancel(/* mayInterruptIfRunning= */ false);
      discardUpload(id);
      running.remove(id);
    } else if (run != null && !runner.merging(id)) {
      run.future().cancel(/* mayInterruptIfRunning= */ true);
    }
  }

  /**
   * Waits until the job finishes, its upload deleted included, or {@code timeout} passes; returns
   * it as it stands then.
   */
  public Optional<Job> await(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Job> job = store.get(id);
      boolean ended = job.isPresent() && job.get().state().finished() && !running.containsKey(id);
      if (job.isEmpty() || ended || System.nanoTime() >= deadline) {
        return job;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** Queues a stored job. */
  void schedule(long id) {
    AtomicBoolean started = new AtomicBoolean();
    Future<?> f =
        executor.submit(
            () -> {
              if (!started.compareAndSet(false, true)) {
                return; // cancelled while queued: the cancel deleted its upload
              }
              try {
                runner.run(id);
              } finally {
                discardUpload(id);
                running.remove(id);
              }
            });
    running.put(id, new Run(f, started));
    if (f.isDone()) {
      running.remove(id);
    }
  }

  /**
   * Deletes the upload of a job that has ended (succeeded, failed or cancelled), on the runner's
   * thread once it no longer reads it; a job still unfinished (its end could not be stored) keeps
   * it until the next start. A feed, SBOM or MDS2 form is kept only when its job succeeded.
   */
  private void discardUpload(long id) {
    try {
      Optional<Job> job = store.get(id);
      if (job.isEmpty() || !job.get().state().finished()) {
        return;
      }
      String path = store.source(id).map(s -> s[0]).orElse(null);
      uploads.discard(path, "job " + id + " ended");
      if (job.get().state() != JobState.SUCCEEDED) {
        uploads.discardUnimported(
            path, "job " + id + " " + job.get().state().id(), () -> store.othersHold(path, id));
      }
    } catch (RuntimeException e) {
      log.warn("could not delete the upload of ingest job {}: {}", id, e.toString());
    }
  }

  @PreDestroy
  void shutdown() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
