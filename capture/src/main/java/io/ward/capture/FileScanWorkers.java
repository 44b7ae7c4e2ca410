package io.ward.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ReadableByteChannel;

/**
 * Workers that each read the whole capture file on a thread of their own and process only the flows
 * their {@link FlowShares} give them; worker 0 is the calling thread, which also keeps the totals
 * and reports progress. No packet is copied or handed between workers: each decodes every packet's
 * headers to find its owner, which costs less than the copy {@link ParallelRunner} makes of every
 * packet it hands over, and the work splits evenly because no worker also feeds the others (workers
 * 1 and up take the file's bytes in place from a thread that reads them, see {@link #start}). Only
 * for an uncompressed file, which can be read again, and a few workers: each reads all the bytes
 * (from the page cache after the first), and each reader's buffer may grow to {@link
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
   *
   * <p>Each of these workers' readers reads the file on a thread of its own ({@link
   * ReadAheadChannel#ofSharedFile}), never on the worker's thread: all read one {@code
   * FileChannel}, which an interrupt during a read closes for every reader, and a worker's thread
   * may be interrupted by what it runs (a sink that restores an interrupt it caught) or by anyone
   * who has it. Such an interrupt is not a request to stop ({@link WorkerThreads}), and the worker
   * goes on. Worker 0, the caller's thread, reads the file itself: an interrupt of it is the
   * caller's request to stop the analysis.
   */
  static FileScanWorkers start(String name, FileSlice file, PacketProcessor[] processors)
      throws IOException {
    FileScanWorkers workers = new FileScanWorkers(processors.length);
    try {
      for (int i = 1; i < processors.length; i++) {
        String readThread = "ward-read-" + i;
        CaptureOpener.Opened opened =
            CaptureOpener.open(
                name,
                file.again(),
                new Counters(),
                ChannelInput.DEFAULT_CAPACITY,
                rest -> ReadAheadChannel.ofSharedFile(rest, readThread, workers.threads::stopping));
        PacketProcessor processor = processors[i];
        try {
          workers.threads.start(i, () -> workers.work(opened, processor));
        } catch (RuntimeException | Error e) {
          closeQuietly(opened, e);
          throw e;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      workers.abort();
      throw e;
    }
    return workers;
  }

  private void work(CaptureOpener.Opened opened, PacketProcessor processor) {
    PacketRecord record = new PacketRecord();
    CaptureReader reader = opened.reader();
    long packets = 0;
    try (opened) {
      while (reader.next(record)) {
        processor.process(record);
        if ((++packets & CaptureEngine.INTERRUPT_CHECK_MASK) == 0 && Thread.interrupted()) {
          if (threads.stopping()) {
            return;
          }
          // Not a request to stop (see WorkerThreads): cleared, and the worker goes on.
        }
      }
      processor.finishAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(CaptureOpener.Opened opened, Throwable failure) {
    try {
      opened.close();
    } catch (IOException | RuntimeException suppressed) {
      failure.addSuppressed(suppressed);
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
