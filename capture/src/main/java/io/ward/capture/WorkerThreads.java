package io.ward.capture;

import java.io.InterruptedIOException;

/**
 * The threads of capture workers 1 and up (worker 0 is the calling thread): started, waited for,
 * stopped, and the first failure of any of them rethrown on the calling thread.
 */
final class WorkerThreads {
  private final Thread[] threads;
  private volatile Throwable failure;

  WorkerThreads(int workers) {
    this.threads = new Thread[workers];
  }

  /** Starts worker {@code worker} (1 and up) running {@code body}. */
  void start(int worker, Runnable body) {
    Thread t = new Thread(body, "ward-capture-worker-" + worker);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((thread, e) -> failure = e);
    threads[worker] = t;
    t.start();
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
    for (Thread t : threads) {
      if (t != null) {
        t.interrupt();
      }
    }
  }

  /** Rethrows a worker's failure on the calling thread, if one has failed. */
  void checkFailure() {
    Throwable t = failure;
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
