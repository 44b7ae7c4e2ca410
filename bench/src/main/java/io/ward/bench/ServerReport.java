package io.ward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The server benchmark's result as Markdown: setup, data, latencies, ingest, targets. */
final class ServerReport {

  /** The latency target for the inventory API, in milliseconds at the 95th percentile. */
  static final double P95_TARGET_MS = 100;

  /** The ingest target: the server at least this share of {@code ward analyze}. */
  static final double INGEST_TARGET = 0.5;

  /**
   * How the run was set up.
   *
   * @param command the command that reproduces it
   * @param started when it started, ISO-8601
   * @param machine processors, memory, Java
   * @param postgres the PostgreSQL version and settings
   * @param wardRevision {@code git describe --always --dirty}
   * @param loadBefore load averages before the measurements
   * @param loadAfter load averages after them
   * @param clients concurrent load clients
   * @param warmupSeconds the unrecorded warm-up
   * @param roundSeconds each measured round
   */
  record Setup(
      String command,
      String started,
      MachineInfo machine,
      List<String> postgres,
      String wardRevision,
      String loadBefore,
      String loadAfter,
      int clients,
      int warmupSeconds,
      int roundSeconds) {}

  /**
   * A target and whether it was met.
   *
   * @param name what is compared
   * @param figures the figures it is made of
   * @param measured the measured value as printed
   * @param goal the goal as printed
   * @param met whether the goal was met
   */
  /**
   * One judged measurement.
   *
   * @param ownGoal a goal of ours beyond the issue: shown, but missing it does not fail the run
   */
  record Check(
      String name, String figures, String measured, String goal, boolean met, boolean ownGoal) {}

  private final StringBuilder out = new StringBuilder();

  private ServerReport() {}

  static String render(
      Setup setup,
      Optional<ServerDataLoad> load,
      Map<String, Long> tableRows,
      Map<ServerRequests.Mix, List<ServerLoadClient.Period>> phases,
      Optional<ServerIngestBench.Result> ingest,
      List<Check> checks) {
    ServerReport r = new ServerReport();
    r.heading(setup);
    r.data(load, tableRows);
    if (!phases.isEmpty()) {
      r.latencies(setup, phases);
    }
    ingest.ifPresent(r::ingest);
    r.checks(checks);
    return r.out.toString();
  }

  /** The targets that the measurements allow to judge. */
  static List<Check> checks(
      Map<ServerRequests.Mix, List<ServerLoadClient.Period>> phases,
      Optional<ServerIngestBench.Result> ingest) {
    List<Check> checks = new ArrayList<>();
    latencyChecks(
        checks,
        phases.getOrDefault(ServerRequests.Mix.INVENTORY, List.of()),
        "inventory API searches, p95 of all (issue 4 §8)",
        "slowest inventory search kind, p95 (stricter than the issue)");
    latencyChecks(
        checks,
        phases.getOrDefault(ServerRequests.Mix.DEVICE_API, List.of()),
        "one device through the inventory API (detail, peers, findings), p95 of all (issue 4 §8)",
        "slowest device API request kind, p95 (stricter than the issue)");
    List<ServerLoadClient.Period> page =
        phases.getOrDefault(ServerRequests.Mix.DEVICE_PAGE, List.of());
    if (!page.isEmpty()) {
      // The issue measures the device page and sets its target on the API: the page's latency goal
      // is ours, but a page that fails is a failure.
      ServerLatencies.Summary all = pooled(page).summary("page", k -> true);
      checks.add(
          new Check(
              "console device page, p95",
              Format.count(all.count()) + " requests, " + all.errors() + " failed",
              ms(all.p95()) + " ms",
              "< " + ms(P95_TARGET_MS) + " ms",
              all.p95() < P95_TARGET_MS && all.errors() == 0,
              all.errors() == 0));
    }
    ingest.ifPresent(
        i ->
            checks.add(
                new Check(
                    "ingest through the server vs `ward analyze`",
                    Format.count(i.serverPacketsPerSecond())
                        + " vs "
                        + Format.count(i.analyzePacketsPerSecond())
                        + " packets/s",
                    Format.ratio(i.ratio()),
                    "≥ " + Format.ratio(INGEST_TARGET),
                    i.ratio() >= INGEST_TARGET,
                    false)));
    return List.copyOf(checks);
  }

  /**
   * The phase's p95 of all requests (the target) and of its slowest kind (stricter than the
   * issue, and judged as strictly: each kind of request the API answers must meet it).
   */
  private static void latencyChecks(
      List<Check> checks, List<ServerLoadClient.Period> rounds, String target, String slowest) {
    if (rounds.isEmpty()) {
      return;
    }
    ServerLatencies all = pooled(rounds);
    ServerLatencies.Summary every = all.summary("all", k -> true);
    checks.add(
        new Check(
            target,
            Format.count(every.count()) + " requests, " + every.errors() + " failed",
            ms(every.p95()) + " ms",
            "< " + ms(P95_TARGET_MS) + " ms",
            every.p95() < P95_TARGET_MS && every.errors() == 0,
            false));
    String worst = null;
    double worstP95 = -1;
    for (String kind : all.kinds()) {
      double p95 = all.summary(kind, kind::equals).p95();
      if (p95 > worstP95) {
        worstP95 = p95;
        worst = kind;
      }
    }
    checks.add(
        new Check(
            slowest,
            worst,
            ms(worstP95) + " ms",
            "< " + ms(P95_TARGET_MS) + " ms",
            worstP95 < P95_TARGET_MS,
            false));
  }

