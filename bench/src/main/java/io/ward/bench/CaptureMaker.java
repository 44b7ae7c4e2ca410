package io.ward.bench;

import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import io.ward.simulate.SimulationResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Makes the benchmark's captures with Ward's deterministic hospital simulator: finds the capture
 * length that gives the requested packet count for a device population, writes that capture and one
 * twice as long with the same devices, and converts the first to pcapng with editcap.
 */
final class CaptureMaker {

  /**
   * Calibration windows (minutes); their difference gives the steady packets per minute. The
   * simulated hospital ramps up over its first minutes (boots, DHCP, first associations), so the
   * windows start late enough to see the steady rate.
   */
  private static final int SHORT_MINUTES = 10;

  private static final int LONG_MINUTES = 20;

  /** Headroom so that the simulator's randomness does not leave the capture just short. */
  private static final double HEADROOM = 1.03;

  private static final int BUFFER_BYTES = 1 << 20;

  private final Path dir;
  private final int devices;
  private final long seed;
  private final boolean reuse;
  private final PrintStream log;

  CaptureMaker(Path dir, int devices, long seed, boolean reuse, PrintStream log) {
    this.dir = dir;
    this.devices = devices;
    this.seed = seed;
    this.reuse = reuse;
    this.log = log;
  }

  /**
   * The capture of at least {@code packets} packets, its twice-as-long twin, its pcapng copy and
   * its first {@link #startPackets} packets.
   */
  List<CaptureFile> make(long packets)
      throws IOException, InterruptedException, BenchmarkException {
    Files.createDirectories(dir);
    int minutes = minutesFor(packets);
    CaptureFile base = simulate("1× pcap", dir.resolve("capture-1x.pcap"), minutes);
    while (base.packets() < packets) {
      minutes = (int) Math.ceil(minutes * HEADROOM * packets / (double) base.packets());
      log.printf(
          "bench: %,d packets is short of %,d; %d minutes%n", base.packets(), packets, minutes);
      base = simulate("1× pcap", dir.resolve("capture-1x.pcap"), minutes);
    }
    CaptureFile twice = simulate("2× pcap", dir.resolve("capture-2x.pcap"), 2 * minutes);
    CaptureFile pcapng = toPcapng(base, dir.resolve("capture-1x.pcapng"));
    CaptureFile start = firstPackets(base, startPackets(base.packets()), dir.resolve("start.pcap"));
    return List.of(base, twice, pcapng, start);
  }

  /**
   * How many packets the start capture keeps: 100,000 of a capture of at least a million (the
   * benchmark's 1.5M: about when an analysis has met most of its devices' kinds of messages and the
   * JIT compiler has caught up, session 24), a tenth of a smaller one.
   */
  static long startPackets(long packets) {
    return packets >= 1_000_000 ? 100_000 : Math.max(1, packets / 10);
  }

  /** Minutes of simulated traffic for {@code packets}, from two short calibration runs. */
  private int minutesFor(long packets) throws IOException {
    long shortRun = countPackets(SHORT_MINUTES);
    long longRun = countPackets(LONG_MINUTES);
    double perMinute =
        Math.max(1.0, (longRun - shortRun) / (double) (LONG_MINUTES - SHORT_MINUTES));
    double fixed = Math.max(0.0, shortRun - SHORT_MINUTES * perMinute);
    int minutes =
        (int)
            Math.min(
                SimulationConfig.MAX_MINUTES / 2,
                Math.max(1, Math.ceil((packets - fixed) / perMinute * HEADROOM)));
    log.printf(
        "bench: %d devices give %,.0f packets/minute (+%,.0f at start): %d minutes for %,d packets%n",
        devices, perMinute, fixed, minutes, packets);
    return minutes;
  }

  private long countPackets(int minutes) throws IOException {
    HospitalSimulator simulator =
        new HospitalSimulator(SimulationConfig.of(devices, minutes, seed));
    return simulator.run(OutputStream.nullOutputStream(), Optional.empty()).packets();
  }

