package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Flow;
import io.ward.model.Observation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real captures from WARD_TESTDATA, and small tools to craft and run captures in tests. */
final class TestCaptures {
  private TestCaptures() {}

  /** The shared test data directory. */
  static Path data() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("../../shared/data");
  }

  static Path pcap(String relative) {
    Path p = data().resolve("pcaps").resolve(relative);
    assertThat(p).as("test capture (WARD_TESTDATA)").isRegularFile();
    return p;
  }

  /** One packet of a capture: its link type, time and bytes. */
  record Frame(int linkType, long epochNanos, byte[] bytes) {}

  /** Every frame of a classic pcap file (little-endian, microseconds), read independently. */
  static List<Frame> frames(Path pcap) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(0)).as("little-endian microsecond pcap").isEqualTo(0xA1B2C3D4);
    int linkType = b.getInt(20);
    b.position(24);
    List<Frame> frames = new ArrayList<>();
    while (b.remaining() >= 16) {
      long sec = b.getInt() & 0xFFFF_FFFFL;
      long usec = b.getInt() & 0xFFFF_FFFFL;
      int incl = b.getInt();
      b.getInt();
      byte[] data = new byte[incl];
      b.get(data);
      frames.add(new Frame(linkType, sec * 1_000_000_000L + usec * 1000, data));
    }
    return frames;
  }

  /** A classic pcap file. */
  static byte[] pcapBytes(int linkType, boolean bigEndian, boolean nanos, List<Frame> frames) {
    ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    int size = 24;
    for (Frame f : frames) {
      size += 16 + f.bytes().length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(order);
    b.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4);
    b.putInt(0).putInt(0).putInt(262144).putInt(linkType);
    for (Frame f : frames) {
      long unit = nanos ? 1 : 1000;
      b.putInt((int) (f.epochNanos() / 1_000_000_000L));
      b.putInt((int) (f.epochNanos() % 1_000_000_000L / unit));
      b.putInt(f.bytes().length).putInt(f.bytes().length).put(f.bytes());
    }
    return b.array();
  }

  /** Builds pcapng files block by block. */
  static final class Pcapng {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    Pcapng(ByteOrder order) {
      this.order = order;
      block(
          0x0A0D0D0A,
          buf(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1));
    }

    private ByteBuffer buf(int n) {
      return ByteBuffer.allocate(n).order(order);
    }

    /** An interface with an optional if_tsresol (-1 for none). */
    Pcapng idb(int linkType, int tsresol) {
      ByteBuffer b = buf(tsresol < 0 ? 8 : 20);
      b.putShort((short) linkType).putShort((short) 0).putInt(0);
      if (tsresol >= 0) {
        b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        b.putShort((short) 0).putShort((short) 0);
      }
      return block(1, b);
    }

    Pcapng epb(int iface, long units, byte[] data) {
      int padded = (data.length + 3) & ~3;
      ByteBuffer b = buf(20 + padded);
      b.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units);
      b.putInt(data.length).putInt(data.length).put(data);
      return block(6, b);
    }

    Pcapng spb(byte[] data) {
      int padded = (data.length + 3) & ~3;
      ByteBuffer b = buf(4 + padded);
      b.putInt(data.length).put(data);
      return block(3, b);
    }

    /** A block of a type the reader must skip. */
    Pcapng unknown(int type, int bodyBytes) {
      return block(type, buf(bodyBytes));
    }

    Pcapng block(int type, ByteBuffer body) {
      int len = 12 + body.capacity();
      ByteBuffer b = buf(len);
      b.putInt(type).putInt(len).put(body.array()).putInt(len);
      out.writeBytes(b.array());
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Collects what the engine emits (thread-safe only through the engine's guarantee). */
  static class Collector implements ObservationSink {
    final List<Observation> observations = new ArrayList<>();
    final List<Flow> flows = new ArrayList<>();

    @Override
    public void observation(Observation observation) {
      observations.add(observation);
    }

    @Override
    public void flow(Flow flow) {
      flows.add(flow);
    }
  }

  static CaptureSummary analyze(CaptureOptions options, Path file, Collector sink)
      throws IOException {
    return new CaptureEngine(options)
        .analyze(CaptureSource.ofPath(file), sink, ProgressListener.NONE);
  }

  static CaptureSummary analyze(Path file, Collector sink) throws IOException {
    return analyze(CaptureOptions.defaults(), file, sink);
  }

  static boolean hasTool(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command and returns its standard output lines; fails the test on a non-zero exit. */
  static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return out.isEmpty() ? Collections.emptyList() : List.of(out.split("\n"));
  }
}
