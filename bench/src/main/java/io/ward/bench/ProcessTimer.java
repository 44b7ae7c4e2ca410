package io.ward.bench;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one whole process under GNU time: wall-clock time measured here around fork and exit, peak
 * RSS ({@code %M}, KiB) and user and system CPU seconds ({@code %U %S}) as GNU time reports them.
 * Standard output goes to /dev/null so no tool's output is ever held in memory; standard error goes
 * to a log file.
 */
final class ProcessTimer {

  private static final double NANOS_PER_SECOND = 1e9;

  private final Path gnuTime;
  private final Path logDir;

  ProcessTimer(Path gnuTime, Path logDir) {
    this.gnuTime = gnuTime;
    this.logDir = logDir;
  }

  /** Runs {@code contender} once; {@code runName} names its log files. */
  RunResult run(Contender contender, String runName)
      throws IOException, InterruptedException, BenchmarkException {
    Files.createDirectories(logDir);
    Path timeFile = logDir.resolve(runName + ".time");
    Path errFile = logDir.resolve(runName + ".stderr");
    List<String> command = new ArrayList<>();
    command.add(gnuTime.toString());
    command.addAll(List.of("-f", "%M %U %S", "-o", timeFile.toString()));
    command.addAll(contender.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectOutput(Redirect.DISCARD)
            .redirectError(errFile.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    int exit = process.waitFor();
    long elapsed = System.nanoTime() - start;
    if (!contender.okExitCodes().contains(exit)) {
      throw new BenchmarkException(
          contender.id() + " exited with status " + exit + "; its stderr is in " + errFile);
    }
    return gnuTimeResult(elapsed / NANOS_PER_SECOND, timeFile);
  }

  /**
   * Reads GNU time's {@code %M %U %S} line; it is the last line, after a status line when the
   * command exited non-zero.
   */
  static RunResult gnuTimeResult(double seconds, Path timeFile)
      throws IOException, BenchmarkException {
    List<String> lines = Files.readAllLines(timeFile, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        String[] f = line.split("\\s+");
        try {
          if (f.length == 3) {
            return new RunResult(
                seconds, Long.parseLong(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
          }
        } catch (NumberFormatException e) {
          // Falls through to the message below.
        }
        throw new BenchmarkException(
            "GNU time wrote no '%M %U %S' line in " + timeFile + ": " + line);
      }
    }
    throw new BenchmarkException("GNU time wrote nothing to " + timeFile);
  }
}
