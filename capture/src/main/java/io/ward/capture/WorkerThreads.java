package io.ward.capture;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The threads of capture workers 1 and up (worker 0 is the calling thread): started, waited for,
 * stopped, and the first failure of any of them rethrown on the calling thread.
 *
 * <p>The workers' interrupt policy: only {@link #interrupt} (after a failure or an interruption of
 * worker 0) asks them to stop, and it says so in {@link #stopping} before it interrupts them. An
 * interrupt from anywhere else (a sink that restores one it caught, say) is not a request to stop:
 * a worker that ended on it would leave its flows out of the summary, or leave worker 0 waiting for
 * its batches, with no failure to report.
 */
final class WorkerThreads {
  /**
   * How long {@link #stop} waits for each worker: one checks for interruption every 4096 packets.
   */
  private static final long STOP_WAIT_MILLIS = 10_000;

  private final Thread[] threads;
  private volatile Throwable failure;
  private volatile boolean stopping;

  WorkerThreads(int workers) {
    this.threads = new Thread[workers];
  }

  /** Starts worker {@code worker} (1 and up) running {@code body}. */
  void start(int worker, Runnable body) {
    Thread t = new Thread(body, "ward-capture-worker-" + worker);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((thread, e) -> keepFirst(e));
    threads[worker] = t;
    t.start();
  }

  private synchronized void keepFirst(Throwable e) {
    if (failure == null) {
      failure = e;
    }
  }

  /** Waits for every started worker to end, rethrowing the first failure. */
  void join() throws InterruptedIOException {
    try {
      for (Thread t : threads) {
        while (t != null && t.isAlive()) {
          t.join(100);
          checkFailure();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interrupt();
      throw new InterruptedIOException("interrupted while waiting for capture workers");
    }
    checkFailure();
  }

  /** Asks every started worker to stop (after a failure or interruption of worker 0). */
  void interrupt() {
    stopping = true;
    for (Thread t : threads) {
      if (t != null) {
        t.interrupt();
      }
    }
  }

  /**
   * Asks every started worker to stop and waits a while for each, so that none still feeds the sink
   * once the analysis has failed; their own failures are of no interest by then.
   */
  void stop() {
    interrupt();
    // Worker 0 may be stopping them because it was interrupted: wait all the same, then say so.
    joinEach(STOP_WAIT_MILLIS, threads);
  }

  /**
   * Waits up to {@code millisEach} for each thread (null ones skipped) to end, even when the caller
   * has been interrupted, and leaves the caller's interrupt status set if it was set before or
   * during the wait.
   */
  static void joinEach(long millisEach, Thread... threads) {
    boolean interrupted = Thread.interrupted();
    for (Thread t : threads) {
      if (t == null) {
        continue;
      }
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millisEach);
      long left;
      // An interrupt meanwhile does not end the wait: when it did, the threads after this one were
      // not waited for at all, and could still feed the sink of an analysis that had failed.
      while (t.isAlive() && (left = until - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether {@link #interrupt} has asked the workers to stop: a worker that finds itself
   * interrupted ends only then, and otherwise clears the interrupt and goes on.
   */
  boolean stopping() {
    return stopping;
  }

  /** Rethrows a worker's failure on the calling thread, if one has failed. */
  void checkFailure() {
    rethrow(failure);
  }

  /**
   * Rethrows a failure of another thread, if there was one, on the calling thread: unchecked as it
   * was, anything else wrapped.
   */
  static void rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t != null) {
      throw new IllegalStateException("capture worker failed", t);
    }
  }
}
