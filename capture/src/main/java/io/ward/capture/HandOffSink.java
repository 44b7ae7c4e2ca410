package io.ward.capture;

import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.Observation;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Feeds a sink on a thread of its own, a few batches behind the analysing thread, so that what the
 * sink does with each observation runs on another processor: for an analysis, the inventory's
 * intake, about a fifth of one worker's analysing thread (0.47 of its 2.06 s on the benchmark's
 * capture, which gives about one observation per packet; bench/README.md, session 23).
 *
 * <p>The sink gets every call, in the order it was made, from that one thread; once {@link #finish}
 * has returned its state is the caller's again. Observations, facts, endpoints and flows are
 * immutable, so handing over their references is enough. {@link #BATCHES} batches of {@link #BATCH}
 * calls are in flight and reused: nothing is allocated per call, and the analysing thread waits
 * only when the sink falls that far behind.
 *
 * <p>The sink's failure (a bug, or the heap running out) is not thrown into the dissector that
 * happened to be calling when the batch was handed over, where it would be counted as that
 * dissector's: later calls are dropped, and {@link #checkFailure} and {@link #finish} rethrow it on
 * the analysing thread.
 */
final class HandOffSink implements ObservationSink {
  /** Calls per batch: enough that handing a batch over (a lock, sometimes a wake-up) is rare. */
  static final int BATCH = 1024;

  /** Batches in flight: one being filled, the others queued or being fed. */
  static final int BATCHES = 4;

  /** How long {@link #abort} waits for the feeding thread, which stops at the next batch. */
  private static final long STOP_WAIT_MILLIS = 10_000;

  /**
   * Calls in order: an observation or a flow in {@code first}; or, for {@link #observations}, the
   * subject in {@code first}, the facts in {@code second} and their time in {@code times}.
   */
  private static final class Batch {
    final Object[] first = new Object[BATCH];
    final Object[] second = new Object[BATCH];
    final long[] times = new long[BATCH];
    int size;

    /** The batch {@link #finish} handed over: the feeding thread ends after it. */
    boolean last;
  }

  private final ObservationSink sink;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
  private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean stopping;

  /** The batch being filled; null once finished. */
  private Batch current;

  /** Whether {@link #thread} has been started. */
  private boolean started;

  /**
   * Will feed {@code sink} on a daemon thread called {@code threadName}, started with the first
   * batch handed over: until then a caller that fails (while setting up the analysis, say) has
   * nothing to stop.
   */
  HandOffSink(ObservationSink sink, String threadName) {
    this.sink = sink;
    for (int i = 1; i < BATCHES; i++) {
      empty.add(new Batch());
    }
    this.current = new Batch();
    this.thread = new Thread(this::feed, threadName);
    thread.setDaemon(true);
  }

  @Override
  public void observation(Observation observation) {
    add(observation, null, 0);
  }

  @Override
  public void observations(long epochNanos, Endpoint subject, Facts facts) {
    add(subject, facts, epochNanos);
  }

  @Override
  public void flow(Flow flow) {
    add(flow, null, 0);
  }

  private void add(Object first, Object second, long time) {
    Batch b = current;
    int i = b.size;
    b.first[i] = first;
    b.second[i] = second;
    b.times[i] = time;
    b.size = i + 1;
    if (b.size == BATCH) {
      handOver(b);
      current = next();
    }
  }

  /**
   * The feeding thread: feeds the sink each batch in turn, until the last. Only {@link #abort}
   * stops it, and says so in {@link #stopping} before it interrupts; an interrupt from anywhere
   * else (a sink that restores one it caught, say) is cleared and the thread goes on, since ending
   * there would drop the calls still to come and leave the analysing thread waiting for a free
   * batch. It looks at {@link #stopping} before each wait too: a sink that swallowed the interrupt
   * of an abort left it waiting for ever for a batch nobody would hand over, holding the sink.
   */
  private void feed() {
    while (true) {
      Batch b;
      try {
        if (stopping) {
          return; // aborted
        }
        b = full.take();
      } catch (InterruptedException e) {
        if (stopping) {
          return; // aborted: the analysis failed, and nobody wants the rest
        }
        continue;
      }
      if (!stopping && failure == null) {
        feed(b);
      }
      if (b.last) {
        return;
      }
      Arrays.fill(b.first, 0, b.size, null); // so that what was fed can be collected young
      Arrays.fill(b.second, 0, b.size, null);
      b.size = 0;
      empty.add(b); // cannot be full: the batch came from the BATCHES in flight
    }
  }

  private void feed(Batch b) {
    try {
      for (int i = 0; i < b.size; i++) {
        Object first = b.first[i];
        if (first instanceof Endpoint) {
          sink.observations(b.times[i], (Endpoint) first, (Facts) b.second[i]);
        } else if (first instanceof Observation) {
          sink.observation((Observation) first);
        } else {
          sink.flow((Flow) first);
        }
      }
    } catch (Throwable e) {
      // Rethrown on the analysing thread; later batches are only recycled. Any throwable: one
      // that ended this thread would leave the analysing thread waiting for a free batch.
      failure = e;
    }
  }

  /**
   * Hands a batch to the feeding thread, waiting for room if the sink is behind. The wait is not
   * cut short by an interrupt, which would lose the batch: the feeding thread frees room as it
   * goes, and the engine notices the interrupt within 4096 packets.
   */
  private void handOver(Batch b) {
    if (!started) {
      started = true;
      thread.start();
    }
    uninterruptibly(
        () -> {
          full.put(b);
          return b;
        });
  }

  /** An empty batch to fill, waiting for the feeding thread to free one (see {@link #handOver}). */
  private Batch next() {
    return uninterruptibly(empty::take);
  }

  /** A wait that may be interrupted. */
  private interface Wait<T> {
    T await() throws InterruptedException;
  }

  /** Waits to the end even when interrupted meanwhile, and then keeps the interrupt. */
  private static <T> T uninterruptibly(Wait<T> wait) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return wait.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Rethrows the sink's failure on the calling thread, if it has failed. */
  void checkFailure() {
    WorkerThreads.rethrow(failure);
  }

  /**
   * Hands over the calls not yet handed over and waits until the sink has had them all; then
   * rethrows the sink's failure, if it failed. Call once, after the last call to the sink.
   *
   * @throws InterruptedIOException interrupted while waiting; the feeding thread is stopped
   */
  void finish() throws InterruptedIOException {
    Batch b = current;
    current = null;
    b.last = true;
    handOver(b);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new InterruptedIOException(
          "interrupted while the inventory took the last observations");
    }
    checkFailure();
  }

  /**
   * Stops the feeding thread after the analysis failed, and waits a while for it, so that the sink
   * is no longer fed once the caller has the failure; the sink's state is then of no use.
   */
  void abort() {
    stopping = true;
    thread.interrupt();
    WorkerThreads.joinEach(STOP_WAIT_MILLIS, thread);
  }

  /** Whether the feeding thread has ended (for tests). */
  boolean stopped() {
    return !thread.isAlive();
  }
}
