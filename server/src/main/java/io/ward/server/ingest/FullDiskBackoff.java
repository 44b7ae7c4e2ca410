package io.ward.server.ingest;

import java.util.concurrent.TimeUnit;

/**
 * The waits between tries of what the database refused because its disk is full (a job's ending,
 * the read of a job it refused to start): {@link #FIRST_MILLIS} first, twice as long each time
 * after, up to {@link #MAX_MILLIS}. Every other write would meet the same full disk meanwhile, so
 * the runner tries again until there is space; an interrupt (the server stopping) ends the wait.
 */
final class FullDiskBackoff {
  /** The first wait. */
  static final long FIRST_MILLIS = 1_000;

  /**
   * The longest wait between two tries: each try of the embedded database (H2) on a full disk
   * closes it, and requests fail until the next one opens it again.
   */
  static final long MAX_MILLIS = 30_000;

  private long waitMillis = FIRST_MILLIS;

  /** Waits before the next try. */
  void pause() throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(waitMillis);
    waitMillis = Math.min(2 * waitMillis, MAX_MILLIS);
  }
}
