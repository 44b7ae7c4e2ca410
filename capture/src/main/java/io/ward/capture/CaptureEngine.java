package io.ward.capture;

import io.ward.capture.dissect.ObservationSink;
import io.ward.capture.dissect.PartitionedSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a capture and turns it into observations and flow summaries: the facade of the capture
 * module. Construct once (thread-safe); run one {@link #analyze} at a time per instance.
 */
public final class CaptureEngine {
  private static final long PROGRESS_EVERY_BYTES = 4L << 20;

  /**
   * Every worker looks for an interrupt, and worker 0 for the others' failures, every 4096 packets.
   */
  static final int INTERRUPT_CHECK_MASK = 0xFFF;

  private final CaptureOptions options;
  private final ProtocolMatcher matcher;

  /** An engine with these options; the dissector table is indexed once here. */
  public CaptureEngine(CaptureOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.matcher = new ProtocolMatcher(options.decodeOnly() ? List.of() : options.dissectors());
  }

  /**
   * Analyses one capture. Observations and flows go to {@code sink}, never from two threads at
   * once. A truncated capture is analysed up to the damage and reported in the summary.
   *
   * @throws CaptureFormatException the source is empty, unreadable, or not a pcap/pcapng capture
   * @throws IOException reading failed for another reason, or the thread was interrupted ({@link
   *     InterruptedIOException})
   */
  public CaptureSummary analyze(
      CaptureSource source, ObservationSink sink, ProgressListener progress) throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(progress, "progress");
    try {
      return analyzeOrFail(source, sink, progress);
    } catch (SinkFailure e) {
      throw e.sinkException();
    } catch (ClosedByInterruptException e) {
      // A FileChannel read by an interrupted thread closes the channel and throws this: to the
      // caller it is the interruption the contract names.
      InterruptedIOException interrupted =
          new InterruptedIOException("capture analysis interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  private CaptureSummary analyzeOrFail(
      CaptureSource source, ObservationSink sink, ProgressListener progress) throws IOException {
    Counters readerCounters = new Counters();
    long total = source.sizeBytes();
    int workers = options.workers();
    try (ReadableByteChannel raw = source.open()) {
      // A regular file is read as it was at the start (see FileSlice); other sources as they come.
      ReadableByteChannel bytes =
          raw instanceof FileChannel && total >= 0 ? new FileSlice((FileChannel) raw, total) : raw;
      CountingChannel counting = new CountingChannel(bytes);
      try (CaptureOpener.Opened opened =
          CaptureOpener.open(
              source.name(),
              counting,
              readerCounters,
              ChannelInput.DEFAULT_CAPACITY,
              readsAhead(bytes, workers))) {
        CaptureReader reader = opened.reader();
        boolean eachReads = FileScanWorkers.suits(bytes, opened.gzip(), workers);
        HandOffSink handOff = handsOff(workers) ? new HandOffSink(sink, "ward-sink") : null;
        PacketProcessor[] processors =
            processors(
                handOff != null ? handOff : sink,
                workers,
                eachReads ? FileScanWorkers.shares(workers) : null);
        Totals totals;
        if (handOff != null) {
          totals = runHandingOff(reader, processors[0], handOff, counting, total, progress);
        } else if (workers == 1) {
          totals = runSingle(reader, processors[0], counting, total, progress, () -> {});
        } else if (eachReads) {
          FileSlice file = (FileSlice) bytes;
          totals = runFileScans(source.name(), file, reader, processors, counting, total, progress);
        } else {
          totals = runParallel(reader, processors, counting, total, progress);
        }
        progress.progress(counting.count(), total);
        return summary(source.name(), opened, reader, readerCounters, processors, totals);
      }
    }
  }

  /**
   * Whether one worker's file is read on a thread of its own (see {@link ReadAheadChannel}): when
   * another processor can run that thread. Several workers already keep the processors busy.
   */
  static boolean readsAhead(ReadableByteChannel bytes, int workers) {
    return workers == 1
        && bytes instanceof FileSlice
        && Runtime.getRuntime().availableProcessors() > 1;
  }

  /**
   * Whether one worker's sink is fed on a thread of its own (see {@link HandOffSink}): when another
   * processor can run that thread. Several workers each feed a sink of their own on their own
   * thread, and already keep the processors busy.
   */
  static boolean handsOff(int workers) {
    return workers == 1 && Runtime.getRuntime().availableProcessors() > 1;
  }

  /**
   * One processor per worker; with {@code shares}, each is given every packet and keeps its own.
   */
  private PacketProcessor[] processors(ObservationSink sink, int workers, FlowShares shares) {
    ObservationSink shared = workers == 1 ? sink : new SynchronizedSink(sink);
    PacketProcessor[] processors = new PacketProcessor[workers];
    int flowsPerWorker = Math.max(1, options.maxLiveFlows() / workers);
    for (int i = 0; i < workers; i++) {
      ObservationSink out =
          workers > 1 && sink instanceof PartitionedSink
              ? ((PartitionedSink) sink).forWorker(i)
              : shared;
      processors[i] = new PacketProcessor(options, matcher, out, flowsPerWorker, shares, i);
    }
    return processors;
  }

  /** Packet totals kept by the reading thread. */
  private static final class Totals {
    long packets;
    long bytes;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long nextProgress = PROGRESS_EVERY_BYTES;

    void count(PacketRecord r) {
      packets++;
      bytes += r.wireLength;
      long t = r.epochNanos;
      if (t < first) {
        first = t;
      }
      if (t > last) {
        last = t;
      }
    }
  }

  /** Reads and processes every packet on this thread; {@code others} rethrows other failures. */
  private static Totals runSingle(
      CaptureReader reader,
      PacketProcessor processor,
      CountingChannel counting,
      long total,
      ProgressListener progress,
      Runnable others)
      throws IOException {
    Totals totals = new Totals();
    PacketRecord record = new PacketRecord();
    while (reader.next(record)) {
      totals.count(record);
      processor.process(record);
      if ((totals.packets & INTERRUPT_CHECK_MASK) == 0) {
        others.run();
      }
      housekeeping(totals, counting, total, progress);
    }
    processor.finishAll();
    return totals;
  }

  /** As {@link #runSingle}, then waits until {@code handOff} has fed its sink everything. */
  private static Totals runHandingOff(
      CaptureReader reader,
      PacketProcessor processor,
      HandOffSink handOff,
      CountingChannel counting,
      long total,
      ProgressListener progress)
      throws IOException {
    try {
      Totals totals =
          runSingle(reader, processor, counting, total, progress, handOff::checkFailure);
      handOff.finish();
      return totals;
    } catch (IOException | RuntimeException | Error e) {
      handOff.abort();
      throw e;
    }
  }

  private static Totals runParallel(
      CaptureReader reader,
      PacketProcessor[] processors,
      CountingChannel counting,
      long total,
      ProgressListener progress)
      throws IOException {
    Totals totals = new Totals();
    PacketRecord record = new PacketRecord();
    ParallelRunner runner = new ParallelRunner(processors);
    runner.start();
    try {
      while (reader.next(record)) {
        totals.count(record);
        runner.accept(record);
        housekeeping(totals, counting, total, progress);
      }
      runner.finish();
    } catch (IOException | RuntimeException | Error e) {
      runner.abort();
      throw e;
    }
    return totals;
  }

  private static Totals runFileScans(
      String name,
      FileSlice file,
      CaptureReader reader,
      PacketProcessor[] processors,
      CountingChannel counting,
      long total,
      ProgressListener progress)
      throws IOException {
    FileScanWorkers others = FileScanWorkers.start(name, file, processors);
    try {
      Totals totals =
          runSingle(reader, processors[0], counting, total, progress, others::checkFailure);
      others.finish();
      return totals;
    } catch (UncheckedIOException e) {
      // Another worker's read failure, wrapped to leave its thread (FileScanWorkers.work): the
      // caller gets the IOException it is, as it would from this thread's own reader.
      others.abort();
      throw e.getCause();
    } catch (IOException | RuntimeException | Error e) {
      others.abort();
      throw e;
    }
  }

  private static void housekeeping(
      Totals totals, CountingChannel counting, long total, ProgressListener progress)
      throws InterruptedIOException {
    if ((totals.packets & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("capture analysis interrupted");
    }
    long read = counting.count();
    if (read >= totals.nextProgress) {
      totals.nextProgress = read + PROGRESS_EVERY_BYTES;
      progress.progress(read, total);
    }
  }

  private static CaptureSummary summary(
      String name,
      CaptureOpener.Opened opened,
      CaptureReader reader,
      Counters readerCounters,
      PacketProcessor[] processors,
      Totals totals) {
    Map<String, Long> anomalies = new TreeMap<>();
    readerCounters.addTo(anomalies);
    Map<String, Long> byProtocol = new TreeMap<>();
    long flows = 0;
    long fragments = 0;
    long undecodable = 0;
    for (PacketProcessor p : processors) {
      p.counters.addTo(anomalies);
      p.addFlowsByProtocol(byProtocol);
      flows += p.flows;
      fragments += p.fragments;
      undecodable += p.undecodable;
    }
    List<String> warnings = new ArrayList<>(reader.warnings());
    boolean any = totals.packets > 0;
    return new CaptureSummary(
        name,
        reader.format(),
        opened.gzip(),
        reader.linkTypes(),
        totals.packets,
        totals.bytes,
        flows,
        any ? totals.first : 0,
        any ? totals.last : 0,
        reader.truncatedAt(),
        warnings,
        anomalies,
        byProtocol,
        fragments,
        undecodable);
  }
}
