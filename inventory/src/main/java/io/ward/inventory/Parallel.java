package io.ward.inventory;

import java.util.function.IntConsumer;

/**
 * Runs parts of one job on threads of their own, part 0 on the calling thread, and returns when all
 * are done. A part's exception is rethrown on the calling thread. Plain threads rather than a pool:
 * a job runs once per analysis, and nothing is left running after it.
 */
final class Parallel {
  private Parallel() {}

  static void run(int parts, IntConsumer part) {
    Thread[] threads = new Thread[parts];
    Throwable[] failures = new Throwable[parts];
    for (int p = 1; p < parts; p++) {
      int index = p;
      threads[p] =
          new Thread(
              () -> {
                try {
                  part.accept(index);
                } catch (Throwable t) {
                  failures[index] = t;
                }
              },
              "ward-assembly-" + p);
      threads[p].setDaemon(true);
      threads[p].start();
    }
    try {
      part.accept(0);
    } finally {
      joinAll(threads);
    }
    for (Throwable t : failures) {
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
  }

  private static void joinAll(Thread[] threads) {
    boolean interrupted = false;
    for (int p = 1; p < threads.length; p++) {
      while (true) {
        try {
          threads[p].join();
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
}
