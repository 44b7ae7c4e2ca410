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
import io.ward.model.IpNetwork;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      "Reads packet captures and prints the devices seen, what they are and why.",
      "Captures are pcap or pcapng, gzip-compressed or not; '-' reads standard input.",
      "Exit codes: 0 ok, 2 usage, 3 input unreadable or not a capture, 4 finished",
      "with warnings (for example a truncated capture, analysed up to the damage)."
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "capture files, or - for stdin")
  List<String> captures = new ArrayList<>();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "write the inventory as ward.inventory/1 JSON to FILE (- for stdout, instead of the"
              + " summary)")
  Optional<String> json = Optional.empty();

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "write the devices as CSV to FILE (- for stdout, instead of the summary)")
  Optional<String> csv = Optional.empty();

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "worker threads, 1 to 64 (default: one per processor but one, at most "
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
      description = "medical devices listed in the summary, 0 or more (default: ${DEFAULT-VALUE})")
  int maxRows;

  @Option(
      names = "--decode-only",
      description =
          "decode packets and build flows only, no protocol dissectors (a speed baseline)")
  boolean decodeOnly;

  @Option(
      names = "--internal-net",
      paramLabel = "CIDR",
      description =
          "an address range of the hospital's own (repeatable, IPv4 or IPv6, e.g. 192.0.2.0/24):"
              + " a public address in it stays a device even when only seen behind a router,"
              + " instead of being listed as an external endpoint")
  List<String> internalNets = new ArrayList<>();

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
    if (maxRows < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-rows must be 0 or more, not " + maxRows);
    }
    List<IpNetwork> internalNetworks = internalNetworks();
    checkOutputs();
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
            .withDecodeOnly(decodeOnly)
            .withInternalNetworks(internalNetworks);
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
    boolean dataOnStdout =
        json.filter("-"::equals).isPresent() || csv.filter("-"::equals).isPresent();
    // A failed output is reported with, not instead of, what the analysis found.
    List<String> failed = new ArrayList<>();
    if (json.isPresent()) {
      boolean toStdout = json.get().equals("-");
      write(
          "--json",
          json.get(),
          out -> {
            InventoryJson.write(result, out);
            if (toStdout) {
              out.write('\n');
            }
          },
          failed);
    }
    if (csv.isPresent()) {
      write("--csv", csv.get(), out -> writeCsv(result, out), failed);
    }
    if (!dataOnStdout) {
      TextReport.print(result, System.out, maxRows);
      System.out.flush();
    }
    if (clock != null) {
      clock.print(err, result.captures().stream().mapToLong(c -> c.packets()).sum());
    }
    result.problems().forEach(p -> err.println("ward: " + p));
    result.captures().forEach(c -> c.warnings().forEach(w -> err.println("ward: warning: " + w)));
    failed.forEach(f -> err.println("ward: " + f));
    if (!result.problems().isEmpty() || !failed.isEmpty()) {
      return ExitCodes.BAD_INPUT;
    }
    return result.hasWarnings() ? ExitCodes.WARNINGS : ExitCodes.OK;
  }

  /** The {@code --internal-net} ranges; a value that is not one is a usage error naming it. */
  private List<IpNetwork> internalNetworks() {
    List<IpNetwork> out = new ArrayList<>();
    for (String text : internalNets) {
      try {
        out.add(IpNetwork.parse(text));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--internal-net " + text + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Refuses, before any capture is read, outputs that could not be written: a directory that does
   * not exist or cannot be written, a directory named as the file, both on standard output, one
   * file named twice or one that is a capture being read.
   */
  private void checkOutputs() throws IOException {
    if (json.filter("-"::equals).isPresent() && csv.filter("-"::equals).isPresent()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--json - and --csv - cannot both write to standard output");
    }
    Map<Path, String> named = new HashMap<>();
    for (String c : captures) {
      if (!c.equals("-")) {
        named.put(Path.of(c).toAbsolutePath().normalize(), "a capture");
      }
    }
    checkOutput("--json", json, named);
    checkOutput("--csv", csv, named);
  }

  private void checkOutput(String option, Optional<String> target, Map<Path, String> named)
      throws IOException {
    if (target.isEmpty() || target.get().equals("-")) {
      return;
    }
    Path file = Path.of(target.get()).toAbsolutePath().normalize();
    boolean device = Files.exists(file) && !Files.isRegularFile(file); // /dev/null, a pipe
    for (Map.Entry<Path, String> other : named.entrySet()) {
      boolean same =
          other.getKey().equals(file)
              || (Files.exists(file)
                  && Files.exists(other.getKey())
                  && Files.isSameFile(other.getKey(), file));
      if (same && !device) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), option + " " + target.get() + ": also " + other.getValue());
      }
    }
    named.put(file, "written by " + option);
    OutputFile.check(option, target.get());
  }

  /** Writes one output; a failure is added to {@code failed}, naming the option and file. */
  private static void write(
      String option, String target, OutputFile.Writer output, List<String> failed) {
    try {
      if (target.equals("-")) {
        output.writeTo(System.out); // neither writer closes it
        System.out.flush();
        return;
      }
      OutputFile.write(Path.of(target), output);
    } catch (IOException | UncheckedIOException e) {
      Throwable t = e instanceof UncheckedIOException ? e.getCause() : e;
      failed.add(option + " " + target + ": not written: " + ExitCodes.describe(t));
    }
  }

  private static void writeCsv(AnalysisResult result, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    InventoryCsv.write(result.devices(), w);
    w.flush();
  }
}
