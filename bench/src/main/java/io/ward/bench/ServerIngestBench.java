package io.ward.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Ingest throughput: {@code ward analyze FILE --json out} as a whole process against the same
 * capture ingested through the server into PostgreSQL ({@link ServerIngestRun}, a fresh schema each
 * time), interleaved run by run with the starting side alternating, so load on the shared machine
 * hits both alike.
 */
final class ServerIngestBench {

  private final List<String> java;
  private final List<String> analysisOptions;
  private final Path wardJar;
  private final List<String> serverCommand;
  private final ServerDatabase db;
  private final Path work;
  private final PrintStream log;

  /**
   * @param java the java launcher
   * @param analysisOptions the JVM options the {@code ward} launcher uses for an analysis
   * @param wardJar the runnable Ward jar
   * @param serverCommand java and class path for the server child, up to the main class
   * @param db the benchmark's database (each run uses a schema of its own in it)
   * @param work where outputs and logs go
   */
  ServerIngestBench(
      List<String> java,
      List<String> analysisOptions,
      Path wardJar,
      List<String> serverCommand,
      ServerDatabase db,
      Path work,
      PrintStream log) {
    this.java = List.copyOf(java);
    this.analysisOptions = List.copyOf(analysisOptions);
    this.wardJar = wardJar;
    this.serverCommand = List.copyOf(serverCommand);
    this.db = db;
    this.work = work;
    this.log = log;
  }

  /**
   * Every run of both sides.
   *
   * @param capture what both read
   * @param warmup what each server ingested first, untimed
   * @param analyze {@code ward analyze} runs (whole process)
   * @param server server runs (whole child process, server start included)
   * @param ingestSeconds submit-to-finished seconds of each server ingest
   * @param jobSeconds the job's own started-to-finished seconds
   * @param message the last job's message (packets, devices, flow hours, findings)
   * @param analyzeCommand the {@code ward analyze} command
   * @param serverCommandLine the server child's command
   */
  record Result(
      CaptureFile capture,
      CaptureFile warmup,
      List<RunResult> analyze,
      List<RunResult> server,
      List<Double> ingestSeconds,
      List<Double> jobSeconds,
      String message,
      List<String> analyzeCommand,
      List<String> serverCommandLine) {

    double analyzePacketsPerSecond() {
      return Stats.ratio(
          capture.packets(), Stats.median(analyze.stream().map(RunResult::seconds).toList()));
    }

    double serverPacketsPerSecond() {
      return Stats.ratio(capture.packets(), Stats.median(ingestSeconds));
    }

    /** Server ingest throughput over {@code ward analyze} throughput. */
    double ratio() {
      return Stats.ratio(serverPacketsPerSecond(), analyzePacketsPerSecond());
    }
  }

  /**
   * Runs both sides {@code runs} times on {@code capture}; each server first ingests {@code warmup}
   * (untimed).
   */
  Result run(CaptureFile capture, CaptureFile warmup, int runs)
      throws IOException, InterruptedException, BenchmarkException, SQLException {
    ProcessTimer timer = new ProcessTimer(Path.of("/usr/bin/time"), work.resolve("logs"));
    List<String> analyzeCmd = new ArrayList<>(java);
    analyzeCmd.addAll(analysisOptions);
    analyzeCmd.addAll(
        List.of(
            "-jar",
            wardJar.toString(),
            "analyze",
            capture.path().toString(),
            "--no-progress",
            "--json",
            work.resolve("analyze.json").toString()));
    Contender analyze =
        new Contender("ward-analyze", "ward analyze", capture, analyzeCmd, Set.of(0, 4));
    List<RunResult> analyzeRuns = new ArrayList<>();
    List<RunResult> serverRuns = new ArrayList<>();
    List<Double> ingest = new ArrayList<>();
    List<Double> job = new ArrayList<>();
    String message = "";
    List<String> lastServerCmd = List.of();
    for (int round = 0; round < runs; round++) {
      for (int side = 0; side < 2; side++) {
        boolean analyzeNow = (side + round) % 2 == 0;
        if (analyzeNow) {
          RunResult r = timer.run(analyze, "ward-analyze-run" + (round + 1));
          analyzeRuns.add(r);
          log.printf(
              "bench: run %d/%d ward analyze   %8.2f s  %,10d packets/s  (load %s)%n",
              round + 1,
              runs,
              r.seconds(),
              Math.round(capture.packets() / r.seconds()),
              MachineInfo.loadAverage());
        } else {
          String schema = "ward_ingest_" + (round + 1);
          Path result = work.resolve("ingest-" + (round + 1) + ".properties");
          Path dataDir = work.resolve("ingest-data-" + (round + 1));
          db.dropSchema(schema);
          Files.deleteIfExists(result);
          List<String> cmd = new ArrayList<>(serverCommand);
          cmd.add(ServerIngestRun.class.getName());
          cmd.addAll(
              List.of(
                  db.url(),
                  db.user(),
                  schema,
                  dataDir.toString(),
                  warmup.path().toString(),
                  capture.path().toString(),
                  result.toString()));
          lastServerCmd = cmd;
          RunResult r =
              timer.run(
                  new Contender("server-ingest", "server ingest", capture, cmd, Set.of(0)),
                  "server-ingest-run" + (round + 1));
          Properties p = new Properties();
          try (InputStream in = Files.newInputStream(result)) {
            p.load(in);
          }
          if (!"SUCCEEDED".equals(p.getProperty("state"))) {
            throw new BenchmarkException(
                "the server's ingest job ended "
                    + p.getProperty("state")
                    + ": "
                    + p.getProperty("message"));
          }
          double seconds = Double.parseDouble(p.getProperty("seconds"));
          serverRuns.add(r);
          ingest.add(seconds);
          job.add(Double.parseDouble(p.getProperty("jobSeconds")));
          message = p.getProperty("message");
          db.dropSchema(schema);
          log.printf(
              "bench: run %d/%d server ingest %8.2f s  %,10d packets/s  (process %.2f s; load %s)%n",
              round + 1,
              runs,
              seconds,
              Math.round(capture.packets() / seconds),
              r.seconds(),
              MachineInfo.loadAverage());
        }
      }
    }
    return new Result(
        capture, warmup, analyzeRuns, serverRuns, ingest, job, message, analyzeCmd, lastServerCmd);
  }
}