  private CaptureFile simulate(String label, Path file, int minutes)
      throws IOException, BenchmarkException {
    String origin =
        "`HospitalSimulator`: " + devices + " devices, " + minutes + " minutes, seed " + seed;
    Path sidecar = file.resolveSibling(file.getFileName() + ".properties");
    Optional<CaptureFile> kept = reusable(label, file, sidecar, minutes, origin);
    if (kept.isPresent()) {
      log.println("bench: reusing " + file);
      return kept.get();
    }
    log.printf("bench: simulating %d devices for %d minutes into %s%n", devices, minutes, file);
    long started = System.nanoTime();
    SimulationResult result;
    long counted;
    try (PcapCountingOutputStream out =
        new PcapCountingOutputStream(
            new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES))) {
      result =
          new HospitalSimulator(SimulationConfig.of(devices, minutes, seed))
              .run(out, Optional.empty());
      counted = out.packets();
    }
    if (counted != result.packets()) {
      throw new BenchmarkException(
          "the simulator reports " + result.packets() + " packets but wrote " + counted);
    }
    long bytes = Files.size(file);
    log.printf(
        "bench: %,d packets, %,d bytes in %.0f s%n",
        counted, bytes, (System.nanoTime() - started) / 1e9);
    Properties p = new Properties();
    p.setProperty("devices", Integer.toString(devices));
    p.setProperty("minutes", Integer.toString(minutes));
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("packets", Long.toString(counted));
    p.setProperty("bytes", Long.toString(bytes));
    try (OutputStream out = Files.newOutputStream(sidecar)) {
      p.store(out, "written by io.ward.bench.CaptureMaker");
    }
    return new CaptureFile(label, file, counted, bytes, origin);
  }

  /** A capture made earlier with the same devices, minutes and seed, when reuse is asked for. */
  private Optional<CaptureFile> reusable(
      String label, Path file, Path sidecar, int minutes, String origin) throws IOException {
    if (!reuse || !Files.isRegularFile(file) || !Files.isRegularFile(sidecar)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(sidecar)) {
      p.load(in);
    }
    boolean same =
        Integer.toString(devices).equals(p.getProperty("devices"))
            && Integer.toString(minutes).equals(p.getProperty("minutes"))
            && Long.toString(seed).equals(p.getProperty("seed"))
            && Long.toString(Files.size(file)).equals(p.getProperty("bytes"));
    if (!same) {
      return Optional.empty();
    }
    return Optional.of(
        new CaptureFile(
            label, file, Long.parseLong(p.getProperty("packets")), Files.size(file), origin));
  }

  /** The first {@code count} packets of {@code pcap}, as pcap, cut with editcap. */
  private CaptureFile firstPackets(CaptureFile pcap, long count, Path file)
      throws IOException, InterruptedException, BenchmarkException {
    editcap(
        pcap,
        file,
        "cutting its first " + Format.count(count) + " packets",
        "-F",
        "pcap",
        "-r",
        pcap.path().toString(),
        file.toString(),
        "1-" + count);
    return new CaptureFile(
        "1× start",
        file,
        count,
        Files.size(file),
        "`editcap -r` of the 1× pcap's first " + Format.count(count) + " packets");
  }

  /**
   * Runs editcap with {@code arguments} to make {@code file} from {@code pcap}, unless captures are
   * reused and {@code file} is not older than {@code pcap}.
   */
  private void editcap(CaptureFile pcap, Path file, String what, String... arguments)
      throws IOException, InterruptedException, BenchmarkException {
    if (reuse
        && Files.isRegularFile(file)
        && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(pcap.path())) >= 0) {
      return;
    }
    log.println("bench: " + what + " with editcap");
    List<String> command = new ArrayList<>(List.of("editcap"));
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).inheritIO().start();
    int exit = p.waitFor();
    if (exit != 0) {
      throw new BenchmarkException("editcap exited with status " + exit);
    }
  }

  private CaptureFile toPcapng(CaptureFile pcap, Path file)
      throws IOException, InterruptedException, BenchmarkException {
    editcap(
        pcap,
        file,
        "converting to pcapng",
        "-F",
        "pcapng",
        pcap.path().toString(),
        file.toString());
    return new CaptureFile(
        "1× pcapng", file, pcap.packets(), Files.size(file), "`editcap -F pcapng` of the 1× pcap");
  }
}
