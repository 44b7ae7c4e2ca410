package io.ward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The targets (issue 2 §8), computed from one benchmark run's medians. */
final class Targets {

  /** "Not growing" allows 10% for garbage-collector heap sizing noise. */
  static final double RSS_GROWTH_BOUND = 1.1;

  private static final double MILLION = 1_000_000.0;

  private Targets() {}

  /** The targets whose measurements are present, in the order. */
  static List<Target> evaluate(Map<String, Measurement> byId) {
    List<Target> targets = new ArrayList<>();
    speed(
            byId,
            "full analysis, 1 worker vs tshark field extraction",
            Contenders.WARD_FULL,
            Contenders.TSHARK_FIELDS,
            50,
            /* byCpuToo= */ true)
        .ifPresent(targets::add);
    speed(
            byId,
            "full analysis, 1 worker vs ndpiReader",
            Contenders.WARD_FULL,
            Contenders.NDPI,
            3,
            /* byCpuToo= */ true)
        .ifPresent(targets::add);
    millionPacketsPerSecond(byId).ifPresent(targets::add);
    speed(
            byId,
            "decoding + flow table only vs tshark conv,tcp",
            Contenders.WARD_DECODE_ONLY,
            Contenders.TSHARK_CONV,
            50,
            /* byCpuToo= */ true)
        .ifPresent(targets::add);
    speed(
            byId,
            "full analysis, 2 workers vs 1 worker",
            Contenders.WARD_TWO_WORKERS,
            Contenders.WARD_FULL,
            1.6,
            /* byCpuToo= */ false)
        .ifPresent(targets::add);
    rss(
            byId,
            "peak RSS, full analysis vs tshark field extraction",
            Contenders.WARD_FULL,
            Contenders.TSHARK_FIELDS,
            0.1)
        .ifPresent(targets::add);
    rss(
            byId,
            "peak RSS, full analysis on the 2× capture vs the 1× (should not grow)",
            Contenders.WARD_FULL_LONG,
            Contenders.WARD_FULL,
            RSS_GROWTH_BOUND)
        .ifPresent(targets::add);
    speed(
            byId,
            "pcapng vs pcap speed (decoding + flow table only)",
            Contenders.WARD_DECODE_ONLY_PCAPNG,
            Contenders.WARD_DECODE_ONLY,
            0.9,
            /* byCpuToo= */ false)
        .ifPresent(targets::add);
    return List.copyOf(targets);
  }

  /**
   * What a plain single-threaded Java header walk reaches against each target that asks for a
   * multiple of a peer's speed: the walk does less per packet than any decoder, so where it stays
   * below what the target asks for, a single-threaded Java decoder is not expected to meet it.
   */
  static List<Ceiling> ceilings(Map<String, Measurement> byId) {
    List<Ceiling> ceilings = new ArrayList<>();
    ceiling(byId, "full analysis ≥ 50× tshark field extraction", Contenders.TSHARK_FIELDS, 50)
        .ifPresent(ceilings::add);
    ceiling(byId, "decoding + flow table ≥ 50× tshark conv,tcp", Contenders.TSHARK_CONV, 50)
        .ifPresent(ceilings::add);
    return List.copyOf(ceilings);
  }

  /**
   * One target's reach.
   *
   * @param target the target, as the issue words it
   * @param askedPacketsPerSecond the speed the target asks of Ward in this run
   * @param walkPacketsPerSecond the plain header walk's median speed in this run
   * @param packets the packets of the capture the target is set on
   */
  record Ceiling(
      String target, double askedPacketsPerSecond, double walkPacketsPerSecond, long packets) {

    /** The whole process's time, JVM start included, that the target allows. */
    double allowedSeconds() {
      return Stats.ratio(packets, askedPacketsPerSecond);
    }

    /**
     * The walk's speed over the speed asked: below 1, the target is out of any Java decoder's
     * reach.
     */
    double reach() {
      return Stats.ratio(walkPacketsPerSecond, askedPacketsPerSecond);
    }
  }

  /**
   * The full analysis split by capture length: the run on the 1× capture's first packets (the
   * start: everything that does not grow with the capture) and the rest of the 1× capture, from the
   * difference of the two medians. Empty unless both were run and the rest took time.
   */
  static Optional<LaterRate> laterRate(Map<String, Measurement> byId) {
    Measurement start = byId.get(Contenders.WARD_FULL_START);
    Measurement full = byId.get(Contenders.WARD_FULL);
    if (start == null || full == null) {
      return Optional.empty();
    }
    LaterRate r =
        new LaterRate(
            start.contender().input().packets(),
            start.medianSeconds(),
            full.contender().input().packets(),
            full.medianSeconds());
    return r.laterPackets() > 0 && r.laterSeconds() > 0 ? Optional.of(r) : Optional.empty();
  }

  /**
   * One worker's full analysis of the start of a capture and of the whole of it.
   *
   * @param startPackets the packets of the start capture
   * @param startSeconds its median time, the whole process
   * @param fullPackets the packets of the whole capture
   * @param fullSeconds its median time
   */
  record LaterRate(long startPackets, double startSeconds, long fullPackets, double fullSeconds) {

