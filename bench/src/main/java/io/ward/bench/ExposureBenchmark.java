package io.ward.bench;

import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.match.FleetMatch;
import io.ward.exposure.match.IncrementalMatcher;
import io.ward.exposure.match.MatchIndex;
import io.ward.exposure.match.ReferenceMatcher;
import io.ward.exposure.match.VendorAliases;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The exposure matching benchmark of issue 3 §8: a seeded NVD-scale synthetic corpus plus the real
 * advisories of {@code $WARD_TESTDATA}, 100k devices with about 30 components each; times the index
 * build, the full re-match, one new advisory and one new device applied incrementally, the heap;
 * and in the same run holds the index to the nested-loop {@link ReferenceMatcher} on 1k devices ×
 * 10k advisories (identical findings or it fails) and prints the speed ratio. Run it with {@code
 * bench/exposure-bench.sh}.
 */
@Command(
    name = "exposure-bench.sh",
    mixinStandardHelpOptions = true,
    description = "Times Ward's advisory matching at NVD scale against the issue's targets.")
public final class ExposureBenchmark implements Callable<Integer> {

  @Option(names = "--small", description = "a quick check: 3,000 advisories, 1,000 devices")
  boolean small;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "corpus seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--advisories", paramLabel = "N", description = "synthetic advisories")
  Integer advisories;

  @Option(names = "--devices", paramLabel = "N", description = "devices")
  Integer devices;

  @Option(
      names = "--guard-devices",
      defaultValue = "1000",
      description = "devices of the nested-loop guard (default ${DEFAULT-VALUE})")
  int guardDevices;

  @Option(
      names = "--guard-advisories",
      defaultValue = "10000",
      description = "advisories of the nested-loop guard (default ${DEFAULT-VALUE})")
  int guardAdvisories;

  @Option(
      names = "--rematches",
      defaultValue = "5",
      description = "full re-match repetitions (default ${DEFAULT-VALUE})")
  int rematches;

  @Option(names = "--no-guard", description = "skip the nested-loop guard")
  boolean noGuard;

  @Option(
      names = "--guard-only",
      description =
          "generate the corpus and run only the nested-loop guard (a quick look at the ratios)")
  boolean guardOnly;

  @Option(
      names = "--build-only",
      hidden = true,
      description =
          "generate the corpus, build the index once and print its figures (the 2 GB run)")
  boolean buildOnly;

  @Option(
      names = "--small-heap",
      defaultValue = "2g",
      description =
          "heap of the separate index build run (default ${DEFAULT-VALUE}; 'none' skips it)")
  String smallHeap;

  @Option(
      names = "--report",
      defaultValue = "bench/target/exposure-bench.md",
      description = "where the Markdown report goes (default ${DEFAULT-VALUE})")
  Path report;

  /** Ward's runs on the guard's devices; the median is compared with the nested loop's one run. */
  private static final int GUARD_RUNS = 15;

  /** Runs that also compile the SBOM catalog and the JIT's code, left out of the CPU mean. */
  private static final int GUARD_WARM_UP = 3;

  private final PrintStream log = System.err;

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ExposureBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    ExposureCorpus.Settings base =
        small ? ExposureCorpus.Settings.small(seed) : ExposureCorpus.Settings.issue(seed);
    ExposureCorpus.Settings settings =
        new ExposureCorpus.Settings(
            seed,
            advisories != null ? advisories : base.advisories(),
            devices != null ? devices : base.devices(),
            base.deviceModels(),
            base.softwareProducts(),
            base.componentsPerSbom(),
            base.extraAdvisories(),
            base.extraDevices());
    ExposureReportTable table = new ExposureReportTable(load());
    VendorAliases aliases = VendorAliases.defaults();

    // ---- corpus ---------------------------------------------------------------------------------
    long t0 = System.nanoTime();
    ExposureCorpus.Corpus corpus = ExposureCorpus.generate(settings);
    List<Advisory> real = realAdvisories();
    List<Advisory> all = new ArrayList<>(corpus.advisories().size() + real.size());
    all.addAll(corpus.advisories());
    all.addAll(real);
    long statements = all.stream().mapToLong(a -> a.products().size()).sum();
    log.printf(
        Locale.ROOT,
        "corpus: %,d advisories (%,d real), %,d statements, %,d SBOMs, %,d devices in %.1f s%n",
        all.size(),
        real.size(),
        statements,
        corpus.sboms().size(),
        corpus.devices().size(),
        seconds(System.nanoTime() - t0));
    if (buildOnly) {
      return buildOnly(all);
    }
    if (guardOnly) {
      guard(corpus, all, aliases, table);
      System.out.println(table.render(settings, reproduceCommand(), revision(), load()));
      return table.allMustsMet() ? 0 : 1;
    }
    long storeLive = ExposureHeap.live();
    table.corpus(all.size(), real.size(), statements, corpus, storeLive);
    if (!smallHeap.equals("none")) {
      smallHeapBuild(table);
    }

    // ---- index build ----------------------------------------------------------------------------
    MatchIndex index;
    try (ExposureHeap heap = new ExposureHeap()) {
      heap.resetPeak();
      long c0 = cpu();
      long b0 = System.nanoTime();
      index = MatchIndex.build(all, aliases);
      long build = System.nanoTime() - b0;
      long buildCpu = cpu() - c0;
      long peak = heap.peak();
      long withIndex = ExposureHeap.live();
      log.printf(
          Locale.ROOT,
          "index: %.2f s, %,d identities, %,d bound versions, peak heap %s, index %s%n",
          seconds(build),
          index.identities(),
          index.boundVersions(),
          mib(peak),
          mib(withIndex - storeLive));
      table.build(build, buildCpu, peak, withIndex - storeLive, withIndex, index);
    }
    // A second build on a warm JVM, for the record (the first is the one judged).
    {
      index = null;
      ExposureHeap.live();
      long b0 = System.nanoTime();
      index = MatchIndex.build(all, aliases);
      table.warmBuild(System.nanoTime() - b0);
    }

    // ---- full re-match --------------------------------------------------------------------------
    long[] times = new long[Math.max(1, rematches)];
    long[] cpus = new long[times.length];
    FleetMatch fleet = null;
    for (int i = 0; i < times.length; i++) {
      fleet = null;
      long c0 = cpu();
      long m0 = System.nanoTime();
      fleet = index.matchAll(corpus.devices(), corpus.sboms());
      times[i] = System.nanoTime() - m0;
      cpus[i] = cpu() - c0;
      log.printf(
          Locale.ROOT,
          "full re-match %d: %.3f s (CPU %.3f s, load %s)%n",
          i + 1,
          seconds(times[i]),
          seconds(cpus[i]),
          load());
    }
    FleetMatch.Statistics st = fleet.statistics();
    log.printf(
        Locale.ROOT,
        "fleet: %s; findings %,d (affected %,d, possibly %,d, not affected %,d)%n",
        st,
        fleet.findingCount(),
        fleet.findingCount(FindingStatus.AFFECTED),
        fleet.findingCount(FindingStatus.POSSIBLY_AFFECTED),
        fleet.findingCount(FindingStatus.NOT_AFFECTED));
    long mat = materialize(fleet, corpus.devices(), 1000);
    long matAgain = materialize(fleet, corpus.devices(), 1000);
    table.rematch(times, cpus, st, fleet, mat, matAgain);
    fleet = null;

    // ---- incremental ----------------------------------------------------------------------------
    IncrementalMatcher inc = new IncrementalMatcher(index, corpus.sboms());
    long i0 = System.nanoTime();
    inc.addDevices(corpus.devices());
    long loaded = System.nanoTime() - i0;
    long[] perAdvisory = new long[corpus.extraAdvisories().size()];
    int rematchedSubjects = 0;
    for (int i = 0; i < perAdvisory.length; i++) {
      long a0 = System.nanoTime();
      rematchedSubjects += inc.addAdvisoryCounting(corpus.extraAdvisories().get(i));
      perAdvisory[i] = System.nanoTime() - a0;
    }
    long[] perDevice = new long[corpus.extraDevices().size()];
    long newFindings = 0;
    for (int i = 0; i < perDevice.length; i++) {
      long d0 = System.nanoTime();
      newFindings += inc.addDeviceCounting(corpus.extraDevices().get(i));
      perDevice[i] = System.nanoTime() - d0;
    }
    log.printf(
        Locale.ROOT,
        "incremental: load %.2f s; new advisory median %.3f ms; new device median %.3f ms%n",
        seconds(loaded),
        median(perAdvisory) / 1e6,
        median(perDevice) / 1e6);
    // The incremental findings must be a full re-match's: check a sample against a fresh index.
    List<Device> sample = sampleDevices(corpus, 300);
    Map<String, List<Finding>> incremental = new HashMap<>();
    for (Device d : sample) {
      incremental.put(d.id(), inc.findingsOf(d.id()));
    }
    inc = null;
    index = null;
    List<Advisory> everything = new ArrayList<>(all);
    everything.addAll(corpus.extraAdvisories());
    List<Device> fleetAfter = new ArrayList<>(corpus.devices());
    fleetAfter.addAll(corpus.extraDevices());
    MatchIndex fresh = MatchIndex.build(everything, aliases);
    FleetMatch full = fresh.matchAll(fleetAfter, corpus.sboms());
    int differing = 0;
    for (Device d : sample) {
      if (!incremental.get(d.id()).equals(full.findingsOf(d.id()))) {
        differing++;
      }
    }
    if (differing > 0) {
      throw new IllegalStateException(
          differing + " of " + sample.size() + " devices differ between incremental and full");
    }
    table.incremental(
        loaded, perAdvisory, rematchedSubjects, perDevice, newFindings, sample.size());
    fresh = null;
    full = null;

    // ---- nested-loop guard ----------------------------------------------------------------------
    if (!noGuard) {
      guard(corpus, all, aliases, table);
    }

    String md = table.render(settings, reproduceCommand(), revision(), load());
    System.out.println(md);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, md, StandardCharsets.UTF_8);
    log.println("report written to " + report);
    return table.allMustsMet() ? 0 : 1;
  }

  /** The child run: one cold build, its time, CPU and the live heap after it, on stdout. */
  private int buildOnly(List<Advisory> all) {
    long storeLive = ExposureHeap.live();
    long c0 = cpu();
    long w0 = System.nanoTime();
    MatchIndex index = MatchIndex.build(all, VendorAliases.defaults());
    long wall = System.nanoTime() - w0;
    long cpuTime = cpu() - c0;
    long live = ExposureHeap.live();
    System.out.printf(
        Locale.ROOT,
        "BUILD-ONLY wall=%d cpu=%d store=%d live=%d max=%d statements=%d%n",
        wall,
        cpuTime,
        storeLive,
        live,
        ExposureHeap.max(),
        index.size());
    return 0;
  }

  /**
   * The index build again, in a separate JVM limited to a small heap ({@code -Xmx2g}): the same
   * seeded corpus is generated there and the index built once; it must fit.
   */
  private void smallHeapBuild(ExposureReportTable table) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + smallHeap);
    cmd.add("-XX:+UseG1GC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ExposureBenchmark.class.getName());
    cmd.add("--build-only");
    cmd.add("--seed");
    cmd.add(Long.toString(seed));
    if (small) {
      cmd.add("--small");
    }
    if (advisories != null) {
      cmd.add("--advisories");
      cmd.add(advisories.toString());
    }
    if (devices != null) {
      cmd.add("--devices");
      cmd.add(devices.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit;
    try {
      exit = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the small-heap build", e);
    }
    String line = out.lines().filter(l -> l.startsWith("BUILD-ONLY ")).findFirst().orElse("");
    if (exit != 0 || line.isEmpty()) {
      table.smallHeapFailed(smallHeap, exit);
      log.println("small-heap build failed (exit " + exit + ")");
      return;
    }
    Map<String, Long> v = new HashMap<>();
    for (String kv : line.substring("BUILD-ONLY ".length()).split(" ")) {
      String[] parts = kv.split("=");
      v.put(parts[0], Long.parseLong(parts[1]));
    }
    log.printf(
        Locale.ROOT,
        "index in -Xmx%s: %.2f s (CPU %.2f s), live heap after %s%n",
        smallHeap,
        seconds(v.get("wall")),
        seconds(v.get("cpu")),
        mib(v.get("live")));
    table.smallHeap(
        smallHeap, v.get("wall"), v.get("cpu"), v.get("store"), v.get("live"), v.get("max"));
  }

  private void guard(
      ExposureCorpus.Corpus corpus,
      List<Advisory> all,
      VendorAliases aliases,
      ExposureReportTable table) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 1);
    List<Advisory> advisorySample = sample(all, Math.min(guardAdvisories, all.size()), rnd);
    List<Device> deviceSample =
        sample(corpus.devices(), Math.min(guardDevices, corpus.devices().size()), rnd);
    long r0 = System.nanoTime();
    ReferenceMatcher reference = new ReferenceMatcher(advisorySample, aliases);
    long referenceBuild = System.nanoTime() - r0;
    // Each side starts on a collected heap: the garbage of earlier phases is not charged to it.
    System.gc();
    long rc0 = cpu();
    r0 = System.nanoTime();
    List<List<Finding>> expected =
        IntStream.range(0, deviceSample.size())
            .parallel()
            .mapToObj(i -> reference.match(deviceSample.get(i), corpus.sboms()))
            .toList();
    long referenceMatch = System.nanoTime() - r0;
    long referenceCpu = cpu() - rc0;
    long w0 = System.nanoTime();
    MatchIndex small = MatchIndex.build(advisorySample, aliases);
    long wardBuild = System.nanoTime() - w0;
    // Several runs, the median judged: the first ones also pay for the JIT on these code paths.
    long[] compactRuns = new long[GUARD_RUNS];
    long[] fullRuns = new long[GUARD_RUNS];
    long warmCpu = 0;
    List<List<Finding>> actual = null;
    for (int run = 0; run < GUARD_RUNS; run++) {
      actual = null;
      System.gc();
      long c0 = cpu();
      long m0 = System.nanoTime();
      FleetMatch fm = small.matchAll(deviceSample, corpus.sboms());
      compactRuns[run] = System.nanoTime() - m0;
      actual =
          IntStream.range(0, deviceSample.size())
              .parallel()
              .mapToObj(i -> fm.findingsOf(deviceSample.get(i).id()))
              .toList();
      fullRuns[run] = System.nanoTime() - m0;
      if (run >= GUARD_WARM_UP) {
        warmCpu += cpu() - c0;
      }
    }
    // The process's CPU time ticks coarsely (10 ms): Ward's is the mean over the warm runs.
    long wardFullCpu = warmCpu / (GUARD_RUNS - GUARD_WARM_UP);
    long wardCompact = (long) median(compactRuns);
    long wardFull = (long) median(fullRuns);
    long findings = 0;
    int devicesWithFindings = 0;
    for (int i = 0; i < deviceSample.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        throw new IllegalStateException(
            "GUARD FAILED: device "
                + deviceSample.get(i).id()
                + ": nested loop gives "
                + expected.get(i).size()
                + " findings, the index "
                + actual.get(i).size()
                + "\n  first expected: "
                + expected.get(i).stream().limit(3).toList()
                + "\n  first actual:   "
                + actual.get(i).stream().limit(3).toList());
      }
      findings += expected.get(i).size();
      devicesWithFindings += expected.get(i).isEmpty() ? 0 : 1;
    }
    long statements = advisorySample.stream().mapToLong(a -> a.products().size()).sum();
    log.printf(
        Locale.ROOT,
        "guard: identical findings (%,d on %,d devices); nested loop %.1f s (CPU %.1f s), Ward"
            + " %.4f s (%.4f s with records, CPU %.3f s): %.0f× (%.0f× with records; CPU %.0f×)%n",
        findings,
        devicesWithFindings,
        seconds(referenceMatch),
        seconds(referenceCpu),
        seconds(wardCompact),
        seconds(wardFull),
        seconds(wardFullCpu),
        (double) referenceMatch / wardCompact,
        (double) referenceMatch / wardFull,
        (double) referenceCpu / Math.max(1, wardFullCpu));
    table.guard(
        deviceSample.size(),
        advisorySample.size(),
        statements,
        findings,
        devicesWithFindings,
        referenceBuild,
        referenceMatch,
        wardBuild,
        wardCompact,
        wardFull,
        referenceCpu,
        wardFullCpu);
  }

  private static <T> List<T> sample(List<T> from, int n, SplittableRandom rnd) {
    int[] idx = IntStream.range(0, from.size()).toArray();
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] chosen = Arrays.copyOf(idx, n);
    Arrays.sort(chosen);
    List<T> out = new ArrayList<>(n);
    for (int i : chosen) {
      out.add(from.get(i));
    }
    return out;
  }

  private List<Device> sampleDevices(ExposureCorpus.Corpus corpus, int n) {
    List<Device> out =
        new ArrayList<>(
            sample(
                corpus.devices(),
                Math.min(n, corpus.devices().size()),
                new SplittableRandom(seed)));
    out.addAll(corpus.extraDevices());
    return out;
  }

  /**
   * Nanoseconds to build the Finding records of {@code n} devices, in one thread, from a collected
   * heap (the re-match's garbage is not charged to it).
   */
  private long materialize(FleetMatch fleet, List<Device> devices, int n) {
    System.gc();
    long t0 = System.nanoTime();
    long count = 0;
    for (int i = 0; i < Math.min(n, devices.size()); i++) {
      count += fleet.findingsOf(devices.get(i).id()).size();
    }
    long t = System.nanoTime() - t0;
    log.printf(
        Locale.ROOT,
        "records: %,d findings of %d devices built in %.1f ms%n",
        count,
        Math.min(n, devices.size()),
        t / 1e6);
    return t;
  }

  private static List<Advisory> realAdvisories() {
    Path data = ExposureReportTable.testData().resolve("advisories");
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(LocalDate.of(2025, 1, 1)).withFeeds(data));
    return k.advisories();
  }

  private String reproduceCommand() {
    StringBuilder sb = new StringBuilder("bench/exposure-bench.sh");
    if (small) {
      sb.append(" --small");
    }
    sb.append(" --seed ").append(seed);
    if (advisories != null) {
      sb.append(" --advisories ").append(advisories);
    }
    if (devices != null) {
      sb.append(" --devices ").append(devices);
    }
    if (noGuard) {
      sb.append(" --no-guard");
    }
    if (guardOnly) {
      sb.append(" --guard-only");
    }
    return sb.toString();
  }

  private static String revision() {
    try {
      Process p =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** CPU time of the whole process (all threads, JIT and GC included), in nanoseconds. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The 1, 5 and 15 minute load averages. */
  static String load() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
      return p[0] + " " + p[1] + " " + p[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
  }

  static double median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s.length == 0
        ? 0
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  static long percentile(long[] values, double p) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
  }

  static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
