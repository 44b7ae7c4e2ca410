package io.ward.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end capture benchmark of issue 2 §8: simulates a hospital capture, then times whole
 * processes of Ward and its peers (tshark, ndpiReader) on the same file, interleaved run by run,
 * and prints medians, packets/s, MB/s, peak RSS and Ward's ratios against the targets. Run
 * it with {@code bench/capture-bench.sh}.
 */
@Command(
    name = "capture-bench.sh",
    mixinStandardHelpOptions = true,
    description = "Times Ward against tshark and ndpiReader on a simulated hospital capture.")
public final class CaptureBenchmark implements Callable<Integer> {
  /** For option errors reported as picocli reports its own: the message and the usage. */
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final long DEFAULT_PACKETS = 1_500_000;
  private static final long SMALL_PACKETS = 100_000;
  private static final int PROFILE_TOP = 25;

  /** Seeds the shuffled order of each round (any fixed number: reruns keep their order). */
  private static final long ROUND_SEED = 2;

  /** JFR's execution sampling period in the profiled runs (see {@link #profile}). */
  private static final String SAMPLING_PERIOD = "jdk.ExecutionSample#period=1ms";

  /** The Ward processes profiled after the timed runs. */
  private static final Set<String> PROFILED =
      Set.of(Contenders.WARD_FULL, Contenders.WARD_DECODE_ONLY);

  @Option(
      names = "--packets",
      paramLabel = "N",
      description = "minimum packets in the capture (default 1,500,000 as the issue asks)")
  Optional<Long> packets = Optional.empty();

