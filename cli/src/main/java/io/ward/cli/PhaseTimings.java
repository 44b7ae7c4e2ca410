package io.ward.cli;

import io.ward.capture.ProgressListener;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Where the time of one {@code ward analyze} went, for {@code --timings}: the wall and CPU time
 * (all threads: JIT compiler, garbage collector and workers included) of its three phases — start
 * (JVM, command line, knowledge base), reading the packets, and building and writing the inventory.
 *
 * <p>Why CPU beside wall time: the reading phase is the only one more workers can share, so its CPU
 * seconds, halved, plus the other phases' wall time, is the least a run on two cores can take. The
 * benchmark's two-worker bound is made of these figures.
 *
 * <p>It sits between the engine and the progress bar: the engine reports progress from the reading
 * thread every few megabytes and once when a capture is read, so the last report marks the end of
 * reading.
 */
final class PhaseTimings implements ProgressListener {
  private final ProgressListener inner;
  private final com.sun.management.OperatingSystemMXBean os;
  private long startWallNanos;
  private long startCpuNanos;
  private long readWallNanos;
  private long readCpuNanos;

  private PhaseTimings(ProgressListener inner) {
    this.inner = inner;
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  }

  /** Starts timing now: the start phase is the JVM's uptime so far. */
  static PhaseTimings start(ProgressListener inner) {
    PhaseTimings t = new PhaseTimings(inner);
    t.startWallNanos = uptimeNanos();
    t.startCpuNanos = t.os.getProcessCpuTime();
    t.readWallNanos = t.startWallNanos;
    t.readCpuNanos = t.startCpuNanos;
    return t;
  }

  @Override
  public void progress(long bytesRead, long totalBytes) {
    readWallNanos = uptimeNanos();
    readCpuNanos = os.getProcessCpuTime();
    inner.progress(bytesRead, totalBytes);
  }

  /** Prints the table; the output phase ends now. */
  void print(PrintStream err, long packets) {
    long endWall = uptimeNanos();
    long endCpu = os.getProcessCpuTime();
    // getProcessCpuTime is -1 where the platform cannot tell: then every CPU column shows "-".
    boolean cpuKnown = startCpuNanos >= 0 && endCpu >= 0;
    long readWall = readWallNanos - startWallNanos;
    err.println("ward: timings (wall s / CPU s, all threads)");
    row(err, "start: JVM, command line, knowledge", startWallNanos, cpuKnown ? startCpuNanos : -1);
    String rate =
        readWall > 0
            ? String.format(Locale.ROOT, "  (%,.0f packets/s)", packets * 1e9 / readWall)
            : "";
    row(
        err,
        String.format(Locale.ROOT, "reading %,d packets", packets),
        readWall,
        cpuKnown ? readCpuNanos - startCpuNanos : -1,
        rate);
    row(
        err,
        "inventory and output",
        endWall - readWallNanos,
        cpuKnown ? endCpu - readCpuNanos : -1);
    row(err, "total", endWall, cpuKnown ? endCpu : -1);
  }

  private static void row(PrintStream err, String phase, long wallNanos, long cpuNanos) {
    row(err, phase, wallNanos, cpuNanos, "");
  }

  private static void row(
      PrintStream err, String phase, long wallNanos, long cpuNanos, String extra) {
    String cpu = cpuNanos < 0 ? "      -" : String.format(Locale.ROOT, "%7.3f", cpuNanos / 1e9);
    err.printf(Locale.ROOT, "  %-38s %7.3f / %s%s%n", phase, wallNanos / 1e9, cpu, extra);
  }

  private static long uptimeNanos() {
    return ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
  }
}
