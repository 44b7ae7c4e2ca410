package io.ward.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from /proc: of the server's JVM, of the PostgreSQL backends serving it, of the load
 * client, and of the whole machine. On a shared machine the response times depend on what others
 * run; CPU milliseconds per request do not, and tell what the server would do on a quiet one.
 */
final class ServerCpu {

  /** Linux's clock ticks per second ({@code getconf CLK_TCK}), 100 on every usual kernel. */
  private static final double TICKS = 100.0;

  private ServerCpu() {}

  /**
   * CPU seconds used so far.
   *
   * @param server the server's JVM
   * @param postgres its PostgreSQL backends
   * @param client this JVM (the load client)
   * @param machineBusy every processor's non-idle time
   * @param machineTotal every processor's time
   */
  record Snapshot(
      double server, double postgres, double client, double machineBusy, double machineTotal) {

    /** What was used between {@code before} and this snapshot. */
    Snapshot minus(Snapshot before) {
      return new Snapshot(
          server - before.server,
          postgres - before.postgres,
          client - before.client,
          machineBusy - before.machineBusy,
          machineTotal - before.machineTotal);
    }

    /** The machine's busy time that neither the server, PostgreSQL nor the client used. */
    double others() {
      return Math.max(0, machineBusy - server - postgres - client);
    }
  }

  /** A snapshot of the server {@code serverPid} and the PostgreSQL backends {@code backends}. */
  static Snapshot take(long serverPid, List<Long> backends) {
    double postgres = 0;
    for (long pid : backends) {
      postgres += seconds(pid);
    }
    double[] machine = machine();
    return new Snapshot(
        seconds(serverPid),
        postgres,
        seconds(ProcessHandle.current().pid()),
        machine[0],
        machine[1]);
  }

  /** User + system CPU seconds of a process; 0 when it is gone. */
  static double seconds(long pid) {
    try {
      return parseProcessSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      return 0;
    }
  }

  /** User + system seconds from a {@code /proc/PID/stat} line (fields 14 and 15). */
  static double parseProcessSeconds(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split("\\s+");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
  }

  /** Busy and total seconds of all processors, from the first line of /proc/stat. */
  private static double[] machine() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      return parseMachine(first);
    } catch (IOException | IndexOutOfBoundsException e) {
      return new double[] {0, 0};
    }
  }

  /** Busy (all but idle and iowait) and total seconds from the {@code cpu} line of /proc/stat. */
  static double[] parseMachine(String cpuLine) {
    String[] f = cpuLine.strip().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new double[] {(total - idle) / TICKS, total / TICKS};
  }
}
