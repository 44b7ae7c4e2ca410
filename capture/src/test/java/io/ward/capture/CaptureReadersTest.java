package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.model.Flow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every capture format variant Ward reads, and how it fails on input that is not a capture. */
class CaptureReadersTest {
  private static final long HL7_FIRST_NANOS = 1517275422250397000L;

  @TempDir Path tmp;

  private static Path hl7() {
    return TestCaptures.pcap("ndpi/hl7.pcap");
  }

  private static List<String> flowsOf(TestCaptures.Collector c) {
    return c.flows.stream().map(Flow::toString).sorted().toList();
  }

  private record Run(CaptureSummary summary, List<String> flows) {}

  private static Run run(Path file) throws IOException {
    TestCaptures.Collector c = new TestCaptures.Collector();
    CaptureSummary s = TestCaptures.analyze(file, c);
    return new Run(s, flowsOf(c));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void shouldReadLittleEndianMicrosecondPcap() throws IOException {
    Run r = run(hl7());

    assertThat(r.summary().format()).isEqualTo("pcap");
    assertThat(r.summary().gzip()).isFalse();
    assertThat(r.summary().linkTypes()).containsExactly(1);
    assertThat(r.summary().packets()).isEqualTo(9);
    assertThat(r.summary().bytes()).isEqualTo(1173);
    assertThat(r.summary().firstEpochNanos()).isEqualTo(HL7_FIRST_NANOS);
    assertThat(r.summary().truncatedAtOffset()).isEmpty();
    assertThat(r.summary().warnings()).isEmpty();
    assertThat(r.flows()).hasSize(1);
  }

  @Test
  void shouldReadBigEndianAndNanosecondPcapLikeTheOriginal() throws IOException {
    List<TestCaptures.Frame> frames = TestCaptures.frames(hl7());
    Run original = run(hl7());

    for (boolean bigEndian : new boolean[] {true, false}) {
      for (boolean nanos : new boolean[] {true, false}) {
        Path p =
            write(
                "v" + bigEndian + nanos + ".pcap",
                TestCaptures.pcapBytes(1, bigEndian, nanos, frames));
        Run r = run(p);
        assertThat(r.summary().packets()).isEqualTo(9);
        assertThat(r.summary().firstEpochNanos()).isEqualTo(HL7_FIRST_NANOS);
        assertThat(r.flows())
            .as("big-endian %s, nanos %s", bigEndian, nanos)
            .isEqualTo(original.flows());
      }
    }
  }

  @Test
  void shouldReadFilesConvertedByEditcap() throws Exception {
    assumeTrue(TestCaptures.hasTool("editcap"), "editcap is not installed");
    Run original = run(hl7());
    for (String format : new String[] {"pcapng", "nsecpcap", "pcap"}) {
      Path out = tmp.resolve("hl7." + format);
      TestCaptures.run("editcap", "-F", format, hl7().toString(), out.toString());
      Run r = run(out);
      assertThat(r.summary().format()).isEqualTo(format.equals("pcapng") ? "pcapng" : "pcap");
      assertThat(r.summary().firstEpochNanos()).isEqualTo(HL7_FIRST_NANOS);
      assertThat(r.flows()).as(format).isEqualTo(original.flows());
    }
  }

  @Test
  void shouldReadPcapngMergingInterfacesOfDifferentLinkTypes() throws Exception {
    assumeTrue(TestCaptures.hasTool("mergecap"), "mergecap is not installed");
    Path rdp = TestCaptures.pcap("ndpi/rdp.pcap"); // BSD loopback, link type 0
    Path merged = tmp.resolve("merged.pcapng");
    TestCaptures.run(
        "mergecap", "-F", "pcapng", "-w", merged.toString(), hl7().toString(), rdp.toString());

    Run r = run(merged);

    assertThat(r.summary().format()).isEqualTo("pcapng");
    assertThat(r.summary().linkTypes()).containsExactlyInAnyOrder(1, 0);
    assertThat(r.summary().packets()).isEqualTo(9 + 20);
    assertThat(r.summary().undecodablePackets()).isZero();
    assertThat(r.flows()).containsAll(run(hl7()).flows()).containsAll(run(rdp).flows()).hasSize(2);
  }

  @Test
  void shouldHonourEachInterfacesTimestampResolutionInBothByteOrders() throws IOException {
    byte[] frame = TestCaptures.frames(hl7()).get(0).bytes();
    long seconds = 1_700_000_000L;
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      byte[] file =
          new TestCaptures.Pcapng(order)
              .idb(1, -1) // default: microseconds
              .idb(1, 9) // nanoseconds
              .idb(1, 0x80 | 20) // 2^-20 seconds
              .unknown(0x0BAD, 12) // skipped by its length
              .epb(0, seconds * 1_000_000 + 250_000, frame)
              .epb(1, seconds * 1_000_000_000 + 500_000_000, frame)
              .epb(2, (seconds << 20) | (3L << 18), frame) // + 0.75 s
              .bytes();
      TestCaptures.Collector c = new TestCaptures.Collector();
      CaptureSummary s = TestCaptures.analyze(write("tsresol.pcapng", file), c);

      assertThat(s.packets()).isEqualTo(3);
      assertThat(s.firstEpochNanos()).isEqualTo(seconds * 1_000_000_000 + 250_000_000);
      assertThat(s.lastEpochNanos()).isEqualTo(seconds * 1_000_000_000 + 750_000_000);
      assertThat(c.flows).singleElement().satisfies(f -> assertThat(f.packets()).isEqualTo(3));
    }
  }

