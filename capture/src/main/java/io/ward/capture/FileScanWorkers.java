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
 * the bytes (from the page cache after the first), and each reader's buffer may grow to {@link
 * ChannelInput}'s largest on a hostile pcapng.
 */
final class FileScanWorkers {
  /** Above this many workers, reading the file once per worker costs more than the copies saved. */
  static final int MAX_WORKERS = 4;

  private final WorkerThreads threads;

  private FileScanWorkers(int workers) {
    this.threads = new WorkerThreads(workers);
  }

  /**
   * Whether {@code workers} workers should each read the capture that {@code bytes} reads ({@code
   * gzip}: it is compressed): a file, uncompressed, and more than one worker but not many.
   */
  static boolean suits(ReadableByteChannel bytes, boolean gzip, int workers) {
    return bytes instanceof FileSlice && !gzip && workers > 1 && workers <= MAX_WORKERS;
  }

  /**
   * Equal shares: worker 0's extra work (totals, progress, packets of no flow) is a few counters
   * per packet, unlike ParallelRunner's reading thread, which also copies what it hands over.
   */
  static FlowShares shares(int workers) {
    return new FlowShares(workers, 1.0);
  }

  /**
   * Starts workers 1 and up, each with a reader of its own over {@code file} processing {@code
   * processors[i]}; the caller runs worker 0 on {@code processors[0]}.
   */
  static FileScanWorkers start(String name, FileSlice file, PacketProcessor[] processors)
      throws IOException {
    FileScanWorkers workers = new FileScanWorkers(processors.length);
    try {
      for (int i = 1; i < processors.length; i++) {
        FileSlice bytes = file.again();
        CaptureReader reader =
            CaptureOpener.open(name, bytes, new Counters(), ChannelInput.DEFAULT_CAPACITY).reader();
        PacketProcessor processor = processors[i];
        workers.threads.start(i, () -> workers.work(reader, processor));
      }
    } catch (IOException | RuntimeException | Error e) {
      workers.abort();
      throw e;
    }
    return workers;
  }

  private void work(CaptureReader reader, PacketProcessor processor) {
    PacketRecord record = new PacketRecord();
    long packets = 0;
    try {
      while (reader.next(record)) {
        processor.process(record);
        if ((++packets & CaptureEngine.INTERRUPT_CHECK_MASK) == 0 && Thread.interrupted()) {
          if (threads.stopping()) {
            return;
          }
          // Not a request to stop (see WorkerThreads): cleared, and the worker goes on. One that
          // comes during a read of the file closes its channel instead, and the analysis fails.
        }
      }
      processor.finishAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rethrows the failure of a worker, if one has failed (worker 0 checks as it reads). */
  void checkFailure() {
    threads.checkFailure();
  }

  /** Waits for workers 1 and up to finish their flows; worker 0 has finished its own. */
  void finish() throws InterruptedIOException {
    threads.join();
  }

  /** Stops the workers after a failure or interruption of worker 0, and waits for them. */
  void abort() {
    threads.stop();
  }
}
