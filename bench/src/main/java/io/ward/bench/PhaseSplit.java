package io.ward.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Ward analysis split into its phases by {@code ward analyze --timings}: start (JVM, command
 * line, knowledge), reading the packets, and inventory and output, each with its wall time and the
 * process's CPU time over it (all threads).
 *
 * <p>Why: only the reading phase can be shared by more workers. However well they share it, its CPU
 * seconds (the JIT compiler, the garbage collector and the knowledge loading included, which a
 * one-worker run already puts on the second core) must still be spent, and the other phases stay as
 * long as they are. That gives the least time a run with more workers can take on this machine: the
 * bound the two-worker target is set against.
 */
record PhaseSplit(
    double startWall,
    double startCpu,
    double readWall,
    double readCpu,
    double outputWall,
    double outputCpu) {

  private static final String ROW = "(?m)^  %s +(\\d+\\.\\d+) / +(\\d+\\.\\d+)";
  private static final Pattern START = row("start: JVM, command line, knowledge");
  private static final Pattern READ = row("reading [\\d,]+ packets");
  private static final Pattern OUTPUT = row("inventory and output");

  private static Pattern row(String phase) {
    return Pattern.compile(String.format(ROW, phase));
  }

  /** The split printed in {@code stderr}, or empty when a row is missing (or CPU unknown). */
  static Optional<PhaseSplit> parse(String stderr) {
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
            seconds(output, 1),
            seconds(output, 2)));
  }

  private static double seconds(Matcher m, int group) {
    return Double.parseDouble(m.group(group));
  }

  double totalWall() {
    return startWall + readWall + outputWall;
  }

  double totalCpu() {
    return startCpu + readCpu + outputCpu;
  }

  /**
   * The least wall time a run with {@code workers} workers can take on {@code cores} processors:
   * the start and output phases as they are, and the reading phase's CPU spread evenly over as many
   * of the cores as there are workers.
   */
  double floorSeconds(int workers, int cores) {
    int sharing = Math.max(1, Math.min(workers, cores));
    return startWall + outputWall + readCpu / sharing;
  }

  /**
   * The most a run with {@code workers} workers can gain over this one: its time over the floor.
   */
  double boundSpeedup(int workers, int cores) {
    return Stats.ratio(totalWall(), floorSeconds(workers, cores));
  }
}
