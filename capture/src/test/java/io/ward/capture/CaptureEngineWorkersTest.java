package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Results do not depend on the number of worker threads. */
class CaptureEngineWorkersTest {

  private static List<Dissector> dissectors() {
    List<Dissector> all = new ArrayList<>(DissectorRegistry.all());
    // Reports every chunk of every otherwise unrecognised flow, so streams are compared too.
    all.add(new TestDissector("chunks", Transport.TCP, new int[0], true, ""));
    all.add(new TestDissector("datagrams", Transport.UDP, new int[0], true, ""));
    return all;
  }

  private record Result(CaptureSummary summary, List<String> flows, List<String> observations) {}

  private static Result run(Path file, int workers) throws IOException {
    return run(CaptureSource.ofPath(file), workers);
  }

  private static Result run(CaptureSource source, int workers) throws IOException {
    return run(source, workers, new TestCaptures.Collector());
  }

  private static Result run(CaptureSource source, int workers, TestCaptures.Collector c)
      throws IOException {
    CaptureOptions options =
        CaptureOptions.defaults().withDissectors(dissectors()).withWorkers(workers);
    CaptureSummary s = new CaptureEngine(options).analyze(source, c, ProgressListener.NONE);
    return new Result(
        s,
        c.flows.stream().map(Flow::toString).sorted().toList(),
        c.observations.stream().map(Observation::toString).sorted().toList());
  }

