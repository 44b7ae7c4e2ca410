package io.ward.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One run: a priority queue of tasks ordered by capture time, each device contributing a bounded
 * number of pending tasks, so memory grows with devices and conversations in flight, never with the
 * length of the capture. Frames leave in time order straight to the pcap stream.
 */
final class Simulation {
  /** No conversation starts in the last seconds, so (nearly) every one ends inside the window. */
  private static final long QUIET_TAIL_MICROS = 5_000_000L;

  final SimulationConfig config;
  final NetworkPlan plan;
  final Frames frames;
  final Certificates certificates;
  final long startMicros;
  final long endMicros;
  private final PcapWriter pcap;
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          1024, Comparator.<Task>comparingLong(t -> t.at).thenComparingLong(t -> t.order));
  private long order;
  private final long[] firstSeen;
  private final long[] lastSeen;
  private final int[] nextPort;
  private final AttackLog attacks;
  private long firstMicros = -1;
  private long lastMicros = -1;
  private int maxQueue;

  Simulation(SimulationConfig config, NetworkPlan plan, PcapWriter pcap, AttackLog attacks) {
    this.config = config;
    this.plan = plan;
    this.pcap = pcap;
    this.attacks = attacks;
    this.frames = new Frames(plan.router().mac);
    this.certificates = new Certificates(config.seed(), config.startEpochMillis());
    this.startMicros = config.startEpochMillis() * 1000;
    this.endMicros = startMicros + plan.windowMicros();
    this.firstSeen = new long[plan.devices().size()];
    this.lastSeen = new long[plan.devices().size()];
    this.nextPort = new int[plan.devices().size()];
    Arrays.fill(firstSeen, -1);
  }

  /** Capture time after which no new conversation starts. */
  long lastStartMicros() {
    return endMicros - QUIET_TAIL_MICROS;
  }

  /** A random stream for one purpose of one device, independent of every other. */
  SplittableRandom random(long purpose, int device) {
    long s = config.seed() * 0x9E37_79B9_7F4A_7C15L + purpose * 0xC2B2_AE3D_27D4_EB4FL + device;
    return new SplittableRandom(s);
  }

  void schedule(Task task, long atMicros) {
    task.at = atMicros;
    task.order = order++;
    queue.add(task);
    if (queue.size() > maxQueue) {
      maxQueue = queue.size();
    }
  }

  /** Runs every task in time order until none is left. */
  void run() {
    Task t;
    while ((t = queue.poll()) != null) {
      t.run(this);
    }
  }

  void emit(long atMicros, byte[] frame, int src, int dst, int attack) {
    if (atMicros < lastMicros) {
      throw new IllegalStateException("frame out of order: " + atMicros + " < " + lastMicros);
    }
    try {
      pcap.write(atMicros, frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (firstMicros < 0) {
      firstMicros = atMicros;
    }
    lastMicros = atMicros;
    seen(src, atMicros);
    seen(dst, atMicros);
    if (attack >= 0) {
      attacks.count(attack, atMicros);
    }
  }

  private void seen(int device, long atMicros) {
    if (device >= 0) {
      if (firstSeen[device] < 0) {
        firstSeen[device] = atMicros;
      }
      lastSeen[device] = atMicros;
    }
  }

  long firstSeenMicros(int device) {
    return firstSeen[device];
  }

  long lastSeenMicros(int device) {
    return lastSeen[device];
  }

  long firstMicros() {
    return firstMicros;
  }

  long lastMicros() {
    return lastMicros;
  }

  /** The largest number of pending tasks at any time: the memory bound of the run. */
  int maxQueue() {
    return maxQueue;
  }

  private static final int FIRST_PORT = 49152;
  private static final int PORT_SPAN = 6800;

  /**
   * The next client port of {@code device}: sequential from a random start in the IANA dynamic
   * range, as Windows and Linux allocate them, so a port is not reused within minutes. Skips ports
   * tshark maps to other dissectors.
   */
  int ephemeralPort(int device, SplittableRandom rnd) {
    if (device < 0) {
      return FIRST_PORT + rnd.nextInt(PORT_SPAN);
    }
    while (true) {
      int p = nextPort[device];
      if (p == 0) {
        p = FIRST_PORT + rnd.nextInt(PORT_SPAN);
      }
      nextPort[device] = p + 1 >= FIRST_PORT + PORT_SPAN ? FIRST_PORT : p + 1;
      if (p != 49999 && p != 54328) {
        return p;
      }
    }
  }
}
