package io.ward.capture;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Spreads packets over worker threads by their {@link FlowShares}, in capture order, when the
 * capture can be read only once (a stream, or compressed). The reading thread decodes headers only
 * to find the owner, then copies packet bytes into reused batches for the other workers.
 */
final class ParallelRunner {
  private static final int BATCHES_PER_WORKER = 4;

  /**
   * The reading thread's weight relative to a worker thread's: it also reads, hashes and copies, so
   * it takes a smaller share of the flows (with 2 workers, 3/8 against 5/8) and finishes with the
   * other thread instead of holding it up.
   */
  private static final double READER_WEIGHT = 0.6;

  private final PacketProcessor[] processors;
  private final WorkerThreads threads;
  private final BlockingQueue<PacketBatch>[] full;
  private final BlockingQueue<PacketBatch>[] free;
  private final PacketBatch[] current;
  private final FlowShares shares;
  private final PacketDecoder hashDecoder = new PacketDecoder(new Counters());
  private final Packet hashPacket = new Packet();

  @SuppressWarnings("unchecked")
  ParallelRunner(PacketProcessor[] processors) {
    int n = processors.length;
    this.processors = processors;
    this.threads = new WorkerThreads(n);
    this.full = new BlockingQueue[n];
    this.free = new BlockingQueue[n];
    this.current = new PacketBatch[n];
    for (int i = 1; i < n; i++) {
      full[i] = new ArrayBlockingQueue<>(BATCHES_PER_WORKER + 1);
      free[i] = new ArrayBlockingQueue<>(BATCHES_PER_WORKER + 1);
      for (int j = 0; j < BATCHES_PER_WORKER; j++) {
        free[i].add(new PacketBatch());
      }
      current[i] = new PacketBatch();
    }
    this.shares = new FlowShares(n, READER_WEIGHT);
  }

  void start() {
    for (int i = 1; i < processors.length; i++) {
      int w = i;
      threads.start(w, () -> work(w));
    }
  }

  /** Routes one packet (its bytes are copied; the record may be reused afterwards). */
  void accept(PacketRecord r) throws InterruptedIOException {
    int w = worker(r);
    if (w == 0) {
      processors[0].process(r);
      return;
    }
    PacketBatch b = current[w];
    if (!b.fits(r)) {
      hand(w, b);
      b = takeFree(w);
      current[w] = b;
    }
    b.add(r);
  }

  private int worker(PacketRecord r) {
    Packet p = hashPacket;
    return shares.owner(hashDecoder.decode(r, p), p);
  }

  /** Sends the last batches and waits for every worker to summarise its flows. */
  void finish() throws InterruptedIOException {
    for (int i = 1; i < processors.length; i++) {
      current[i].last = true;
      hand(i, current[i]);
    }
    processors[0].finishAll();
    threads.join();
  }

  /**
   * Stops the workers after a failure or interruption of the reading thread, and waits for them.
   */
  void abort() {
    threads.stop();
  }

  private void hand(int w, PacketBatch b) throws InterruptedIOException {
    try {
      while (!full[w].offer(b, 100, TimeUnit.MILLISECONDS)) {
        threads.checkFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("capture analysis interrupted");
    }
  }

  private PacketBatch takeFree(int w) throws InterruptedIOException {
    try {
      PacketBatch b;
      while ((b = free[w].poll(100, TimeUnit.MILLISECONDS)) == null) {
        threads.checkFailure();
      }
      return b;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("capture analysis interrupted");
    }
  }

  private void work(int w) {
    PacketProcessor processor = processors[w];
    PacketRecord record = new PacketRecord();
    while (true) {
      PacketBatch b = nextFull(w);
      if (b == null) {
        return; // asked to stop
      }
      for (int i = 0; i < b.count; i++) {
        b.load(i, record);
        processor.process(record);
      }
      boolean last = b.last;
      b.clear();
      if (last) {
        break;
      }
      free[w].add(b); // cannot be full: the batch came from the BATCHES_PER_WORKER in flight
    }
    processor.finishAll();
  }

  /**
   * Worker {@code w}'s next batch, or null once {@link WorkerThreads#interrupt} has asked the
   * workers to stop; an interrupt that did not come from there is cleared and the wait goes on (see
   * {@link WorkerThreads}).
   */
  private PacketBatch nextFull(int w) {
    while (true) {
      try {
        return threads.stopping() ? null : full[w].take();
      } catch (InterruptedException e) {
        // Cleared by the exception; the loop asks whether it was a request to stop.
      }
    }
  }
}
