package io.ward.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the report says about the machine, so a reader can judge the figures.
 *
 * @param processors processors available to the JVM ({@code nproc})
 * @param memory total memory from /proc/meminfo
 * @param cpu the CPU model name
 * @param javaVersion {@code java -version} of the launcher that runs Ward
 * @param tsharkVersion first line of {@code tshark -v}
 * @param ndpiVersion the nDPI version ndpiReader reports
 */
record MachineInfo(
    int processors,
    String memory,
    String cpu,
    List<String> javaVersion,
    String tsharkVersion,
    String ndpiVersion) {

  MachineInfo {
    javaVersion = List.copyOf(javaVersion);
  }

  /** Gathers the facts from /proc and the tools' version options. */
  static MachineInfo probe(Path java) throws InterruptedException {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        procLine(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"),
        procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
        ShortCommand.lines(List.of(java.toString(), "-version")),
        ShortCommand.lines(List.of("tshark", "-v")).stream()
            .filter(l -> l.startsWith("TShark"))
            .findFirst()
            .orElse("unknown"),
        ShortCommand.lines(List.of("ndpiReader", "-h")).stream()
            .filter(l -> l.contains("nDPI"))
            .findFirst()
            .orElse("unknown"));
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
      return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Optional<String> procLine(Path file, String key) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
