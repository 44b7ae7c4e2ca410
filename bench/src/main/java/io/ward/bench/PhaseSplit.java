package io.ward.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Ward analysis split into its phases by {@code ward analyze --timings}: start (JVM, command
 * line, setup), reading the packets, and inventory and output, each with its wall time, the
 * process's CPU time over it (all threads) and, for reading, the garbage collector's pauses; and
 * the whole process's wall time, fork to exit, as the benchmark measured it.
 *
 * <p>Why: only the reading phase can be shared by more workers. However well they share it, its CPU
 * seconds must still be spent, and the other phases, and the launch and exit around the JVM's own
 * clock, stay as long as they are. That gives the least time a run with more workers can take on
 * this machine: the bound the two-worker target is set against.
 *
 * @param processWall the whole process, fork to exit (includes what the JVM's uptime does not)
 */
record PhaseSplit(
    double startWall,
    double startCpu,
    double readWall,
    double readCpu,
    double readGc,
    double outputWall,
    double outputCpu,
    double processWall) {

  private static final String ROW = "(?m)^  %s +(\\d+\\.\\d+) / +(\\d+\\.\\d+) / +(\\d+\\.\\d+|-)";
  private static final Pattern START = row("start: JVM, command line, setup");
  private static final Pattern READ = row("reading [\\d,]+ packets");
  private static final Pattern OUTPUT = row("inventory and output");

  private static Pattern row(String phase) {
    return Pattern.compile(String.format(ROW, phase));
  }

  /**
   * The split printed in {@code stderr} by a process that took {@code processWall} seconds, or
   * empty when a row is missing or its CPU time unknown. Unknown collector time counts as none.
   */
  static Optional<PhaseSplit> parse(String stderr, double processWall) {
    Matcher start = START.matcher(stderr);
    Matcher read = READ.matcher(stderr);
    Matcher output = OUTPUT.matcher(stderr);
    if (!start.find() || !read.find() || !output.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new PhaseSplit(
            seconds(start, 1),
            seconds(start, 2),
            seconds(read, 1),
            seconds(read, 2),
            read.group(3).equals("-") ? 0 : seconds(read, 3),
            seconds(output, 1),
            seconds(output, 2),
            processWall));
  }

  /** The split whose process took the median time (the upper median of an even count). */
  static PhaseSplit median(List<PhaseSplit> splits) {
    return splits.stream()
        .sorted(Comparator.comparingDouble(PhaseSplit::processWall))
        .toList()
        .get(splits.size() / 2);
  }

  private static double seconds(Matcher m, int group) {
    return Double.parseDouble(m.group(group));
  }

  /** The JVM's own total: start, reading, output. */
  double totalWall() {
    return startWall + readWall + outputWall;
  }

  double totalCpu() {
    return startCpu + readCpu + outputCpu;
  }

  /** Launch and exit: the process's time outside the JVM's clock. */
  double outsideWall() {
    return Math.max(0, processWall - totalWall());
  }

  /**
   * The least wall time a run with {@code workers} workers can take on {@code cores} processors,
   * assuming it spends at least this run's CPU on reading and its other phases take as long: the
   * serial parts as they are, and the reading phase's CPU spread evenly over as many of the cores
   * as there are workers.
   */
  double floorSeconds(int workers, int cores) {
    return outsideWall() + startWall + outputWall + readCpu / sharing(workers, cores);
  }

  /**
   * As {@link #floorSeconds}, but with the collector's pauses serial as well: Ward's serial
   * collector stops every Java thread, so only the JIT compiler's threads could run beside it. A
   * tighter, less strict floor: it also assumes the same pause time with more workers.
   */
  double floorWithSerialPausesSeconds(int workers, int cores) {
    return outsideWall()
        + startWall
        + outputWall
        + readGc
        + (readCpu - readGc) / sharing(workers, cores);
  }

  /** The most a run with {@code workers} workers can gain over this one. */
  double boundSpeedup(int workers, int cores) {
    return Stats.ratio(processWall, floorSeconds(workers, cores));
  }

  /** The most it can gain when the collector's pauses stay serial. */
  double boundWithSerialPauses(int workers, int cores) {
    return Stats.ratio(processWall, floorWithSerialPausesSeconds(workers, cores));
  }

  /** How many cores {@code workers} workers can keep busy on {@code cores} processors. */
  static int sharing(int workers, int cores) {
    return Math.max(1, Math.min(workers, cores));
  }
}
