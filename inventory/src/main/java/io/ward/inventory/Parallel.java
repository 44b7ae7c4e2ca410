package io.ward.inventory;

import java.util.function.IntConsumer;

/**
 * Runs parts of one job on threads of their own, part 0 on the calling thread, and returns when all
 * are done. A part whose thread cannot be started (a process at its thread limit) runs on the
 * calling thread instead. The first part's failure is rethrown on the calling thread, the others'
 * attached to it. Plain threads rather than a pool: a job runs once per analysis, and nothing is
 * left running after it.
 */
final class Parallel {
  private Parallel() {}

  static void run(int parts, IntConsumer part) {
    Thread[] threads = new Thread[parts];
    Throwable[] failures = new Throwable[parts];
    try {
      for (int p = 1; p < parts; p++) {
        threads[p] = start(p, part, failures);
      }
      runHere(0, part, failures);
      for (int p = 1; p < parts; p++) {
        if (threads[p] == null) {
          runHere(p, part, failures);
        }
      }
    } finally {
      joinAll(threads);
    }
    rethrow(failures);
  }

  /** The thread running {@code index}, or null when no thread could be started. */
  private static Thread start(int index, IntConsumer part, Throwable[] failures) {
    Thread t = new Thread(() -> runHere(index, part, failures), "ward-assembly-" + index);
    t.setDaemon(true);
    try {
      t.start();
      return t;
    } catch (OutOfMemoryError e) {
      return null; // "unable to create native thread": the caller runs this part itself
    }
  }

  private static void runHere(int index, IntConsumer part, Throwable[] failures) {
    try {
      part.accept(index);
    } catch (Throwable t) {
      failures[index] = t;
    }
  }

  private static void joinAll(Thread[] threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t != null) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the parts must finish before their results are read
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rethrow(Throwable[] failures) {
    Throwable first = null;
    for (Throwable t : failures) {
      if (t == null) {
        continue;
      }
      if (first == null) {
        first = t;
      } else if (t != first) {
        first.addSuppressed(t);
      }
    }
    if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    }
    if (first instanceof Error) {
      throw (Error) first;
    }
    if (first != null) {
      throw new IllegalStateException(first);
    }
  }
}