  @Test
  void shouldReadSimplePacketBlocks() throws IOException {
    byte[] frame = TestCaptures.frames(hl7()).get(3).bytes();
    byte[] file =
        new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN).idb(1, -1).spb(frame).spb(frame).bytes();

    CaptureSummary s =
        TestCaptures.analyze(write("spb.pcapng", file), new TestCaptures.Collector());

    assertThat(s.packets()).isEqualTo(2);
    assertThat(s.bytes()).isEqualTo(2L * frame.length);
    assertThat(s.flows()).isEqualTo(1);
  }

  @Test
  void shouldStopAtAnEnhancedPacketBlockWhoseTrailerDisagreesAndCountShortOnes()
      throws IOException {
    // Sound Enhanced Packet Blocks take a fast path of their own; unsound ones must still be
    // reported as the general path always did.
    byte[] frame = TestCaptures.frames(hl7()).get(0).bytes();
    byte[] header = new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN).idb(1, -1).bytes();
    byte[] one =
        new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN).idb(1, -1).epb(0, 0, frame).bytes();
    byte[] epb = Arrays.copyOfRange(one, header.length, one.length);

    byte[] badTrailer = concat(header, epb, epb, epb);
    int secondBlock = header.length + epb.length;
    badTrailer[secondBlock + epb.length - 4] ^= 0x40; // its trailing length, little-endian
    CaptureSummary s =
        TestCaptures.analyze(write("trailer.pcapng", badTrailer), new TestCaptures.Collector());

    assertThat(s.packets()).isEqualTo(1);
    assertThat(s.truncatedAtOffset()).hasValue(secondBlock);
    assertThat(s.warnings()).singleElement().asString().contains("trailer does not match");

    // An EPB of 28 bytes cannot hold its fixed fields: counted and skipped, and reading goes on.
    byte[] tooShort = new byte[28];
    tooShort[0] = 6; // EPB
    tooShort[4] = 28;
    tooShort[24] = 28;
    CaptureSummary t =
        TestCaptures.analyze(
            write("short.pcapng", concat(header, epb, tooShort, epb)),
            new TestCaptures.Collector());

    assertThat(t.packets()).isEqualTo(2);
    assertThat(t.anomalies()).containsEntry("pcapng.bad_block", 1L);
    assertThat(t.truncatedAtOffset()).isEmpty();

    // A Simple Packet Block of 12 bytes has no room for its original length: likewise skipped (it
    // was read as a packet of -4 bytes).
    byte[] emptySpb = {3, 0, 0, 0, 12, 0, 0, 0, 12, 0, 0, 0};
    CaptureSummary u =
        TestCaptures.analyze(
            write("short-spb.pcapng", concat(header, epb, emptySpb, epb)),
            new TestCaptures.Collector());

    assertThat(u.packets()).isEqualTo(2);
    assertThat(u.anomalies()).containsEntry("pcapng.bad_block", 1L);
    assertThat(u.anomalies()).doesNotContainKey("link.truncated");
    assertThat(u.truncatedAtOffset()).isEmpty();
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  @Test
  void shouldCountPacketsOfUndeclaredInterfacesAsAnomalies() throws IOException {
    byte[] frame = TestCaptures.frames(hl7()).get(0).bytes();
    byte[] file =
        new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN)
            .idb(1, -1)
            .epb(7, 0, frame)
            .epb(0, 0, frame)
            .bytes();

    CaptureSummary s =
        TestCaptures.analyze(write("iface.pcapng", file), new TestCaptures.Collector());

    assertThat(s.packets()).isEqualTo(1);
    assertThat(s.anomalies()).containsEntry("pcapng.unknown_interface", 1L);
  }

  @Test
  void shouldReadGzipCompressedCapturesFromFilesAndStreams() throws IOException {
    Path gz = tmp.resolve("hl7.pcap.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(hl7()));
    }
    Run original = run(hl7());

    Run fromFile = run(gz);
    TestCaptures.Collector c = new TestCaptures.Collector();
    CaptureSummary fromStream;
    try (InputStream in = Files.newInputStream(gz)) {
      fromStream =
          new CaptureEngine(CaptureOptions.defaults())
              .analyze(CaptureSource.ofStream(in, "-"), c, ProgressListener.NONE);
    }

    assertThat(fromFile.summary().gzip()).isTrue();
    assertThat(fromFile.flows()).isEqualTo(original.flows());
    assertThat(fromStream.name()).isEqualTo("-");
    assertThat(fromStream.gzip()).isTrue();
    assertThat(fromStream.packets()).isEqualTo(9);
    assertThat(flowsOf(c)).isEqualTo(original.flows());
  }

  @Test
  void shouldReadAnUncompressedPcapngStream() throws IOException {
    Path pcapng = TestCaptures.pcap("dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng");
    byte[] bytes = Files.readAllBytes(pcapng);
    long[] progress = new long[2];

    CaptureSummary s =
        new CaptureEngine(CaptureOptions.defaults())
            .analyze(
                CaptureSource.ofStream(new ByteArrayInputStream(bytes), "-"),
                new TestCaptures.Collector(),
                (read, total) -> {
                  progress[0] = read;
                  progress[1] = total;
                });

    assertThat(s.packets()).isEqualTo(70);
    assertThat(progress).containsExactly(bytes.length, -1);
  }

  @Test
  void shouldReadWhatTcpdumpWritesToStandardOutput() throws Exception {
    assumeTrue(TestCaptures.hasTool("tcpdump"), "tcpdump is not installed");
    Process tcpdump =
        new ProcessBuilder("tcpdump", "-r", hl7().toString(), "-w", "-")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    TestCaptures.Collector c = new TestCaptures.Collector();
    CaptureSummary s;
    try (InputStream in = tcpdump.getInputStream()) {
      s =
          new CaptureEngine(CaptureOptions.defaults())
              .analyze(CaptureSource.ofStream(in, "-"), c, ProgressListener.NONE);
    }
    tcpdump.waitFor();

    assertThat(s.packets()).isEqualTo(9);
    assertThat(flowsOf(c)).isEqualTo(run(hl7()).flows());
  }

  /**
   * The read buffer is smaller than the largest record a pcap may hold (snaplen 262,144): a record
   * that does not fit grows it, wherever the record starts in the buffer, in plain and gzip files.
   */
  @Test
  void shouldReadRecordsLargerThanTheReadBuffer() throws IOException {
    List<TestCaptures.Frame> small = TestCaptures.frames(hl7());
    byte[] huge = Arrays.copyOf(small.get(0).bytes(), ChannelInput.DEFAULT_CAPACITY + 4_000);
    List<TestCaptures.Frame> frames = new java.util.ArrayList<>(small);
    // After a few small records, so the large one starts part-way into the buffer; then more.
    frames.add(3, new TestCaptures.Frame(1, small.get(2).epochNanos(), huge));
    frames.add(new TestCaptures.Frame(1, small.get(8).epochNanos(), huge));
    byte[] pcap = TestCaptures.pcapBytes(1, false, false, frames);
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(pcap);
    }

    for (Path file : List.of(write("huge.pcap", pcap), write("huge.pcap.gz", gz.toByteArray()))) {
      CaptureSummary s = TestCaptures.analyze(file, new TestCaptures.Collector());

      assertThat(s.packets()).as(file.toString()).isEqualTo(small.size() + 2);
      assertThat(s.truncatedAtOffset()).as(file.toString()).isEmpty();
      assertThat(s.warnings()).as(file.toString()).isEmpty();
    }
  }

  /**
   * A file read ahead on a thread of its own gives the reader the same records as one read on the
   * reader's thread: over many chunks, with records that straddle them and records longer than the
   * chunks' headroom (up to the 262,144 bytes editcap takes), in pcap and pcapng, whole and cut
   * short. Records longer than a chunk: {@link #shouldReadRecordsLargerThanTheReadBuffer}.
   */
  @Test
  void shouldReadTheSameRecordsWhenAPcapIsReadAhead() throws Exception {
    List<TestCaptures.Frame> frames = framesWithLongRecords();
    byte[] pcap = TestCaptures.pcapBytes(1, false, false, frames);
    assertThat(pcap.length).isGreaterThan(8 * ReadAheadChannel.CHUNK_BYTES);

    assertSameRecordsReadAhead(write("many.pcap", pcap), pcap, 3, 4, frames.size());
  }

  /** As above for pcapng (made by editcap: skipped without it, except under CI). */
  @Test
  void shouldReadTheSameRecordsWhenAPcapngIsReadAhead() throws Exception {
    assumeTrue(
        TestCaptures.hasTool("editcap") || "true".equals(System.getenv("CI")),
        "editcap is not installed");
    List<TestCaptures.Frame> frames = framesWithLongRecords();
    Path pcapFile = write("many.pcap", TestCaptures.pcapBytes(1, false, false, frames));
    Path pcapng = tmp.resolve("many.pcapng");
    TestCaptures.run("editcap", "-F", "pcapng", pcapFile.toString(), pcapng.toString());

    assertSameRecordsReadAhead(pcapng, Files.readAllBytes(pcapng), 2, 3, frames.size());
  }

  /** 12,000 records, one in 500 longer than the chunks' headroom (up to what editcap takes). */
  private static List<TestCaptures.Frame> framesWithLongRecords() throws IOException {
    List<TestCaptures.Frame> small = TestCaptures.frames(hl7());
    List<TestCaptures.Frame> frames = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(22);
    while (frames.size() < 12_000) {
      TestCaptures.Frame f = small.get(random.nextInt(small.size()));
      int size =
          random.nextInt(500) == 0
              ? f.bytes().length + ReadAheadChannel.HEADROOM + random.nextInt(190_000)
              : f.bytes().length;
      frames.add(new TestCaptures.Frame(1, f.epochNanos(), Arrays.copyOf(f.bytes(), size)));
    }
    return frames;
  }

  /**
   * The same records with and without reading ahead, from {@code file} whole and from its first
   * {@code cutNumerator / cutDenominator} (cut inside a record).
   */
  private void assertSameRecordsReadAhead(
      Path file, byte[] bytes, int cutNumerator, int cutDenominator, int frames)
      throws IOException {
    Records here = records(file, false);
    Records ahead = records(file, true);

    assertThat(here.digests).as(file.toString()).hasSize(frames);
    assertThat(ahead.digests).as(file.toString()).isEqualTo(here.digests);
    assertThat(ahead.truncatedAt).as(file.toString()).isEmpty();
    assertThat(ahead.warnings).as(file.toString()).isEmpty();

    String name = file.getFileName().toString().replace("many.", "many-cut.");
    Path cut = write(name, Arrays.copyOf(bytes, bytes.length * cutNumerator / cutDenominator));
    here = records(cut, false);
    ahead = records(cut, true);

    assertThat(here.digests.size()).as(cut.toString()).isBetween(frames / 2, frames - 1);
    assertThat(ahead.digests).as(cut.toString()).isEqualTo(here.digests);
    assertThat(ahead.truncatedAt).as(cut.toString()).isPresent().isEqualTo(here.truncatedAt);
    assertThat(ahead.warnings).as(cut.toString()).isNotEmpty().isEqualTo(here.warnings);
  }

  /** Read ahead: one worker's regular file, when another processor can run the reading thread. */
  @Test
  void shouldReadAheadOnlyOneWorkersFileWithAProcessorToSpare() throws IOException {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(hl7())) {
      FileSlice file = new FileSlice(channel, channel.size());
      boolean spare = Runtime.getRuntime().availableProcessors() > 1;

      assertThat(CaptureEngine.readsAhead(file, 1)).isEqualTo(spare);
      assertThat(CaptureEngine.readsAhead(file, 2)).isFalse();
      assertThat(
              CaptureEngine.readsAhead(
                  java.nio.channels.Channels.newChannel(
                      new java.io.ByteArrayInputStream(new byte[0])),
                  1))
          .as("a stream")
          .isFalse();
    }
  }

  /** A reader that stops early (damage, an error) stops the thread reading ahead when closed. */
  @Test
  void shouldStopReadingAheadWhenClosedBeforeTheEnd() throws Exception {
    List<TestCaptures.Frame> small = TestCaptures.frames(hl7());
    List<TestCaptures.Frame> frames = new java.util.ArrayList<>();
    while (frames.size() < 40_000) {
      frames.addAll(small);
    }
    byte[] pcap = TestCaptures.pcapBytes(1, false, false, frames);
    assertThat(pcap.length)
        .isGreaterThan((ReadAheadChannel.CHUNKS + 4) * ReadAheadChannel.CHUNK_BYTES);
    Path file = write("long.pcap", pcap);
    ReadAheadChannel ahead;
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file);
        CaptureOpener.Opened opened =
            CaptureOpener.open(
                file.toString(),
                new FileSlice(channel, channel.size()),
                new Counters(),
                ChannelInput.DEFAULT_CAPACITY,
                true)) {
      ahead = opened.readAhead();
      PacketRecord r = new PacketRecord();
      for (int i = 0; i < 1_000; i++) { // past the first block, into the chunks
        assertThat(opened.reader().next(r)).isTrue();
      }
    }
    ReadAheadChannelTest.awaitStopped(ahead);
  }

  private record Records(
      List<String> digests, java.util.OptionalLong truncatedAt, List<String> warnings) {}

  /** Each record's time, lengths, link type and a digest of its bytes, read as the engine does. */
  private static Records records(Path file, boolean readAhead) throws IOException {
    List<String> digests = new java.util.ArrayList<>();
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      FileSlice slice = new FileSlice(channel, channel.size());
      try (CaptureOpener.Opened opened =
          CaptureOpener.open(
              file.toString(), slice, new Counters(), ChannelInput.DEFAULT_CAPACITY, readAhead)) {
        assertThat(opened.readAhead() != null).as("read ahead").isEqualTo(readAhead);
        CaptureReader reader = opened.reader();
        PacketRecord r = new PacketRecord();
        while (reader.next(r)) {
          digests.add(
              r.epochNanos
                  + " "
                  + r.wireLength
                  + " "
                  + r.capturedLength
                  + " "
                  + r.linkType
                  + " "
                  + Arrays.hashCode(
                      Arrays.copyOfRange(r.buf, r.offset, r.offset + r.capturedLength)));
        }
        return new Records(digests, reader.truncatedAt(), reader.warnings());
      }
    }
  }

  @Test
  void shouldAnalyseATruncatedPcapUpToTheDamage() throws IOException {
    byte[] whole = Files.readAllBytes(hl7());
    long lastRecord = recordOffsets(whole).get(8);
    Path cut = write("cut.pcap", Arrays.copyOf(whole, whole.length - 10));

    CaptureSummary s = TestCaptures.analyze(cut, new TestCaptures.Collector());

    assertThat(s.packets()).isEqualTo(8);
    assertThat(s.truncatedAtOffset()).hasValue(lastRecord);
    assertThat(s.warnings())
        .singleElement()
        .asString()
        .contains("cut.pcap")
        .contains("byte offset " + lastRecord);
  }

  @Test
  void shouldStopAtARecordWithAnAbsurdLength() throws IOException {
    byte[] bytes = Files.readAllBytes(hl7());
    int third = recordOffsets(bytes).get(2);
    bytes[third + 8] = (byte) 0xFF; // incl_len little-endian: 0x7fff??ff
    bytes[third + 11] = (byte) 0x7F;

    CaptureSummary s =
        TestCaptures.analyze(write("absurd.pcap", bytes), new TestCaptures.Collector());

    assertThat(s.packets()).isEqualTo(2);
    assertThat(s.truncatedAtOffset()).hasValue(third);
    assertThat(s.warnings()).singleElement().asString().contains("absurd record length");
  }

  @Test
  void shouldStopDecompressingWhenTheCaptureInsideEndsInDamage() throws Exception {
    byte[] bytes = Files.readAllBytes(hl7());
    int third = recordOffsets(bytes).get(2);
    bytes[third + 8] = (byte) 0xFF; // an absurd incl_len, as above
    bytes[third + 11] = (byte) 0x7F;
    Path gz = tmp.resolve("absurd-then-more.pcap.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(bytes);
      // Far more than the decompressing thread reads ahead: it must be stopped, not left waiting.
      out.write(new byte[8 * ReadAheadChannel.CHUNKS * ReadAheadChannel.CHUNK_BYTES]);
    }

    CaptureSummary s = TestCaptures.analyze(gz, new TestCaptures.Collector());

    assertThat(s.gzip()).isTrue();
    assertThat(s.packets()).isEqualTo(2);
    assertThat(s.truncatedAtOffset()).hasValue(third);
    // The engine waits a moment for the thread; a loaded machine may need longer to end it.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (gunzipThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(gunzipThreads()).isZero();
  }

  private static long gunzipThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("ward-gunzip"))
        .count();
  }

  @Test
  void shouldAnalyseATruncatedPcapngAndATruncatedGzipUpToTheDamage() throws IOException {
    byte[] pcapng =
        Files.readAllBytes(
            TestCaptures.pcap("dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng"));
    CaptureSummary s =
        TestCaptures.analyze(
            write("cut.pcapng", Arrays.copyOf(pcapng, pcapng.length / 2)),
            new TestCaptures.Collector());
    assertThat(s.packets()).isBetween(1L, 69L);
    assertThat(s.truncatedAtOffset()).isPresent();
    assertThat(s.truncatedAtOffset().getAsLong()).isLessThanOrEqualTo(pcapng.length / 2);

    Path gz = tmp.resolve("whole.pcapng.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(pcapng);
    }
    byte[] compressed = Files.readAllBytes(gz);
    CaptureSummary g =
        TestCaptures.analyze(
            write("cut.pcapng.gz", Arrays.copyOf(compressed, compressed.length * 2 / 3)),
            new TestCaptures.Collector());
    assertThat(g.gzip()).isTrue();
    assertThat(g.packets()).isBetween(1L, 69L);
    assertThat(g.truncatedAtOffset()).isPresent();
    assertThat(g.warnings()).singleElement().asString().contains("byte offset");
  }

  @Test
  void shouldReadAPcapWithNoPacketsAsAnEmptyCapture() throws IOException {
    byte[] header = Arrays.copyOf(Files.readAllBytes(hl7()), 24);

    CaptureSummary s =
        TestCaptures.analyze(write("header-only.pcap", header), new TestCaptures.Collector());

    assertThat(s.packets()).isZero();
    assertThat(s.truncatedAtOffset()).isEmpty();
    assertThat(s.firstEpochNanos()).isZero();
  }

  @Test
  void shouldRejectAnEmptyFileNamingIt() throws IOException {
    Path empty = write("empty.pcap", new byte[0]);

    assertThatThrownBy(() -> TestCaptures.analyze(empty, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessage(empty + ": empty, no capture data");
  }

  @Test
  void shouldRejectAFileTooShortToBeACaptureSayingHowManyBytesItHas() throws IOException {
    Path one = write("one.pcap", new byte[] {(byte) 0xd4});
    Path three = write("three.pcap", new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2});

    assertThatThrownBy(() -> TestCaptures.analyze(one, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessage(one + ": only 1 byte, too short to be a capture");
    assertThatThrownBy(() -> TestCaptures.analyze(three, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessage(three + ": only 3 bytes, too short to be a capture");
  }

  @Test
  void shouldRejectATextFileNamingItAndItsMagic() throws IOException {
    Path text =
        write(
            "x.txt",
            "Hello, this is not a capture\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> TestCaptures.analyze(text, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessage(text + ": not a pcap or pcapng capture (magic 0x48656c6c)");
  }

  @Test
  void shouldRejectAMissingPathAndADirectoryNamingThem() {
    Path missing = tmp.resolve("missing.pcap");

    assertThatThrownBy(() -> TestCaptures.analyze(missing, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> TestCaptures.analyze(tmp, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith(tmp + ": ");
  }

  @Test
  void shouldRejectGzipThatHoldsNoCapture() throws IOException {
    Path gz = tmp.resolve("text.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("plain text inside".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    assertThatThrownBy(() -> TestCaptures.analyze(gz, new TestCaptures.Collector()))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith(gz + ": gzip content not a pcap or pcapng capture");
  }

  /** Byte offsets of each record of a little-endian pcap file. */
  private static List<Integer> recordOffsets(byte[] pcap) {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    int o = 24;
    while (o + 16 <= pcap.length) {
      out.add(o);
      int incl =
          (pcap[o + 8] & 0xFF)
              | (pcap[o + 9] & 0xFF) << 8
              | (pcap[o + 10] & 0xFF) << 16
              | (pcap[o + 11] & 0xFF) << 24;
      o += 16 + incl;
    }
    return out;
  }
}
