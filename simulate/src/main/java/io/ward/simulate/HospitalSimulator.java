package io.ward.simulate;

import io.ward.model.Device;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic generator of a hospital network capture with its ground truth. The same config
 * always writes the same bytes: every choice comes from the seed and every time from {@link
 * SimulationConfig#startEpochMillis()}.
 *
 * <p>Frames stream out in capture-time order through a priority queue of per-device tasks, so 100k
 * devices and tens of millions of packets run in memory proportional to the devices.
 */
public final class HospitalSimulator {
  private final SimulationConfig config;

  /** A simulator for {@code config}. */
  public HospitalSimulator(SimulationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The attacks {@code --attack} accepts. */
  public static List<String> attackNames() {
    return Attack.NAMES;
  }

  /**
   * Writes the capture as classic pcap to {@code pcapOut} and, if given, the ground truth as JSON
   * to {@code truthJsonOut}. Neither stream is closed.
   *
   * @throws IOException when a stream cannot be written
   */
  public SimulationResult run(OutputStream pcapOut, Optional<OutputStream> truthJsonOut)
      throws IOException {
    Objects.requireNonNull(pcapOut, "pcapOut");
    Prepared p = prepare();
    PcapWriter pcap = new PcapWriter(pcapOut);
    Simulation sim = new Simulation(config, p.plan, pcap, p.log);
    Behaviours behaviours = new Behaviours(p.plan);
    for (PlannedDevice d : p.plan.devices()) {
      sim.schedule(new BootTask(d, behaviours), sim.startMicros + d.bootOffsetMicros);
    }
    long window = p.plan.windowMicros();
    long span = Math.max(5_000_000L, Math.min(60_000_000L, window / 10));
    for (int k = 0; k < p.attacks.size(); k++) {
      long start = sim.startMicros + window * (30 + 12L * k) / 100;
      p.attacks.get(k).schedule(sim, start, span);
    }
    try {
      sim.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    pcap.flush();
    if (truthJsonOut.isPresent()) {
      try (TruthWriter truth = new TruthWriter(truthJsonOut.get())) {
        truth.begin(config);
        for (PlannedDevice d : p.plan.devices()) {
          truth.device(
              Truth.device(
                  d,
                  p.plan,
                  sim.firstSeenMicros(d.index) * 1000,
                  sim.lastSeenMicros(d.index) * 1000));
        }
        truth.attacks(p.log.entries(), p.plan);
      }
    }
    lastMaxQueue = sim.maxQueue();
    return new SimulationResult(
        pcap.packets(),
        pcap.bytes(),
        p.plan.devices().size(),
        Math.max(0, sim.firstMicros()) * 1000,
        Math.max(0, sim.lastMicros()) * 1000);
  }

  private int lastMaxQueue;

  /** The largest number of pending tasks in the last run (its memory bound), for tests. */
  int lastMaxQueue() {
    return lastMaxQueue;
  }

  /**
   * The planned devices with their products, addresses, names and protocols: the plan, not the
   * packets, so first/last seen are the device's planned first appearance and the window's end.
   */
  public List<Device> truthDevices() {
    Prepared p = prepare();
    long start = config.startEpochMillis() * 1_000_000L;
    long end = start + p.plan.windowMicros() * 1000;
    List<Device> out = new ArrayList<>(p.plan.devices().size());
    for (PlannedDevice d : p.plan.devices()) {
      out.add(Truth.device(d, p.plan, start + d.bootOffsetMicros * 1000, end));
    }
    return List.copyOf(out);
  }

  private record Prepared(NetworkPlan plan, List<Attack> attacks, AttackLog log) {}

  private Prepared prepare() {
    NetworkPlan plan = NetworkPlan.build(config, CatalogueHolder.CATALOGUE);
    new Behaviours(plan).declareAll();
    AttackLog log = new AttackLog();
    List<Attack> attacks = new ArrayList<>();
    for (String name : Attack.NAMES) {
      if (config.attacks().contains(name)) {
        Attack a = Attack.named(name);
        a.prepare(plan, log, new SplittableRandom(config.seed() ^ name.hashCode()));
        attacks.add(a);
      }
    }
    return new Prepared(plan, attacks, log);
  }

  /** Loads the catalogue once, on first use (not when only attack names are asked for). */
  private static final class CatalogueHolder {
    static final DeviceCatalogue CATALOGUE = DeviceCatalogue.load();
  }
}
