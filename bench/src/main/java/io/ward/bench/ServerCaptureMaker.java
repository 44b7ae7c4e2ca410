package io.ward.bench;

import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The ingest benchmark's capture: Ward's deterministic hospital simulator run long enough to give
 * at least the requested packets (the length found from two short calibration runs, as the capture
 * benchmark does). A long enough capture made earlier with the same devices and seed is reused (the
 * simulator is deterministic).
 */
final class ServerCaptureMaker {

  private static final int SHORT_MINUTES = 10;
  private static final int LONG_MINUTES = 20;
  private static final double HEADROOM = 1.03;

  private final Path dir;
  private final int devices;
  private final long seed;
  private final PrintStream log;

  ServerCaptureMaker(Path dir, int devices, long seed, PrintStream log) {
    this.dir = dir;
    this.devices = devices;
    this.seed = seed;
    this.log = log;
  }

  /** A pcap of at least {@code packets} packets. */
  CaptureFile make(long packets) throws IOException, BenchmarkException {
    Files.createDirectories(dir);
    Optional<CaptureFile> kept = earlier(packets);
    if (kept.isPresent()) {
      log.println("bench: reusing " + kept.get().path());
      return kept.get();
    }
    long shortRun = count(SHORT_MINUTES);
    long longRun = count(LONG_MINUTES);
    double perMinute =
        Math.max(1.0, (longRun - shortRun) / (double) (LONG_MINUTES - SHORT_MINUTES));
    double fixed = Math.max(0.0, shortRun - SHORT_MINUTES * perMinute);
    int minutes =
        (int)
            Math.min(
                SimulationConfig.MAX_MINUTES,
                Math.max(1, Math.ceil((packets - fixed) / perMinute * HEADROOM)));
    CaptureFile capture = simulate(minutes);
    while (capture.packets() < packets && minutes < SimulationConfig.MAX_MINUTES) {
      minutes =
          (int)
              Math.min(
                  SimulationConfig.MAX_MINUTES,
                  Math.ceil(minutes * HEADROOM * packets / (double) capture.packets()));
      capture = simulate(minutes);
    }
    if (capture.packets() < packets) {
      throw new BenchmarkException(
          devices + " devices give only " + capture.packets() + " packets; use more --sim-devices");
    }
    return capture;
  }

  /** The smallest capture made earlier for these devices and seed that is long enough. */
  private Optional<CaptureFile> earlier(long packets) throws IOException {
    String prefix = "ingest-" + devices + "d-";
    String suffix = "m-seed" + seed + ".pcap";
    Optional<CaptureFile> best = Optional.empty();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(suffix)) {
          int minutes =
              Integer.parseInt(name.substring(prefix.length(), name.length() - suffix.length()));
          Optional<CaptureFile> c = kept(file, minutes);
          if (c.isPresent()
              && c.get().packets() >= packets
              && (best.isEmpty() || c.get().packets() < best.get().packets())) {
            best = c;
          }
        }
      }
    }
    return best;
  }

  private Optional<CaptureFile> kept(Path file, int minutes) throws IOException {
    Path sidecar = file.resolveSibling(file.getFileName() + ".properties");
    if (!Files.isRegularFile(sidecar)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(sidecar)) {
      p.load(in);
    }
    if (!Long.toString(Files.size(file)).equals(p.getProperty("bytes"))) {
      return Optional.empty();
    }
    return Optional.of(
        new CaptureFile(
            "capture",
            file,
            Long.parseLong(p.getProperty("packets")),
            Files.size(file),
            origin(minutes)));
  }

  private String origin(int minutes) {
    return "`HospitalSimulator`: " + devices + " devices, " + minutes + " minutes, seed " + seed;
  }

  private long count(int minutes) throws IOException {
    return new HospitalSimulator(SimulationConfig.of(devices, minutes, seed))
        .run(OutputStream.nullOutputStream(), Optional.empty())
        .packets();
  }

  private CaptureFile simulate(int minutes) throws IOException, BenchmarkException {
    Path file = dir.resolve("ingest-" + devices + "d-" + minutes + "m-seed" + seed + ".pcap");
    Path sidecar = file.resolveSibling(file.getFileName() + ".properties");
    String origin = origin(minutes);
    if (Files.isRegularFile(file)) {
      Optional<CaptureFile> c = kept(file, minutes);
      if (c.isPresent()) {
        return c.get();
      }
    }
    log.printf("bench: simulating %d devices for %d minutes into %s%n", devices, minutes, file);
    long counted;
    try (PcapCountingOutputStream out =
        new PcapCountingOutputStream(
            new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      long reported =
          new HospitalSimulator(SimulationConfig.of(devices, minutes, seed))
              .run(out, Optional.empty())
              .packets();
      counted = out.packets();
      if (counted != reported) {
        throw new BenchmarkException(
            "the simulator reports " + reported + " packets but wrote " + counted);
      }
    }
    Properties p = new Properties();
    p.setProperty("packets", Long.toString(counted));
    p.setProperty("bytes", Long.toString(Files.size(file)));
    try (OutputStream out = Files.newOutputStream(sidecar)) {
      p.store(out, origin);
    }
    return new CaptureFile("capture", file, counted, Files.size(file), origin);
  }
}