  @Option(names = "--small", description = "a quick check: 100,000 packets unless --packets says")
  boolean small;

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "1000",
      description = "simulated devices (default: ${DEFAULT-VALUE}); minutes follow from --packets")
  int devices;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "simulator seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "3",
      description = "interleaved runs of each process, at least 3 (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--reuse-captures",
      description = "keep captures made earlier with the same devices, minutes and seed")
  boolean reuseCaptures;

  @Option(
      names = "--no-profile",
      description = "skip the extra JFR-profiled runs of ward-full and ward-decode-only")
  boolean noProfile;

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "time only these processes (ids as in the report); default all")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--ward-jar",
      paramLabel = "JAR",
      defaultValue = "bench/target/capture-bench/ward.jar",
      description =
          "the runnable Ward jar (default: ${DEFAULT-VALUE}, the script's copy of"
              + " cli/target/ward.jar, so that a rebuild during the benchmark changes nothing)")
  Path wardJar;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "bench/target/capture-bench",
      description = "captures, logs and recordings (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      defaultValue = "bench/target/capture-bench.md",
      description = "the Markdown report (default: ${DEFAULT-VALUE})")
  Path report;

  @Option(
      names = "--gnu-time",
      paramLabel = "PATH",
      defaultValue = "/usr/bin/time",
      description = "GNU time, for peak RSS (default: ${DEFAULT-VALUE})")
  Path gnuTime;

  private final List<String> args;
  private final ByteBuffer warmBuffer = ByteBuffer.allocateDirect(1 << 20);
  private final PrintStream log = System.err;

  private CaptureBenchmark(List<String> args) {
    this.args = List.copyOf(args);
  }

  /** Runs the benchmark; see {@code bench/README.md}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new CaptureBenchmark(List.of(args))).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (runs < 3) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--runs must be at least 3: the report gives medians");
    }
    try {
      String markdown = benchmark();
      System.out.print(markdown);
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, markdown, StandardCharsets.UTF_8);
      log.println("bench: report written to " + report);
      return 0;
    } catch (BenchmarkException e) {
      log.println("bench: " + e.getMessage());
      return 1;
    }
  }

  private String benchmark() throws IOException, InterruptedException, BenchmarkException {
    String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    // The tree as it was when the script built the jar, just before: asked at the end, an edit
    // made while the runs went on marked the report "with uncommitted changes" it was not built
    // with.
    String revision = wardRevision();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    requireFile(wardJar, "build it with bench/capture-bench.sh or ./ward");
    requireFile(gnuTime, "install GNU time (Debian package time)");
    long wanted = packets.orElse(small ? SMALL_PACKETS : DEFAULT_PACKETS);
    List<CaptureFile> captures =
        new CaptureMaker(work.resolve("captures"), devices, seed, reuseCaptures, log).make(wanted);
    for (CaptureFile capture : captures) {
      warmPageCache(capture);
    }
    List<Contender> contenders =
        Contenders.all(
                java, wardJar, captures.get(0), captures.get(1), captures.get(2), captures.get(3))
            .stream()
            .filter(c -> only.isEmpty() || only.contains(c.id()))
            .toList();
    MachineInfo machine = MachineInfo.probe(java);
    String loadBefore = MachineInfo.loadAverage();
    List<Measurement> measurements = time(contenders);
    String loadAfter = MachineInfo.loadAverage();
    Optional<PhaseSplit> phases = phases(contenders);
    List<ProfiledRun> profiles = noProfile ? List.of() : profiles(contenders);
    Map<String, Measurement> byId = new LinkedHashMap<>();
    measurements.forEach(m -> byId.put(m.contender().id(), m));
    RunContext context =
        new RunContext(command(), started, runs, machine, loadBefore, loadAfter, revision);
    return MarkdownReport.render(
        context,
        captures,
        measurements,
        Targets.evaluate(byId),
        Targets.ceilings(byId),
        Targets.laterRate(byId),
        phases.map(p -> new Targets.TwoCoreBound(p, machine.processors(), byId)),
        profiles);
  }

  /**
   * Runs every contender once per round, in an order shuffled afresh each round (seeded by the
   * round, so a rerun keeps it), so that no tool always follows the same neighbour. A rotation did
   * not do that: it kept every neighbour, and the pcapng run, always right after the 2× capture's
   * 9-second run, came out 0.81× of the pcap run when the two alone, alternated, gave 0.95×.
   */
  private List<Measurement> time(List<Contender> contenders)
      throws IOException, InterruptedException, BenchmarkException {
    ProcessTimer timer = new ProcessTimer(gnuTime, work.resolve("logs"));
    Map<Contender, List<RunResult>> results = new LinkedHashMap<>();
    contenders.forEach(c -> results.put(c, new ArrayList<>()));
    for (int round = 0; round < runs; round++) {
      for (int i : roundOrder(contenders.size(), round)) {
        Contender c = contenders.get(i);
        warmPageCache(c.input());
        RunResult r = timer.run(c, c.id() + "-run" + (round + 1));
        results.get(c).add(r);
        log.printf(
            "bench: run %d/%d %-24s %8.2f s (CPU %6.2f s) %,10d packets/s %8.1f MiB  (load %s)%n",
            round + 1,
            runs,
            c.id(),
            r.seconds(),
            r.cpuSeconds(),
            Math.round(c.input().packets() / r.seconds()),
            r.peakRssKibibytes() / 1024.0,
            MachineInfo.loadAverage());
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    results.forEach((c, rs) -> measurements.add(new Measurement(c, rs)));
    return List.copyOf(measurements);
  }

  /** The order of {@code n} contenders in round {@code round}: a seeded shuffle. */
  static List<Integer> roundOrder(int n, int round) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, new Random(ROUND_SEED + round));
    return order;
  }

  /** Untimed runs of the one-worker full analysis with {@code --timings}: the median is kept. */
  private static final int PHASE_RUNS = 3;

  /**
   * Extra runs of the one-worker full analysis with {@code --timings}, split into their phases; the
   * run of median length, or empty when that contender is not run or printed no timings.
   */
  private Optional<PhaseSplit> phases(List<Contender> contenders)
      throws IOException, InterruptedException, BenchmarkException {
    Optional<Contender> full =
        contenders.stream().filter(c -> c.id().equals(Contenders.WARD_FULL)).findFirst();
    if (full.isEmpty()) {
      return Optional.empty();
    }
    int afterAnalyze = full.get().command().indexOf("analyze") + 1;
    Path logs = work.resolve("logs");
    ProcessTimer timer = new ProcessTimer(gnuTime, logs);
    List<PhaseSplit> splits = new ArrayList<>();
    for (int i = 1; i <= PHASE_RUNS; i++) {
      Contender timed =
          full.get().withArgument(afterAnalyze, "--timings", "-timings-" + i, ", with --timings");
      log.println("bench: timing the phases of " + Contenders.WARD_FULL + " (--timings), " + i);
      warmPageCache(timed.input());
      RunResult run = timer.run(timed, timed.id());
      Path stderr = logs.resolve(timed.id() + ".stderr");
      Optional<PhaseSplit> split =
          PhaseSplit.parse(Files.readString(stderr, StandardCharsets.UTF_8), run.seconds());
      if (split.isEmpty()) {
        log.println("bench: no phase timings in " + stderr);
        return Optional.empty();
      }
      splits.add(split.get());
    }
    return Optional.of(PhaseSplit.median(splits));
  }

  /** One extra, untimed run of each profiled Ward contender under JFR. */
  private List<ProfiledRun> profiles(List<Contender> contenders)
      throws IOException, InterruptedException, BenchmarkException {
    List<ProfiledRun> profiles = new ArrayList<>();
    for (Contender c : contenders) {
      if (PROFILED.contains(c.id())) {
        profiles.add(profile(c));
      }
    }
    return List.copyOf(profiles);
  }

  private ProfiledRun profile(Contender contender)
      throws IOException, InterruptedException, BenchmarkException {
    Path recording = work.resolve(contender.id() + ".jfr").toAbsolutePath();
    Files.deleteIfExists(recording);
    log.println("bench: profiling " + contender.id() + " with JFR into " + recording);
    // Right after the java launcher, before -jar. Sampled every millisecond, not the profile
    // setting's 10 ms: JFR fails to walk most stacks that end in code of the C1-only JIT the
    // analysis runs with, so at 10 ms a 3-second analysis gave about 40 samples (a few hundred at 1
    // ms; with C2 about 190 and 1,900, but that would profile another compiler's code).
    Contender profiled =
        contender.withArgument(
            1,
            "-XX:StartFlightRecording=filename="
                + recording
                + ",settings=profile,"
                + SAMPLING_PERIOD,
            "-jfr",
            ", under JFR");
    new ProcessTimer(gnuTime, work.resolve("logs")).run(profiled, profiled.id());
    return new ProfiledRun(
        contender.id(), profiled.command(), HotSpots.read(recording, PROFILE_TOP));
  }

  private static String wardRevision() throws InterruptedException {
    return ShortCommand.lines(List.of("git", "describe", "--always", "--dirty")).stream()
        .findFirst()
        .orElse("unknown");
  }

  private String command() {
    List<String> parts = new ArrayList<>();
    parts.add("bench/capture-bench.sh");
    parts.addAll(args);
    return String.join(" ", parts);
  }

  private static void requireFile(Path file, String hint) throws BenchmarkException {
    if (!Files.isRegularFile(file)) {
      throw new BenchmarkException(file + " is missing; " + hint);
    }
  }

  /**
   * Reads the whole file so that the next tool reads it from the page cache. Done once after the
   * captures are made and again before every timed run: on this shared machine the page cache was
   * seen to shrink between runs (2.2 GB of cached files down to 1.7 GB with 21 GB free), so the
   * file a tool had not read lately could come partly from disk.
   */
  private void warmPageCache(CaptureFile capture) throws IOException {
    ByteBuffer buffer = warmBuffer;
    try (FileChannel in = FileChannel.open(capture.path(), StandardOpenOption.READ)) {
      while (in.read(buffer) >= 0) {
        buffer.clear();
      }
    }
  }
}
