package io.ward.cli;

import io.ward.capture.ProgressListener;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Where the time of one {@code ward analyze} went, for {@code --timings}: the wall time, the CPU
 * time (all threads: JIT compiler, garbage collector, knowledge loading and workers included) and
 * the garbage collectors' time of its three phases — start (JVM, command line, setup), reading the
 * packets, and building and writing the inventory.
 *
 * <p>Why CPU and collector time beside wall time: only the reading phase can be shared by more
 * workers, and Ward's serial collector stops every thread, so the benchmark's bound on what two
 * workers can gain is made of these figures (see bench/README.md).
 *
 * <p>It sits between the engine and the progress bar: the engine reports progress from the reading
 * thread every few megabytes and once after each capture is read, so the last report marks the end
 * of reading. Reading from standard input, the reading phase includes waiting for the producer.
 */
final class PhaseTimings implements ProgressListener {

  /** The clocks read, in nanoseconds; a CPU or collector clock gives -1 where it cannot tell. */
  record Clocks(LongSupplier wall, LongSupplier cpu, LongSupplier gc) {

    /** The JVM's: uptime, process CPU time, and the collectors' accumulated time. */
    static Clocks ofThisJvm() {
      OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      LongSupplier cpu =
          os instanceof com.sun.management.OperatingSystemMXBean
              ? ((com.sun.management.OperatingSystemMXBean) os)::getProcessCpuTime
              : () -> -1;
      List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
      return new Clocks(
          () -> ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L,
          cpu,
          () -> {
            long millis = 0;
            for (GarbageCollectorMXBean c : collectors) {
              long t = c.getCollectionTime();
              if (t < 0) {
                return -1;
              }
              millis += t;
            }
            return millis * 1_000_000L;
          });
    }
  }

  /** The three clocks at one moment. */
  private record Reading(long wall, long cpu, long gc) {
    static Reading of(Clocks c) {
      return new Reading(c.wall().getAsLong(), c.cpu().getAsLong(), c.gc().getAsLong());
    }
  }

  private final ProgressListener inner;
  private final Clocks clocks;
  private final Reading start;
  private Reading endOfReading;

  private PhaseTimings(ProgressListener inner, Clocks clocks) {
    this.inner = inner;
    this.clocks = clocks;
    this.start = Reading.of(clocks);
    this.endOfReading = start;
  }

  /**
   * Starts timing now, when the analysis is set up and about to read: the start phase is the JVM's
   * uptime so far.
   */
  static PhaseTimings start(ProgressListener inner) {
    return start(inner, Clocks.ofThisJvm());
  }

  /** Starts timing with the given clocks (tests). */
  static PhaseTimings start(ProgressListener inner, Clocks clocks) {
    return new PhaseTimings(inner, clocks);
  }

  @Override
  public void progress(long bytesRead, long totalBytes) {
    endOfReading = Reading.of(clocks);
    inner.progress(bytesRead, totalBytes);
  }

  /** Prints the table; the output phase ends now. */
  void print(PrintStream err, long packets) {
    Reading end = Reading.of(clocks);
    boolean cpuKnown = start.cpu() >= 0 && end.cpu() >= 0;
    boolean gcKnown = start.gc() >= 0 && end.gc() >= 0;
    long readWall = endOfReading.wall() - start.wall();
    err.println("ward: timings (wall s / CPU s of all threads / of which collector pauses s)");
    row(err, "start: JVM, command line, setup", start, new Reading(0, 0, 0), cpuKnown, gcKnown);
    String rate =
        readWall > 0
            ? String.format(Locale.ROOT, "  (%,.0f packets/s)", packets * 1e9 / readWall)
            : "";
    err.print(
        row(
            String.format(Locale.ROOT, "reading %,d packets", packets),
            endOfReading,
            start,
            cpuKnown,
            gcKnown));
    err.println(rate);
    row(err, "inventory and output", end, endOfReading, cpuKnown, gcKnown);
    row(err, "total", end, new Reading(0, 0, 0), cpuKnown, gcKnown);
  }

  private static void row(
      PrintStream err, String phase, Reading to, Reading from, boolean cpu, boolean gc) {
    err.println(row(phase, to, from, cpu, gc));
  }

  private static String row(String phase, Reading to, Reading from, boolean cpu, boolean gc) {
    return String.format(
        Locale.ROOT,
        "  %-38s %8.3f / %s / %s",
        phase,
        (to.wall() - from.wall()) / 1e9,
        seconds(cpu, to.cpu() - from.cpu()),
        seconds(gc, to.gc() - from.gc()));
  }

  private static String seconds(boolean known, long nanos) {
    return known ? String.format(Locale.ROOT, "%8.3f", nanos / 1e9) : "       -";
  }
}
