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
 * RSS as GNU time reports it ({@code %M}, KiB). Standard output goes to /dev/null so no tool's
 * output is ever held in memory; standard error goes to a log file.
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
    Path rssFile = logDir.resolve(runName + ".rss");
    Path errFile = logDir.resolve(runName + ".stderr");
    List<String> command = new ArrayList<>();
    command.add(gnuTime.toString());
    command.addAll(List.of("-f", "%M", "-o", rssFile.toString()));
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
    return new RunResult(elapsed / NANOS_PER_SECOND, peakRss(rssFile));
  }

  /** GNU time writes the format as the last line (after a status line on a non-zero exit). */
  static long peakRss(Path rssFile) throws IOException, BenchmarkException {
    List<String> lines = Files.readAllLines(rssFile, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        try {
          return Long.parseLong(line);
        } catch (NumberFormatException e) {
          throw new BenchmarkException("GNU time wrote no peak RSS in " + rssFile + ": " + line);
        }
      }
    }
    throw new BenchmarkException("GNU time wrote nothing to " + rssFile);
  }
}