  static ServerLatencies pooled(List<ServerLoadClient.Period> rounds) {
    return ServerLatencies.merge(rounds.stream().map(ServerLoadClient.Period::latencies).toList());
  }

  private void heading(Setup s) {
    MachineInfo m = s.machine();
    line("# Ward server benchmark");
    line("");
    line("Reproduce: `" + s.command() + "` (from the repository root).");
    line("");
    line("- Started: " + s.started() + ".");
    line("- Machine: " + m.processors() + " processors (" + m.cpu() + "), " + m.memory() + ".");
    line(
        "- Load average (1/5/15 min): before "
            + s.loadBefore()
            + ", after "
            + s.loadAfter()
            + " (the machine is shared; server, PostgreSQL and the load clients share its"
            + " processors).");
    line("- Ward: " + Format.builtFrom(s.wardRevision()) + ".");
    line("- Java: " + String.join(" / ", m.javaVersion()));
    line("- PostgreSQL: " + String.join("; ", s.postgres()));
    line("");
  }

  private void data(Optional<ServerDataLoad> load, Map<String, Long> rows) {
    line("## Data in PostgreSQL (the server's own schema, made by its Flyway migrations)");
    line("");
    line("| table | rows |");
    line("|---|---:|");
    rows.forEach((table, n) -> line("| " + table + " | " + Format.count(n) + " |"));
    line("");
    load.ifPresent(
        l ->
            line(
                "Loaded by COPY in "
                    + Format.seconds(l.seconds())
                    + " s, then `VACUUM ANALYZE`. Devices are copies of the devices Ward's own"
                    + " analysis finds in a simulated hospital capture (vendors, models,"
                    + " categories, protocols, evidence), each with its own MAC, address, names"
                    + " and sightings over a year; flows over four weeks; findings with CVSS,"
                    + " KEV, EPSS and status."));
    line("");
  }

  private void latencies(Setup s, Map<ServerRequests.Mix, List<ServerLoadClient.Period>> phases) {
    line("## Inventory API and device page, " + s.clients() + " concurrent clients on loopback");
    line("");
    line(
        "Closed loop, as wrk runs: each client has its own API token and kept-alive connection and"
            + " sends its next request as soon as the last one answered, with no pause; so the"
            + " response times include queueing for the machine's two processors. "
            + phases.size()
            + (phases.size() == 1 ? " phase" : " phases")
            + " (of "
            + ServerRequests.Mix.values().length
            + "), each with a "
            + s.warmupSeconds()
            + " s warm-up (not recorded) and "
            + phases.values().iterator().next().size()
            + " rounds of "
            + s.roundSeconds()
            + " s. The phases: the inventory searches (list requests, a third of them read on for up to 3"
            + " pages by cursor); one device through the inventory API (its detail with evidence"
            + " half the time, else its peers or its findings); the console's device page (HTML)."
            + " Devices are picked at random. Percentiles are exact (nearest rank) over every"
            + " request of the rounds.");
    line("");
    line("| request | requests | failed | p50 ms | p95 ms | p99 ms | max ms |");
    line("|---|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<ServerRequests.Mix, List<ServerLoadClient.Period>> e : phases.entrySet()) {
      ServerLatencies all = pooled(e.getValue());
      for (String kind : ServerRequests.kinds()) {
        if (all.kinds().contains(kind)) {
          row(all.summary(kind, kind::equals));
        }
      }
      row(all.summary("**" + phaseName(e.getKey()) + ": all**", k -> true));
    }
    line("");
    for (Map.Entry<ServerRequests.Mix, List<ServerLoadClient.Period>> e : phases.entrySet()) {
      List<ServerLoadClient.Period> rounds = e.getValue();
      String perRound =
          rounds.stream()
              .map(
                  p ->
                      Format.count(p.requestsPerSecond())
                          + " req/s, p95 "
                          + ms(p.latencies().summary("", k -> true).p95())
                          + " ms, others "
                          + percent(p.cpu().others() / p.cpu().machineTotal()))
              .collect(Collectors.joining("; "));
      line(
          "- "
              + phaseName(e.getKey())
              + ": median "
              + Format.count(
                  Stats.median(
                      rounds.stream().map(ServerLoadClient.Period::requestsPerSecond).toList()))
              + " requests/s; CPU per request (median of the rounds): server JVM "
              + cpuMs(rounds, 0)
              + " ms, PostgreSQL "
              + cpuMs(rounds, 1)
              + " ms, load client "
              + cpuMs(rounds, 2)
              + " ms. Rounds: "
              + perRound
              + " (\"others\": the machine's busy time used by other processes).");
      ServerLatencies all = pooled(rounds);
      if (all.errorCount() > 0) {
        line("  Failures (first few): " + String.join("; ", all.errorSamples()));
      }
    }
    line("");
  }

