package io.ward.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server benchmark of issue 4 §8: loads 100k devices, 1M flow hours and 500k findings into
 * PostgreSQL through the server's own schema, measures inventory API and device page response times
 * under 50 concurrent clients, and compares ingest through the server with {@code ward analyze} on
 * the same capture. Run it with {@code bench/server-bench.sh}.
 */
@Command(
    name = "server-bench.sh",
    mixinStandardHelpOptions = true,
    description = "Measures Ward's server on PostgreSQL: inventory API under load, and ingest.")
public final class ServerBenchmark implements Callable<Integer> {
  /** For option errors reported as picocli reports its own: the message and the usage. */
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--small", description = "a quick check: 10k devices, 100k packets, short rounds")
  boolean small;

  @Option(names = "--devices", paramLabel = "N", description = "devices (default 100,000)")
  Optional<Integer> devices = Optional.empty();

  @Option(names = "--flows", paramLabel = "N", description = "flow hours (default 1,000,000)")
  Optional<Long> flows = Optional.empty();

  @Option(names = "--findings", paramLabel = "N", description = "findings (default 500,000)")
  Optional<Long> findings = Optional.empty();

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "50",
      description = "concurrent load clients (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--warmup",
      paramLabel = "S",
      description = "unrecorded warm-up seconds of each load phase (default 60, --small 15)")
  Optional<Integer> warmup = Optional.empty();

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = "seconds of each measured round (default 60, --small 15)")
  Optional<Integer> seconds = Optional.empty();

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "3",
      description = "measured load rounds and ingest runs of each side, at least 3 (default: 3)")
  int runs;

  @Option(
      names = "--packets",
      paramLabel = "N",
      description = "minimum packets of the ingest capture (default 2,000,000, --small 100,000)")
  Optional<Long> packets = Optional.empty();

  @Option(
      names = "--sim-devices",
      paramLabel = "N",
      defaultValue = "1000",
      description = "devices in the simulated ingest capture (default: ${DEFAULT-VALUE})")
  int simDevices;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "seed of the data and the clients (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--postgres",
      paramLabel = "URL",
      defaultValue = "jdbc:postgresql://127.0.0.1:5432/",
      description = "the PostgreSQL server (default: ${DEFAULT-VALUE}; trust authentication)")
  String postgres;

  @Option(
      names = "--pg-user",
      paramLabel = "USER",
      defaultValue = "postgres",
      description = "the PostgreSQL user (default: ${DEFAULT-VALUE})")
  String pgUser;

  @Option(
      names = "--database",
      paramLabel = "NAME",
      defaultValue = "ward_bench",
      description =
          "the database created for the run and dropped after it (default: ${DEFAULT-VALUE})")
  String database;

  @Option(names = "--keep-database", description = "leave the loaded database after the run")
  boolean keepDatabase;

  @Option(
      names = "--reuse-database",
      description =
          "use the database a run with --keep-database loaded (new migrations still apply)")
  boolean reuseDatabase;

  @Option(
      names = "--only",
      paramLabel = "PART",
      description = "run only one part: load (inventory API) or ingest")
  Optional<String> only = Optional.empty();

  @Option(
      names = "--phase",
      paramLabel = "MIX",
      description =
          "with the load part, run only this phase: ${COMPLETION-CANDIDATES} (for profiling one;"
              + " a report without the other phase leaves its target unchecked)")
  Optional<ServerRequests.Mix> phase = Optional.empty();

  @Option(
      names = "--ward-jar",
      paramLabel = "JAR",
      defaultValue = "bench/target/server-bench/ward.jar",
      description = "the runnable Ward jar (default: ${DEFAULT-VALUE}, the script's copy)")
  Path wardJar;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "bench/target/server-bench",
      description = "captures, logs and data directories (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      defaultValue = "bench/target/server-bench.md",
      description = "the Markdown report (default: ${DEFAULT-VALUE})")
  Path report;

  /** Packets of the capture each server ingests, untimed, before the timed one. */
  private static final long WARMUP_PACKETS = 200_000;

  private final List<String> args;
  private final PrintStream log = System.err;

  private ServerBenchmark(List<String> args) {
    this.args = List.copyOf(args);
  }

  /** Runs the benchmark; see {@code bench/README.md}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerBenchmark(List.of(args))).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 3) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--runs must be at least 3: the report gives medians");
    }
    if (only.isPresent() && !List.of("load", "ingest").contains(only.get())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--only is load or ingest");
    }
    work = work.toAbsolutePath();
    Files.createDirectories(work);
    ServerDatabase db = new ServerDatabase(postgres, pgUser, database);
    try {
      String markdown = benchmark(db);
      System.out.print(markdown);
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, markdown, StandardCharsets.UTF_8);
      log.println("bench: report written to " + report);
      return markdown.contains("| **no** |") ? 1 : 0;
    } catch (BenchmarkException e) {
      log.println("bench: " + e.getMessage());
      return 1;
    } finally {
      if (!keepDatabase) {
        try {
          db.drop();
        } catch (BenchmarkException e) {
          log.println("bench: " + e.getMessage());
        }
      }
    }
  }

  private String benchmark(ServerDatabase db) throws Exception {
    String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    if (!Files.isRegularFile(wardJar)) {
      throw new BenchmarkException(wardJar + " is missing; run bench/server-bench.sh");
    }
    boolean reuse = reuseDatabase && loaded(db);
    if (!reuse) {
      db.recreate();
    }
    MachineInfo machine = MachineInfo.probe(java());
    String loadBefore = MachineInfo.loadAverage();
    Optional<ServerDataLoad> load = Optional.empty();
    Map<ServerRequests.Mix, List<ServerLoadClient.Period>> phases = Map.of();
    int n = devices.orElse(small ? 10_000 : 100_000);
    if (!only.filter("ingest"::equals).isPresent()) {
      try (ServerChild server = ServerChild.start(childCommand(), db, work, clients)) {
        log.println("bench: server listening on " + server.url());
        ServerFleet fleet = fleet(n);
        if (reuse) {
          // Statistics for whatever the server's migrations just added or rewrote.
          db.analyze();
        } else {
          load =
              Optional.of(
                  ServerDataLoad.load(
                      db,
                      fleet,
                      flows.orElse(small ? 100_000L : 1_000_000L),
                      findings.orElse(small ? 50_000L : 500_000L),
                      seed,
                      log));
          log.printf("bench: loaded in %.1f s%n", load.get().seconds());
        }
        phases = loadTest(server, fleet, db);
      }
    }
    Map<String, Long> tableRows = tableRows(db);
    Optional<ServerIngestBench.Result> ingest = Optional.empty();
    if (!only.filter("load"::equals).isPresent()) {
      CaptureFile capture =
          new ServerCaptureMaker(work.resolve("captures"), simDevices, seed, log)
              .make(packets.orElse(small ? 100_000L : 2_000_000L));
      // Another part of the hospital (another seed: other devices, another file) for the
      // server's warm-up ingest.
      CaptureFile warmup =
          new ServerCaptureMaker(work.resolve("captures"), simDevices, seed + 1, log)
              .make(WARMUP_PACKETS);
      ingest =
          Optional.of(
              new ServerIngestBench(
                      List.of(java().toString()),
                      analysisOptions(),
                      wardJar,
                      childCommand(),
                      db,
                      work,
                      log)
                  .run(capture, warmup, runs));
    }
    String loadAfter = MachineInfo.loadAverage();
    ServerReport.Setup setup =
        new ServerReport.Setup(
            command(),
            started + (reuse ? " (database reused from an earlier run)" : ""),
            machine,
            db.describe(),
            wardRevision(),
            loadBefore,
            loadAfter,
            clients,
            warmupSeconds(),
            roundSeconds());
    return ServerReport.render(
        setup, load, tableRows, phases, ingest, ServerReport.checks(phases, ingest));
  }

  private ServerFleet fleet(int n) throws Exception {
    log.println("bench: analysing a simulated capture for device templates…");
    List<ServerTemplate> templates = ServerTemplates.make(work.resolve("templates"), seed);
    log.printf("bench: %d templates; a fleet of %,d devices%n", templates.size(), n);
    return ServerFleet.of(templates, n, seed);
  }

  private Map<ServerRequests.Mix, List<ServerLoadClient.Period>> loadTest(
      ServerChild server, ServerFleet fleet, ServerDatabase db)
      throws InterruptedException, SQLException {
    AtomicReference<List<Long>> backends = new AtomicReference<>(db.backendPids());
    ServerLoadClient client =
        new ServerLoadClient(
            server.url(), server.tokens(), () -> ServerCpu.take(server.pid(), backends.get()));
    Map<ServerRequests.Mix, List<ServerLoadClient.Period>> phases =
        new EnumMap<>(ServerRequests.Mix.class);
    for (ServerRequests.Mix mix : ServerRequests.Mix.values()) {
      if (phase.isPresent() && phase.get() != mix) {
        continue;
      }
      ServerRequests requests = new ServerRequests(fleet, mix);
      log.printf("bench: %s: warm-up, %d clients for %d s…%n", mix, clients, warmupSeconds());
      ServerLoadClient.Period warm =
          client.run(requests, clients, Duration.ofSeconds(warmupSeconds()), seed * 7 + 1);
      log.printf(
          "bench: warm-up %,.0f requests/s, %d failed%n",
          warm.requestsPerSecond(), warm.latencies().errorCount());
      // The pool has opened its connections by now.
      backends.set(db.backendPids());
      List<ServerLoadClient.Period> rounds = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        ServerLoadClient.Period p =
            client.run(requests, clients, Duration.ofSeconds(roundSeconds()), seed * 7 + 2 + r);
        rounds.add(p);
        ServerLatencies.Summary all = p.latencies().summary("", k -> true);
        double[] cpu = p.cpuMillisPerRequest();
        log.printf(
            "bench: %s round %d/%d %,6.0f requests/s; p50 %s p95 %s p99 %s ms; %d failed;"
                + " CPU ms/request server %.2f, PostgreSQL %.2f, client %.2f; others %.0f%% of"
                + " the machine%n",
            mix,
            r + 1,
            runs,
            p.requestsPerSecond(),
            ServerReport.ms(all.p50()),
            ServerReport.ms(all.p95()),
            ServerReport.ms(all.p99()),
            p.latencies().errorCount(),
            cpu[0],
            cpu[1],
            cpu[2],
            100 * p.cpu().others() / Math.max(1e-9, p.cpu().machineTotal()));
      }
      phases.put(mix, rounds);
    }
    return phases;
  }

  /** Whether the database exists and holds devices (for --reuse-database). */
  private boolean loaded(ServerDatabase db) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM device")) {
      return r.next() && r.getLong(1) > 0;
    } catch (SQLException e) {
      return false;
    }
  }

  private static Map<String, Long> tableRows(ServerDatabase db) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              "device",
              "device_evidence",
              "device_change",
              "device_sighting",
              "flow_hour",
              "device_hour",
              "finding",
              "advisory",
              "kev_entry",
              "remediation",
              "capture",
              "network",
              "site")) {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          r.next();
          rows.put(table, r.getLong(1));
        } catch (SQLException e) {
          return Map.of();
        }
      }
    }
    return rows;
  }

  /** java and this JVM's class path (the bench jar and the Ward jar), for child processes. */
  private List<String> childCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(java().toString());
    String options = System.getProperty("ward.serverJavaOptions", "").strip();
    if (!options.isEmpty()) {
      cmd.addAll(Arrays.asList(options.split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    return cmd;
  }

  private static List<String> analysisOptions() {
    String options = System.getProperty("ward.javaOptions", "").strip();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private int warmupSeconds() {
    return warmup.orElse(small ? 15 : 60);
  }

  private int roundSeconds() {
    return seconds.orElse(small ? 15 : 60);
  }

  private static String wardRevision() throws InterruptedException {
    return ShortCommand.lines(List.of("git", "describe", "--always", "--dirty")).stream()
        .findFirst()
        .orElse("unknown");
  }

  private String command() {
    List<String> parts = new ArrayList<>();
    parts.add("bench/server-bench.sh");
    parts.addAll(args);
    return String.join(" ", parts);
  }
}