  @Test
  void shouldGiveTheSameFlowsObservationsAndCountsWithOneOrSeveralWorkers() throws IOException {
    List<Path> captures;
    try (Stream<Path> files = Files.walk(TestCaptures.data().resolve("pcaps"))) {
      captures = files.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(captures).hasSizeGreaterThan(40);
    long observations = 0;
    for (Path capture : captures) {
      Result one = run(capture, 1);
      // Files: each worker reads the whole file, up to FileScanWorkers.MAX_WORKERS; above it, and
      // for streams, one thread reads and hands packets over.
      for (int workers : new int[] {2, 3, FileScanWorkers.MAX_WORKERS + 1}) {
        assertSame(one, run(capture, workers), capture.getFileName() + ", " + workers + " workers");
      }
      try (InputStream in = Files.newInputStream(capture)) {
        Result streamed = run(CaptureSource.ofStream(in, capture.toString()), 2);
        assertSame(one, streamed, capture.getFileName() + " as a stream, 2 workers");
      }
      observations += one.observations().size();
    }
    assertThat(observations).as("the comparison covered dissector output").isGreaterThan(500);
  }

  @Test
  void shouldCountEachDamagedPacketOnceWhateverTheWorkers(@TempDir Path tmp) throws IOException {
    // Damaged packets of many flows, so that every worker owns some, and packets of no flow.
    Frames.Capture cap = new Frames.Capture();
    for (int port = 1000; port < 1064; port++) {
      byte[] badOffset = Frames.tcp(port, 80, 1, 0x18, new byte[8]);
      badOffset[12] = 0x30; // a data offset of 12 bytes, shorter than the TCP header
      cap.add(Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, ipv4(badOffset)));
      byte[] truncated = Frames.tcp(80, port, 1, 0x18, new byte[0]);
      truncated[12] = (byte) 0xF0; // 60 bytes of header announced, 20 present
      cap.add(Frames.eth(Frames.MAC_A, Frames.MAC_B, 0x0800, ipv4(truncated)));
      byte[] badIhl =
          Frames.ipv4(Frames.IP_A, Frames.IP_B, 6, Frames.tcp(port, 80, 1, 2, new byte[0]));
      badIhl[0] = 0x44;
      cap.add(Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, badIhl));
    }
    Path file = cap.write(tmp.resolve("damaged.pcap"));
    Result one = run(file, 1);
    assertThat(one.summary().anomalies())
        .containsEntry("tcp.bad_data_offset", 64L)
        .containsEntry("tcp.truncated", 64L)
        .containsEntry("ipv4.bad_header_length", 64L);
    for (int workers : new int[] {2, 3, FileScanWorkers.MAX_WORKERS + 1}) {
      assertSame(one, run(file, workers), workers + " workers");
    }
    try (InputStream in = Files.newInputStream(file)) {
      assertSame(one, run(CaptureSource.ofStream(in, file.toString()), 2), "a stream, 2 workers");
    }
  }

  @Test
  void shouldCutPcapngPacketsLongerThanAnyRecordWhateverTheWorkers(@TempDir Path tmp)
      throws IOException {
    // A pcapng block may hold a packet of up to 32 MiB; the workers' batches hold 1 MiB records,
    // and one longer crashed the analysis with several workers on a stream.
    TestCaptures.Pcapng png = new TestCaptures.Pcapng(java.nio.ByteOrder.LITTLE_ENDIAN).idb(1, -1);
    int oversized = 0;
    for (int port = 2000; port < 2016; port++) {
      png.epb(0, port, Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, ipv4(syn(port))));
      byte[] big = new byte[CaptureReader.MAX_RECORD_BYTES + 4096];
      byte[] head = Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, ipv4(syn(port)));
      System.arraycopy(head, 0, big, 0, head.length);
      png.epb(0, port + 1, big);
      oversized++;
    }
    png.spb(new byte[CaptureReader.MAX_RECORD_BYTES + 1]);
    oversized++;
    Path file = Files.write(tmp.resolve("oversized.pcapng"), png.bytes());

    Result one = run(file, 1);
    assertThat(one.summary().anomalies()).containsEntry("frame.cut_to_1mib", (long) oversized);
    assertThat(one.summary().packets()).isEqualTo(33);
    assertThat(one.summary().truncatedAtOffset()).isEmpty();
    for (int workers : new int[] {2, 3, FileScanWorkers.MAX_WORKERS + 1}) {
      assertSame(one, run(file, workers), workers + " workers");
    }
    try (InputStream in = Files.newInputStream(file)) {
      assertSame(one, run(CaptureSource.ofStream(in, file.toString()), 2), "a stream, 2 workers");
    }
  }

  private static byte[] syn(int port) {
    return Frames.tcp(port, 80, 1, 0x02, new byte[0]);
  }

  @Test
  void shouldGiveTheSameResultsFromACompressedFile(@TempDir Path tmp) throws IOException {
    Path capture = biggest();
    Path gz = tmp.resolve(capture.getFileName() + ".gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(capture, out);
    }
    Result one = run(capture, 1);
    assertThat(one.flows()).as("flows to share").hasSizeGreaterThan(10);
    for (int workers : new int[] {1, 2, 3}) {
      Result compressed = run(gz, workers);
      // The summary names the file and says it was compressed; everything else is the same.
      assertThat(compressed.flows()).as("%d workers", workers).isEqualTo(one.flows());
      assertThat(compressed.observations()).as("%d workers", workers).isEqualTo(one.observations());
      assertThat(compressed.summary().gzip()).isTrue();
      assertThat(compressed.summary().packets()).isEqualTo(one.summary().packets());
      assertThat(compressed.summary().anomalies()).isEqualTo(one.summary().anomalies());
      assertThat(compressed.summary().warnings()).isEmpty();
    }
  }

  @Test
  void shouldSplitFlowsEvenlyWhenEachWorkerReadsTheFile(@TempDir Path tmp) throws IOException {
    Frames.Capture cap = new Frames.Capture();
    for (int port = 10_000; port < 12_000; port++) {
      cap.add(Frames.udpFrame(true, port, 5000, new byte[] {1}));
    }
    Path file = cap.write(tmp.resolve("udp.pcap"));
    // Each worker reading the file takes half the flows; a reading thread that hands packets over
    // keeps 3/8 (ParallelRunner.READER_WEIGHT), since it also copies what it hands over.
    assertThat(shareOfCallingThread(CaptureSource.ofPath(file))).isBetween(0.45, 0.55);
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(shareOfCallingThread(CaptureSource.ofStream(in, "-"))).isBetween(0.32, 0.43);
    }
  }

  /** The share of flows summarised on the calling thread by an analysis with 2 workers. */
  private static double shareOfCallingThread(CaptureSource source) throws IOException {
    Thread caller = Thread.currentThread();
    long[] here = new long[2];
    ObservationSink sink =
        new ObservationSink() {
          @Override
          public void observation(Observation observation) {}

          @Override
          public void flow(Flow flow) {
            here[Thread.currentThread() == caller ? 0 : 1]++;
          }
        };
    new CaptureEngine(CaptureOptions.defaults().withWorkers(2))
        .analyze(source, sink, ProgressListener.NONE);
    assertThat(here[0] + here[1]).isEqualTo(2000);
    return here[0] / 2000.0;
  }

  @Test
  void shouldReadACaptureAsItWasWhenTheAnalysisStarted(@TempDir Path tmp) throws IOException {
    Frames.Capture first = new Frames.Capture();
    Frames.Capture more = new Frames.Capture();
    for (int i = 0; i < 3000; i++) {
      first.add(Frames.udpFrame(true, 10_000 + i, 5000, new byte[200]));
      more.add(Frames.udpFrame(true, 20_000 + i, 5000, new byte[200]));
    }
    byte[] appended = Files.readAllBytes(more.write(tmp.resolve("more.pcap")));
    Path file = tmp.resolve("growing.pcap");
    for (int workers : new int[] {1, 2, FileScanWorkers.MAX_WORKERS + 1}) {
      first.write(file);
      assertThat(Files.size(file)).as("more than one read").isGreaterThan(256 << 10);
      // The capture grows while it is read: after the first flow, more records arrive.
      ObservationSink sink =
          new ObservationSink() {
            boolean grown;

            @Override
            public void observation(Observation observation) {}

            @Override
            public synchronized void flow(Flow flow) {
              if (!grown) {
                grown = true;
                try {
                  Files.write(
                      file,
                      java.util.Arrays.copyOfRange(appended, 24, appended.length),
                      java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            }
          };
      CaptureOptions options = CaptureOptions.defaults().withWorkers(workers).withMaxLiveFlows(100);
      CaptureSummary s =
          new CaptureEngine(options)
              .analyze(CaptureSource.ofPath(file), sink, ProgressListener.NONE);
      assertThat(Files.size(file)).as("the file grew").isGreaterThan(2L * (256 << 10));
      assertThat(s.packets()).as("%d workers", workers).isEqualTo(3000);
      assertThat(s.flows()).as("%d workers", workers).isEqualTo(3000);
      assertThat(s.truncatedAtOffset()).isEmpty();
    }
  }

  @Test
  void shouldStopEveryWorkerWhenOneFails() throws IOException {
    Path file = biggest();
    Thread caller = Thread.currentThread();
    // File scans with 3 workers, and handing over with 5: worker 1 fails, the others are slow to
    // stop, and none may still run when the analysis has failed.
    for (int workers : new int[] {3, FileScanWorkers.MAX_WORKERS + 1}) {
      java.util.Set<Thread> slowed = java.util.concurrent.ConcurrentHashMap.newKeySet();
      ObservationSink failing =
          onEveryCall(
              () -> {
                Thread t = Thread.currentThread();
                if (t == caller) {
                  return;
                }
                if (t.getName().endsWith("-1")) {
                  throw new IllegalStateException("sink broke on " + t.getName());
                }
                if (slowed.add(t)) {
                  long until = System.nanoTime() + 300_000_000L;
                  while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // not interruptible: a worker busy in a dissector
                  }
                }
              });
      CaptureEngine engine = new CaptureEngine(CaptureOptions.defaults().withWorkers(workers));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> engine.analyze(CaptureSource.ofPath(file), failing, ProgressListener.NONE))
          .as("%s, %d workers", file.getFileName(), workers)
          .hasMessageContaining("sink broke on ward-capture-worker-1");
      assertThat(slowed).as("workers slow to stop").isNotEmpty();
      assertThat(Thread.getAllStackTraces().keySet())
          .as("workers left running")
          .noneMatch(t -> t.getName().startsWith("ward-capture-worker-") && t.isAlive());
    }
  }

  @Test
  void shouldFeedOneWorkersSinkOnAThreadOfItsOwnAndHaveFedItAllOnReturn() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        CaptureEngine.handsOff(1), "one processor: the worker feeds its sink itself");
    Path file = biggest();
    List<String> threads = new ArrayList<>();
    long[] calls = new long[1];
    ObservationSink recording =
        onEveryCall(
            () -> {
              calls[0]++;
              String name = Thread.currentThread().getName();
              if (!threads.contains(name)) {
                threads.add(name);
              }
            });
    CaptureSummary s =
        new CaptureEngine(CaptureOptions.defaults().withWorkers(1))
            .analyze(CaptureSource.ofPath(file), recording, ProgressListener.NONE);

    assertThat(threads).containsExactly("ward-sink");
    assertThat(calls[0]).as("at least a flow each").isGreaterThanOrEqualTo(s.flows());
    Result direct = run(file, 1);
    assertThat(calls[0])
        .as("every call, as the collector of another run got them")
        .isEqualTo(direct.flows().size() + direct.observations().size());
    assertThat(Thread.getAllStackTraces().keySet())
        .as("feeding thread left running")
        .noneMatch(t -> t.getName().equals("ward-sink") && t.isAlive());
  }

  @Test
  void shouldFailTheAnalysisWithTheSinksOwnFailureWhenOneWorkerHandsOff() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        CaptureEngine.handsOff(1), "one processor: the worker feeds its sink itself");
    Path file = biggest();
    IllegalStateException broke = new IllegalStateException("inventory broke");
    int[] calls = new int[1];
    ObservationSink failing =
        onEveryCall(
            () -> {
              if (++calls[0] == 50) {
                throw broke;
              }
            });
    CaptureEngine engine = new CaptureEngine(CaptureOptions.defaults().withWorkers(1));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> engine.analyze(CaptureSource.ofPath(file), failing, ProgressListener.NONE))
        .isSameAs(broke);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("feeding thread left running")
        .noneMatch(t -> t.getName().equals("ward-sink") && t.isAlive());
  }

  @Test
  void shouldFailTheAnalysisWithTheSinksOwnFailureEvenWhenADissectorWasCallingIt()
      throws IOException {
    // A dissector's exception is counted and the analysis goes on; the sink's, thrown back into
    // the HL7 dissector that was handing it facts, is the inventory's bug and must not be counted
    // as the dissector's. One worker hands off, three scan the file, five are fed by a reader.
    Path file = TestCaptures.data().resolve("pcaps/ndpi/hl7.pcap");
    for (int workers : new int[] {1, 3, FileScanWorkers.MAX_WORKERS + 1}) {
      IllegalStateException broke = new IllegalStateException("inventory broke, " + workers);
      ObservationSink failing =
          new ObservationSink() {
            @Override
            public void observation(Observation observation) {}

            @Override
            public void observations(long epochNanos, Endpoint subject, Facts facts) {
              throw broke;
            }

            @Override
            public void flow(Flow flow) {}
          };
      CaptureEngine engine = new CaptureEngine(CaptureOptions.defaults().withWorkers(workers));

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> engine.analyze(CaptureSource.ofPath(file), failing, ProgressListener.NONE))
          .as("%d workers", workers)
          .isSameAs(broke);
    }
  }

  @Test
  @Timeout(120)
  void shouldNeitherHangNorLoseFlowsWhenASinkInterruptsAWorkersThread(@TempDir Path tmp)
      throws IOException {
    // A sink that restores an interrupt it caught would leave a worker's thread interrupted. Only
    // the engine asks its workers to stop: before, a worker that found itself interrupted ended
    // quietly, and its flows were missing, or the reading thread waited for ever for its batches.
    Frames.Capture cap = new Frames.Capture();
    for (int round = 0; round < 3; round++) {
      for (int port = 10_000; port < 13_000; port++) {
        cap.add(Frames.udpFrame(round != 1, port, 5000, new byte[] {(byte) round, 2, 3}));
      }
    }
    Path file = cap.write(tmp.resolve("udp.pcap"));
    Result one = run(file, 1);
    assertThat(one.observations()).as("the datagrams dissector reports").hasSizeGreaterThan(8000);

    try (InputStream in = Files.newInputStream(file)) {
      Result streamed = runInterrupting(CaptureSource.ofStream(in, "-"), 2);
      assertThat(streamed.flows()).isEqualTo(one.flows());
      assertThat(streamed.observations()).isEqualTo(one.observations());
    }
    // Each worker reading the file: an interrupt during a read of the file's one channel closes it
    // for every worker (the JDK's interruptible channels do), which failed the analysis.
    Result scanned = runInterrupting(CaptureSource.ofPath(file), 2);
    assertThat(scanned.flows()).isEqualTo(one.flows());
    assertThat(scanned.observations()).isEqualTo(one.observations());
  }

  @Test
  @Timeout(120)
  void shouldNotLetAnInterruptOfAWorkersThreadFromAnotherThreadFailTheAnalysis(@TempDir Path tmp)
      throws IOException, InterruptedException {
    // Workers that each read the file share its one FileChannel: interrupted during a read, it is
    // closed for all. Another thread interrupts worker 1 over and over while the file is read.
    Frames.Capture cap = new Frames.Capture();
    for (int round = 0; round < 20; round++) {
      for (int port = 10_000; port < 20_000; port++) {
        cap.add(Frames.udpFrame(round % 2 == 0, port, 5000, new byte[] {(byte) round, 2, 3}));
      }
    }
    Path file = cap.write(tmp.resolve("udp.pcap"));
    assertThat(Files.size(file))
        .as("many reads")
        .isGreaterThan(40L * ChannelInput.DEFAULT_CAPACITY);
    Result one = run(file, 1);

    for (int workers : new int[] {2, FileScanWorkers.MAX_WORKERS}) {
      java.util.concurrent.atomic.AtomicLong interrupts =
          new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicBoolean done =
          new java.util.concurrent.atomic.AtomicBoolean();
      Thread interrupter =
          new Thread(
              () -> {
                while (!done.get()) {
                  for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().equals("ward-capture-worker-1")) {
                      t.interrupt();
                      interrupts.incrementAndGet();
                    }
                  }
                  java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
              },
              "test-interrupter");
      interrupter.start();
      Result scanned;
      try {
        scanned = run(file, workers);
      } finally {
        done.set(true);
        interrupter.join();
      }
      assertThat(interrupts.get()).as("worker 1 interrupted, %d workers", workers).isPositive();
      assertThat(scanned.flows()).as("%d workers", workers).isEqualTo(one.flows());
      assertThat(scanned.observations()).as("%d workers", workers).isEqualTo(one.observations());
      assertThat(scanned.summary().packets()).isEqualTo(one.summary().packets());
    }
  }

  /** {@link #run}, with a sink that interrupts every thread but the caller's that calls it. */
  private static Result runInterrupting(CaptureSource source, int workers) throws IOException {
    Thread caller = Thread.currentThread();
    TestCaptures.Collector c =
        new TestCaptures.Collector() {
          @Override
          public void observation(Observation observation) {
            interruptOthers();
            super.observation(observation);
          }

          @Override
          public void flow(Flow flow) {
            interruptOthers();
            super.flow(flow);
          }

          private void interruptOthers() {
            if (Thread.currentThread() != caller) {
              Thread.currentThread().interrupt();
            }
          }
        };
    return run(source, workers, c);
  }

  /** A sink that runs {@code call} for every observation and flow. */
  private static ObservationSink onEveryCall(Runnable call) {
    return new ObservationSink() {
      @Override
      public void observation(Observation observation) {
        call.run();
      }

      @Override
      public void flow(Flow flow) {
        call.run();
      }
    };
  }

  /** The largest shared test capture, so that the failure comes while worker 0 still reads. */
  private static Path biggest() throws IOException {
    try (Stream<Path> files = Files.walk(TestCaptures.data().resolve("pcaps"))) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".pcap"))
          .max(java.util.Comparator.comparingLong(f -> f.toFile().length()))
          .orElseThrow();
    }
  }

  private static byte[] ipv4(byte[] tcp) {
    return Frames.ipv4(Frames.IP_A, Frames.IP_B, 6, tcp);
  }

  private static void assertSame(Result one, Result many, String what) {
    assertThat(many.flows()).as(what).isEqualTo(one.flows());
    assertThat(many.observations()).as(what).isEqualTo(one.observations());
    assertThat(many.summary()).as(what).isEqualTo(one.summary());
  }
}
