package io.ward.exposure.feeds.sync;

import java.time.Duration;

/** Keeps a pause between two requests to one source (NVD asks 6 s without an API key). */
final class Pacer {

  private final Duration delay;
  private long lastNanos;
  private boolean first = true;

  Pacer(Duration delay) {
    this.delay = delay;
  }

  /** Waits until {@code delay} has passed since the previous request, then returns. */
  void await() throws InterruptedException {
    if (!first && !delay.isZero()) {
      long waitNanos = delay.toNanos() - (System.nanoTime() - lastNanos);
      if (waitNanos > 0) {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      }
    }
    first = false;
    lastNanos = System.nanoTime();
  }
}
