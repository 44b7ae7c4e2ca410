package io.ward.bench;

import io.ward.exposure.match.FleetMatch;
import io.ward.exposure.match.MatchIndex;
import io.ward.model.exposure.FindingStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The exposure benchmark's figures and their Markdown report with the targets. */
final class ExposureReportTable {

  private static final double GIB = 1024.0 * 1024 * 1024;

  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private boolean mustsMet = true;
  private final String loadAtStart;

  ExposureReportTable(String loadAtStart) {
    this.loadAtStart = loadAtStart;
  }

  /** The test data directory ({@code $WARD_TESTDATA}, else {@code ../shared/data}). */
  static Path testData() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null ? Path.of(env) : Path.of("../shared/data");
  }

  void corpus(
      int advisories, int real, long statements, ExposureCorpus.Corpus corpus, long storeLive) {
    long components = corpus.sboms().stream().mapToLong(s -> s.components().size()).sum();
    notes.add(
        String.format(
            Locale.ROOT,
            "Corpus: %,d advisories (%,d synthetic NVD/CSAF-style + %,d real from $WARD_TESTDATA)"
                + " with %,d version statements; %,d SBOMs (%,d component entries); %,d devices;"
                + " live heap of this parsed store %s.",
            advisories,
            advisories - real,
            real,
            statements,
            corpus.sboms().size(),
            components,
            corpus.devices().size(),
            ExposureBenchmark.mib(storeLive)));
  }

  void build(
      long nanos, long cpuNanos, long peak, long indexBytes, long liveTotal, MatchIndex index) {
    double s = ExposureBenchmark.seconds(nanos);
    row(
        "Index build from the parsed store (first build, cold JVM)",
        "≤ 10 s",
        "",
        f2(s) + " s (CPU " + f2(ExposureBenchmark.seconds(cpuNanos)) + " s)",
        s <= 10,
        true);
    row(
        "Peak heap during the build (store + index + garbage, at GC)",
        "≤ 2 GB",
        "",
        gib(peak),
        peak <= 2 * GIB,
        true);
    row("Live heap of the index alone", "", "", ExposureBenchmark.mib(indexBytes), true, false);
    notes.add(
        String.format(
            Locale.ROOT,
            "Index: %,d statements in %,d product identities, %,d distinct range-bound versions;"
                + " live heap store + index %s.",
            index.size(),
            index.identities(),
            index.boundVersions(),
            ExposureBenchmark.mib(liveTotal)));
  }

  void smallHeap(String heap, long wall, long cpu, long store, long live, long max) {
    double s = ExposureBenchmark.seconds(wall);
    row(
        "Index build in a JVM limited to -Xmx" + heap + " (separate process, cold)",
        "≤ 10 s, heap ≤ 2 GB",
        "",
        f2(s)
            + " s (CPU "
            + f2(ExposureBenchmark.seconds(cpu))
            + " s); live heap after: "
            + gib(live)
            + " of "
            + gib(max),
        s <= 10 && live <= 2 * GIB,
        true);
    notes.add(
        String.format(
            Locale.ROOT,
            "The -Xmx%s run generates the same seeded corpus (live %s) and builds the index once;"
                + " it must fit in that heap or the row fails.",
            heap,
            ExposureBenchmark.mib(store)));
  }

  void smallHeapFailed(String heap, int exit) {
    row(
        "Index build in a JVM limited to -Xmx" + heap + " (separate process, cold)",
        "≤ 10 s, heap ≤ 2 GB",
        "",
        "did not finish (exit " + exit + ")",
        false,
        true);
  }

  void warmBuild(long nanos) {
    row(
        "Index build, second time (warm JVM)",
        "",
        "",
        f2(ExposureBenchmark.seconds(nanos)) + " s",
        true,
        false);
  }

  void rematch(
      long[] times,
      long[] cpus,
      FleetMatch.Statistics st,
      FleetMatch fleet,
      long materializeNanos,
      long materializeAgainNanos) {
    double median = ExposureBenchmark.median(times) / 1e9;
    double cpuMedian = ExposureBenchmark.median(cpus) / 1e9;
    double first = times[0] / 1e9;
    rowMust(
        String.format(
            Locale.ROOT,
            "Full re-match, %,d devices × %.1f subjects (median of %d; first %s s)",
            st.devices(),
            (double) st.subjectInstances() / st.devices(),
            times.length,
            f3(first)),
        "≤ 1 s",
        "≤ 5 s",
        f3(median) + " s (CPU " + f3(cpuMedian) + " s)",
        median <= 1,
        median <= 5);
    notes.add(
        String.format(
            Locale.ROOT,
            "Re-match work: %,d subject instances (devices plus SBOM components) in %,d device"
                + " shapes, %,d subject identities, %,d distinct (subject, version) pairs matched once"
                + " each; %,d findings (%,d affected, %,d possibly affected, %,d not affected)."
                + " Building the Finding records with their explanations is per device on demand:"
                + " %.3f ms per device over the first 1,000 devices (one thread, explanations"
                + " written for the first time), %.3f ms when read again (explanations shared).",
            st.subjectInstances(),
            st.shapes(),
            st.subjectIdentities(),
            st.distinctSubjects(),
            fleet.findingCount(),
            fleet.findingCount(FindingStatus.AFFECTED),
            fleet.findingCount(FindingStatus.POSSIBLY_AFFECTED),
            fleet.findingCount(FindingStatus.NOT_AFFECTED),
            materializeNanos / 1e6 / 1000,
            materializeAgainNanos / 1e6 / 1000));
  }

  void incremental(
      long loadNanos,
      long[] perAdvisory,
      int rematched,
      long[] perDevice,
      long newFindings,
      int checked) {
    double advMedian = ExposureBenchmark.median(perAdvisory) / 1e6;
    double devMedian = ExposureBenchmark.median(perDevice) / 1e6;
    row(
        String.format(
            Locale.ROOT,
            "One new advisory, incremental (median of %d; p95 %s ms, max %s ms)",
            perAdvisory.length,
            f3(ExposureBenchmark.percentile(perAdvisory, 0.95) / 1e6),
            f3(ExposureBenchmark.percentile(perAdvisory, 1.0) / 1e6)),
        "≤ 2 ms",
        "",
        f3(advMedian) + " ms",
        advMedian <= 2,
        true);
    row(
        String.format(
            Locale.ROOT,
            "One new device, incremental (median of %d; p95 %s ms, max %s ms)",
            perDevice.length,
            f3(ExposureBenchmark.percentile(perDevice, 0.95) / 1e6),
            f3(ExposureBenchmark.percentile(perDevice, 1.0) / 1e6)),
        "≤ 0.2 ms",
        "",
        f3(devMedian) + " ms",
        devMedian <= 0.2,
        true);
    notes.add(
        String.format(
            Locale.ROOT,
            "Incremental: loading the devices into the incremental matcher took %.2f s; the %d new"
                + " advisories re-matched %,d distinct subjects in all; the %d new devices (half of"
                + " them with firmware not seen before) have %,d findings. After all of them, %d"
                + " devices' findings were compared with a fresh index and full re-match over"
                + " everything: identical.",
            loadNanos / 1e9,
            perAdvisory.length,
            rematched,
            perDevice.length,
            newFindings,
            checked));
  }

  void guard(
      int devices,
      int advisories,
      long statements,
      long findings,
      int devicesWithFindings,
      long referenceBuild,
      long referenceMatch,
      long wardBuild,
      long wardCompact,
      long wardFull,
      long referenceCpu,
      long wardFullCpu) {
    double ratio = (double) referenceMatch / wardFull;
    row(
        String.format(
            Locale.ROOT,
            "Nested-loop guard, %,d devices × %,d advisories (%,d statements)",
            devices,
            advisories,
            statements),
        "identical findings",
        "",
        String.format(
            Locale.ROOT, "identical: %,d findings on %,d devices", findings, devicesWithFindings),
        true,
        true);
    double compactRatio = (double) referenceMatch / wardCompact;
    row(
        "Speed against the nested loop: matching (every device's findings known, compact)",
        "≥ 1,000×",
        "",
        String.format(Locale.ROOT, "%,.0f×", compactRatio),
        compactRatio >= 1000,
        true);
    row(
        "Speed against the nested loop, every Finding record (with its explanation) built too",
        "≥ 1,000×",
        "",
        String.format(Locale.ROOT, "%,.0f×", ratio),
        ratio >= 1000,
        true);
    double cpuRatio = (double) referenceCpu / Math.max(1, wardFullCpu);
    row(
        "The same in CPU time (all threads, JIT and GC included; load on the machine does not"
            + " change it)",
        "",
        "",
        String.format(Locale.ROOT, "%,.0f×", cpuRatio),
        true,
        false);
    notes.add(
        String.format(
            Locale.ROOT,
            "Guard: nested loop %.1f s to match (CPU %.1f s; plus %.2f s to compile its products);"
                + " Ward %.4f s (%.4f s without building the Finding records; CPU %.3f s; plus %.3f s"
                + " to build its index); both on all cores, each started on a collected heap;"
                + " Ward's wall times are the median of 15 runs, its CPU the mean of the last 12, the"
                + " nested loop's its one run. Both build the same %,d Finding records. Ward writes"
                + " each distinct explanation once (a template per distinct subject and advisory"
                + " statement, shared by the devices that have the subject) and orders a device"
                + " shape's findings once; a device's records are then one string join and one"
                + " record each. On these sampled devices little is shared, so building the records"
                + " adds %.0f%% to the matching.",
            referenceMatch / 1e9,
            referenceCpu / 1e9,
            referenceBuild / 1e9,
            wardFull / 1e9,
            wardCompact / 1e9,
            wardFullCpu / 1e9,
            wardBuild / 1e9,
            findings,
            100.0 * (wardFull - wardCompact) / Math.max(1, wardCompact)));
  }

  boolean allMustsMet() {
    return mustsMet;
  }

  /** The garbage collectors of this JVM (the re-match's time depends on them). */
  private static String collectors() {
    StringBuilder sb = new StringBuilder();
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      sb.append(sb.length() == 0 ? "" : " + ").append(gc.getName());
    }
    return sb.toString();
  }

  String render(
      ExposureCorpus.Settings settings, String command, String revision, String loadAtEnd) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Exposure matching benchmark (issue 3 §8)\n\n");
    sb.append("Reproduce: `").append(command).append("`  \n");
    sb.append(
        String.format(
            Locale.ROOT,
            "Run %s at git %s on %d processors, %s, JVM %s, max heap %s, collector %s; load"
                + " average %s at the"
                + " start, %s at the end (CPU is the process's CPU time, all threads).%n%n",
            ExposureBenchmark.now(),
            revision,
            Runtime.getRuntime().availableProcessors(),
            cpu(),
            System.getProperty("java.vm.version"),
            gib(ExposureHeap.max()),
            collectors(),
            loadAtStart,
            loadAtEnd));
    sb.append("| measure | issue target | must | measured | |\n|---|---|---|---|---|\n");
    for (String[] r : rows) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    sb.append('\n');
    for (String n : notes) {
      sb.append("- ").append(n).append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "- Settings: seed %d, %,d synthetic advisories, %,d devices, %,d device models, %,d"
                + " software products, about %d components per SBOM.%n",
            settings.seed(),
            settings.advisories(),
            settings.devices(),
            settings.deviceModels(),
            settings.softwareProducts(),
            settings.componentsPerSbom()));
    return sb.toString();
  }

  private void row(
      String what, String target, String must, String measured, boolean met, boolean judged) {
    rows.add(new String[] {what, target, must, measured, judged ? (met ? "✅" : "❌") : ""});
  }

  private void rowMust(
      String what, String target, String must, String measured, boolean met, boolean mustMet) {
    mustsMet &= mustMet;
    rows.add(
        new String[] {what, target, must, measured, met ? "✅" : mustMet ? "⚠️ must met" : "❌"});
  }

  private static String cpu() {
    try {
      return java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (java.io.IOException e) {
      return "unknown CPU";
    }
  }

  private static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / GIB);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