    /** The packets after the start. */
    long laterPackets() {
      return fullPackets - startPackets;
    }

    /** What the packets after the start added to the whole process's time. */
    double laterSeconds() {
      return fullSeconds - startSeconds;
    }

    /** The packets after the start per second they added. */
    double laterPacketsPerSecond() {
      return Stats.ratio(laterPackets(), laterSeconds());
    }

    /**
     * How long the start may take for the whole capture to be analysed at 1M packets/s, the later
     * packets going at the rate they went; negative when they alone take longer.
     */
    double startAllowedForAMillionSeconds() {
      return fullPackets / MILLION - laterPackets() / laterPacketsPerSecond();
    }
  }

  /**
   * What two workers can reach against one on this machine, from the phases of the median of the
   * extra one-worker runs with {@code --timings} (see {@link PhaseSplit}).
   *
   * @param split the one-worker run's phases
   * @param cores the machine's processors
   * @param measured the two-worker speed-up of this run's medians, when both were run
   */
  record TwoCoreBound(PhaseSplit split, int cores, OptionalDouble measured) {

    TwoCoreBound(PhaseSplit split, int cores, Map<String, Measurement> byId) {
      this(split, cores, measuredSpeedup(byId));
    }

    /** The least time two workers can take. */
    double floorSeconds() {
      return split.floorSeconds(2, cores);
    }

    /** The most two workers can gain: the one-worker run's time over {@link #floorSeconds}. */
    double bound() {
      return split.boundSpeedup(2, cores);
    }

    /** The least time when the collector's pauses stay serial too. */
    double floorWithSerialPausesSeconds() {
      return split.floorWithSerialPausesSeconds(2, cores);
    }

    /** The most two workers can gain when the collector's pauses stay serial. */
    double boundWithSerialPauses() {
      return split.boundWithSerialPauses(2, cores);
    }

    private static OptionalDouble measuredSpeedup(Map<String, Measurement> byId) {
      Measurement one = byId.get(Contenders.WARD_FULL);
      Measurement two = byId.get(Contenders.WARD_TWO_WORKERS);
      return one == null || two == null
          ? OptionalDouble.empty()
          : OptionalDouble.of(Stats.ratio(two.packetsPerSecond(), one.packetsPerSecond()));
    }
  }

  private static Optional<Ceiling> ceiling(
      Map<String, Measurement> byId, String target, String peer, double multiple) {
    Measurement walk = byId.get(Contenders.HEADER_WALK);
    Measurement other = byId.get(peer);
    if (walk == null || other == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Ceiling(
            target,
            multiple * other.packetsPerSecond(),
            walk.packetsPerSecond(),
            other.contender().input().packets()));
  }

  /**
   * A ratio of speeds. With {@code byCpuToo}, the basis also gives the ratio of the two processes'
   * CPU times on the same capture: one Ward worker reads its file and feeds its inventory on
   * threads of their own, so its wall time alone would hide the second processor's share, while the
   * peers run on one thread.
   */
  private static Optional<Target> speed(
      Map<String, Measurement> byId,
      String name,
      String ward,
      String other,
      double bound,
      boolean byCpuToo) {
    Measurement a = byId.get(ward);
    Measurement b = byId.get(other);
    if (a == null || b == null) {
      return Optional.empty();
    }
    String basis =
        Format.count(a.packetsPerSecond())
            + " vs "
            + Format.count(b.packetsPerSecond())
            + " packets/s";
    if (byCpuToo) {
      double cpuPacketsA = Stats.ratio(a.contender().input().packets(), a.medianCpuSeconds());
      double cpuPacketsB = Stats.ratio(b.contender().input().packets(), b.medianCpuSeconds());
      basis += "; by CPU time " + Format.ratio(Stats.ratio(cpuPacketsA, cpuPacketsB));
    }
    return Optional.of(
        new Target(
            name,
            Stats.ratio(a.packetsPerSecond(), b.packetsPerSecond()),
            bound,
            /* atLeast= */ true,
            basis));
  }

  private static Optional<Target> rss(
      Map<String, Measurement> byId, String name, String ward, String other, double bound) {
    Measurement a = byId.get(ward);
    Measurement b = byId.get(other);
    if (a == null || b == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Target(
            name,
            Stats.ratio(a.medianPeakRssMebibytes(), b.medianPeakRssMebibytes()),
            bound,
            /* atLeast= */ false,
            Format.oneDecimal(a.medianPeakRssMebibytes())
                + " vs "
                + Format.oneDecimal(b.medianPeakRssMebibytes())
                + " MiB"));
  }

  private static Optional<Target> millionPacketsPerSecond(Map<String, Measurement> byId) {
    Measurement full = byId.get(Contenders.WARD_FULL);
    if (full == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Target(
            "full analysis, 1 worker vs 1M packets/s (the issue's ≈ figure)",
            full.packetsPerSecond() / MILLION,
            1.0,
            /* atLeast= */ true,
            Format.count(full.packetsPerSecond()) + " vs 1,000,000 packets/s"));
  }
}
