package io.ward.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ReadableByteChannel;

/**
 * Workers that each read the whole capture file on a thread of their own and process only the flows
 * their {@link FlowShares} give them; worker 0 is the calling thread, which also keeps the totals
 * and reports progress. Nothing is copied or handed between threads: each worker decodes every
 * packet's headers to find its owner, which costs less than the copy {@link ParallelRunner} makes
 * of every packet it hands over, and the work splits evenly because no thread also feeds the
 * others. Only for an uncompressed file, which can be read again, and a few workers: each reads all
 * the bytes, from the page cache after the first.
 */
final class FileScanWorkers {
  /** Above this many workers, reading the file once per worker costs more than the copies saved. */
  static final int MAX_WORKERS = 4;

  private static final int INTERRUPT_CHECK_MASK = 0xFFF;

  private final WorkerThreads threads;

  private FileScanWorkers(int workers) {
    this.threads = new WorkerThreads(workers);
  }

  /** Whether {@code workers} workers should each read {@code source} ({@code gzip}: compressed). */
  static boolean suits(CaptureSource source, boolean gzip, int workers) {
    return workers > 1 && workers <= MAX_WORKERS && !gzip && source.rereadable();
  }

  /**
   * Gives each processor its share and starts workers 1 and up, each reading its own copy of the
   * first {@code limit} bytes of {@code source}; the caller runs worker 0 on {@code processors[0]}.
   */
  static FileScanWorkers start(CaptureSource source, long limit, PacketProcessor[] processors)
      throws IOException {
    int n = processors.length;
    FlowShares shares = new FlowShares(n, 1.0);
    FileScanWorkers workers = new FileScanWorkers(n);
    for (int i = 0; i < n; i++) {
      processors[i].ownOnly(shares, i);
    }
    for (int i = 1; i < n; i++) {
      // Opened here, not on the worker, so that a failure to open is the caller's exception.
      ReadableByteChannel channel = new PrefixChannel(source.open(), limit);
      CaptureReader reader;
      try {
        reader =
            CaptureOpener.open(
                    source.name(), channel, new Counters(), ChannelInput.DEFAULT_CAPACITY)
                .reader();
      } catch (IOException | RuntimeException e) {
        channel.close();
        workers.abort();
        throw e;
      }
      PacketProcessor processor = processors[i];
      workers.threads.start(i, () -> work(reader, channel, processor));
    }
    return workers;
  }

  private static void work(
      CaptureReader reader, ReadableByteChannel channel, PacketProcessor processor) {
    PacketRecord record = new PacketRecord();
    long packets = 0;
    try (channel) {
      while (reader.next(record)) {
        processor.process(record);
        if ((++packets & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
          return;
        }
      }
      processor.finishAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for workers 1 and up to finish their flows; worker 0 has finished its own. */
  void finish() throws InterruptedIOException {
    threads.join();
  }

  /** Stops the workers after a failure or interruption of worker 0. */
  void abort() {
    threads.interrupt();
  }
}
