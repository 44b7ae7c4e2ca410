package io.ward.bench;

import java.util.List;

/**
 * All runs of one contender, summarised by medians.
 *
 * @param contender what was run
 * @param runs the runs, in the order they happened
 */
record Measurement(Contender contender, List<RunResult> runs) {

  private static final double MEGA = 1_000_000.0;

  Measurement {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs of " + contender.id());
    }
  }

  /** Median wall-clock seconds. */
  double medianSeconds() {
    return Stats.median(runs.stream().map(RunResult::seconds).toList());
  }

  /** Median peak RSS in MiB. */
  double medianPeakRssMebibytes() {
    return Stats.median(runs.stream().map(r -> r.peakRssKibibytes() / 1024.0).toList());
  }

  /** Median user + system CPU seconds. */
  double medianCpuSeconds() {
    return Stats.median(runs.stream().map(RunResult::cpuSeconds).toList());
  }

  /** Packets of the input per median second. */
  double packetsPerSecond() {
    return Stats.ratio(contender.input().packets(), medianSeconds());
  }

  /** Megabytes (10^6 bytes) of the input file per median second. */
  double megabytesPerSecond() {
    return Stats.ratio(contender.input().bytes() / MEGA, medianSeconds());
  }
}
