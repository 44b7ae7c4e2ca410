package io.ward.cli;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.engine.AnalysisOptions;
import io.ward.engine.AnalysisResult;
import io.ward.engine.Analyzer;
import io.ward.engine.InventoryCsv;
import io.ward.engine.InventoryJson;
import io.ward.engine.KnowledgeInBackground;
import io.ward.engine.TextReport;
import io.ward.inventory.KnowledgeBaseException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ward analyze}: captures in, explained device inventory out. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Reads packet captures (pcap, pcapng, optionally gzip-compressed; '-' for standard input)",
      "and prints the devices seen, what they are and why Ward thinks so.",
      "Exit codes: 0 ok, 2 usage, 3 input unreadable or not a capture, 4 finished with warnings."
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "capture files, or - for stdin")
  List<String> captures = new ArrayList<>();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "write the inventory as ward.inventory/1 JSON to FILE (- for stdout)")
  Optional<String> json = Optional.empty();

  @Option(names = "--csv", paramLabel = "FILE", description = "write the devices as CSV to FILE")
  Optional<Path> csv = Optional.empty();

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "worker threads (default: one per processor but one, at most "
              + DefaultWorkers.MAX
              + "; the processor left over compiles, collects, inflates a compressed capture"
              + " and, for one worker, reads its file and feeds the inventory)")
  Integer workers;

  @Option(
      names = "--knowledge",
      paramLabel = "DIR",
      description = "a directory of extra fingerprints that extend or override the bundled ones")
  Optional<Path> knowledge = Optional.empty();

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "200",
      description = "medical devices listed in the summary (default: ${DEFAULT-VALUE})")
  int maxRows;

  @Option(
      names = "--decode-only",
      description =
          "decode packets and build flows only, no protocol dissectors (a speed baseline)")
  boolean decodeOnly;

  @Option(names = "--no-progress", description = "never draw a progress bar")
  boolean noProgress;

  @Option(
      names = "--timings",
      description =
          "print the wall, CPU and garbage-collector time of each phase (start, reading,"
              + " inventory and output) to stderr at the end")
  boolean timings;

  @Override
  public Integer call() throws IOException, KnowledgeBaseException {
    if (workers != null && (workers < 1 || workers > 64)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--workers must be between 1 and 64");
    }
    if (captures.stream().filter("-"::equals).count() > 1) {
      // The first would read it to the end and close it; the second would fail the analysis.
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "standard input ('-') can be read only once; name it once");
    }
    List<CaptureSource> sources = new ArrayList<>();
    for (String c : captures) {
      sources.add(
          c.equals("-")
              ? CaptureSource.ofStream(System.in, "-")
              : CaptureSource.ofPath(Path.of(c)));
    }
    int threads =
        workers != null ? workers : DefaultWorkers.of(Runtime.getRuntime().availableProcessors());
    PrintStream err = System.err;
    ProgressListener bar = ProgressBar.forTerminal(err, "analyzing", !noProgress);
    AnalysisOptions options =
        AnalysisOptions.defaults()
            .withWorkers(threads)
            .withKnowledgeDir(knowledge)
            .withDecodeOnly(decodeOnly);
    Optional<KnowledgeInBackground> early = EarlyKnowledge.take();
    Analyzer analyzer =
        early.isPresent() ? new Analyzer(options, early.get()) : new Analyzer(options);
    // After setup (a --knowledge directory is read above), so that the reading phase is reading.
    PhaseTimings clock = timings ? PhaseTimings.start(bar) : null;
    ProgressListener progress = clock != null ? clock : bar;
    AnalysisResult result;
    try {
      result = analyzer.analyze(sources, progress);
    } finally {
      ProgressBar.finish(bar);
    }
    boolean jsonOnStdout = json.filter("-"::equals).isPresent();
    if (json.isPresent()) {
      writeJson(result, json.get());
    }
    if (csv.isPresent()) {
      try (Writer w = Files.newBufferedWriter(csv.get(), StandardCharsets.UTF_8)) {
        InventoryCsv.write(result.devices(), w);
      }
    }
    if (!jsonOnStdout) {
      TextReport.print(result, System.out, maxRows);
      System.out.flush();
    }
    if (clock != null) {
      clock.print(err, result.captures().stream().mapToLong(c -> c.packets()).sum());
    }
    result.problems().forEach(p -> err.println("ward: " + p));
    result.captures().forEach(c -> c.warnings().forEach(w -> err.println("ward: warning: " + w)));
    if (!result.problems().isEmpty()) {
      return ExitCodes.BAD_INPUT;
    }
    return result.hasWarnings() ? ExitCodes.WARNINGS : ExitCodes.OK;
  }

  private static void writeJson(AnalysisResult result, String target) throws IOException {
    if (target.equals("-")) {
      InventoryJson.write(result, System.out);
      System.out.println();
      System.out.flush();
      return;
    }
    try (OutputStream out = Files.newOutputStream(Path.of(target))) {
      InventoryJson.write(result, out);
    }
  }
}