  private static String cpuMs(List<ServerLoadClient.Period> rounds, int which) {
    return String.format(
        Locale.ROOT,
        "%.2f",
        Stats.median(rounds.stream().map(p -> p.cpuMillisPerRequest()[which]).toList()));
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : Math.round(100 * share) + "%";
  }

  static String phaseName(ServerRequests.Mix mix) {
    return switch (mix) {
      case INVENTORY -> "inventory searches";
      case DEVICE_API -> "device API";
      case DEVICE_PAGE -> "console device page";
    };
  }

  private void row(ServerLatencies.Summary s) {
    line(
        "| "
            + s.label()
            + " | "
            + Format.count(s.count())
            + " | "
            + s.errors()
            + " | "
            + ms(s.p50())
            + " | "
            + ms(s.p95())
            + " | "
            + ms(s.p99())
            + " | "
            + ms(s.max())
            + " |");
  }

  private void ingest(ServerIngestBench.Result i) {
    CaptureFile c = i.capture();
    line("## Ingest: `ward analyze` vs the server into PostgreSQL, same capture");
    line("");
    line(
        "Capture: "
            + Format.count(c.packets())
            + " packets, "
            + Format.oneDecimal(c.bytes() / 1e6)
            + " MB ("
            + c.origin()
            + "). "
            + i.analyze().size()
            + " interleaved runs of each side, the starting side alternating. Each server runs"
            + " in a fresh JVM on a fresh schema and first ingests, untimed, a warm-up capture of"
            + " other devices ("
            + Format.count(i.warmup().packets())
            + " packets, "
            + i.warmup().origin()
            + "), as a running server has long loaded its fingerprints and compiled its hot"
            + " code; `ward analyze` is timed as a user runs it, JVM start included.");
    line("");
    line("| side | what is timed | runs (s) | median s | packets/s | CPU s | peak RSS MiB |");
    line("|---|---|---|---:|---:|---:|---:|");
    List<Double> analyzeSeconds = i.analyze().stream().map(RunResult::seconds).toList();
    line(
        "| `ward analyze` | whole process, JVM start included | "
            + list(analyzeSeconds)
            + " | "
            + Format.seconds(Stats.median(analyzeSeconds))
            + " | "
            + Format.count(i.analyzePacketsPerSecond())
            + " | "
            + Format.seconds(Stats.median(i.analyze().stream().map(RunResult::cpuSeconds).toList()))
            + " | "
            + Format.oneDecimal(
                Stats.median(i.analyze().stream().map(r -> r.peakRssKibibytes() / 1024.0).toList()))
            + " |");
    line(
        "| server ingest | submit (file hashed, job queued) to job finished: analysis, storage,"
            + " exposure assessment | "
            + list(i.ingestSeconds())
            + " | "
            + Format.seconds(Stats.median(i.ingestSeconds()))
            + " | "
            + Format.count(i.serverPacketsPerSecond())
            + " | "
            + Format.seconds(Stats.median(i.server().stream().map(RunResult::cpuSeconds).toList()))
            + " (whole process) | "
            + Format.oneDecimal(
                Stats.median(i.server().stream().map(r -> r.peakRssKibibytes() / 1024.0).toList()))
            + " |");
    line("");
    line(
        "Server throughput / `ward analyze` throughput: **"
            + Format.ratio(i.ratio())
            + "**. The server process (start, Flyway on a fresh schema, ingest, stop) took "
            + list(i.server().stream().map(RunResult::seconds).toList())
            + " s; the job itself (started to finished) "
            + list(i.jobSeconds())
            + " s. Last job: "
            + i.message()
            + ".");
    line("");
    line("- `ward analyze`: `" + String.join(" ", i.analyzeCommand()) + "`");
    line("- server: `" + String.join(" ", i.serverCommandLine()) + "`");
    line("");
  }

  private void checks(List<Check> checks) {
    line("## Targets (issue 4 §8)");
    line("");
    line(
        "The issue's targets, stricter ones of ours judged the same way, and goals of our own"
            + " marked \"own goal\" (beyond the issue; missing one does not fail the run).");
    line("");
    line("| target | figures | measured | goal | met |");
    line("|---|---|---:|---:|---|");
    for (Check c : checks) {
      line(
          "| "
              + c.name()
              + " | "
              + c.figures()
              + " | "
              + c.measured()
              + " | "
              + c.goal()
              + " | "
              + (c.ownGoal()
                  ? (c.met() ? "yes (own goal)" : "no (own goal)")
                  : c.met() ? "yes" : "**no**")
              + " |");
    }
    line("");
  }

  private static String list(List<Double> seconds) {
    return seconds.stream().map(Format::seconds).collect(Collectors.joining(", "));
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
