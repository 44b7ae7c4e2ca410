package io.ward.cli;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.engine.AnalysisOptions;
import io.ward.engine.AnalysisResult;
import io.ward.engine.Analyzer;
import io.ward.engine.InventoryJson;
import io.ward.engine.TextReport;
import io.ward.engine.TruthComparison;
import io.ward.inventory.KnowledgeBaseException;
import io.ward.server.RunningServer;
import io.ward.server.ServerSettings;
import io.ward.server.WardServer;
import io.ward.server.config.OwnerOnly;
import io.ward.server.ingest.Job;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ward demo}: simulates a hospital, analyses its traffic, prints the inventory, then starts
 * the server on the embedded database with that hospital and the real advisories shipped for the
 * demo, and prints the URL and a one-time login. No setup, no external service.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates a hospital, analyses it, prints the inventory and serves it.",
      "After the printout it starts the Ward server on the embedded database with",
      "that hospital and real CISA medical advisories, and prints the URL and a",
      "one-time setup link. The demo directory (default ~/.ward/demo) is emptied on",
      "each run; one that Ward did not make for the demo is refused unless empty.",
      "Ctrl-C stops the server."
    })
final class DemoCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "500",
      description = "devices (default: ${DEFAULT-VALUE})")
  int devices;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      defaultValue = "10",
      description = "minutes of traffic (default: ${DEFAULT-VALUE})")
  int minutes;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "7",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "server port (default: $WARD_PORT, else 8080); the address is $WARD_BIND_ADDRESS, else"
              + " 127.0.0.1, and WARD_TLS_* apply as for ward serve")
  Optional<Integer> port = Optional.empty();

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "the demo directory, emptied first if Ward made it for the demo; any other must be new"
              + " or empty (default: ~/.ward/demo)")
  Optional<Path> dir = Optional.empty();

  @Option(
      names = "--no-server",
      description = "only simulate, analyse and print; do not start the server")
  boolean noServer;

  @Override
  public Integer call() throws Exception {
    SimulationConfig config;
    try {
      config = SimulationConfig.of(devices, minutes, seed);
    } catch (IllegalArgumentException e) {
      // Before the directory is touched: a mistyped option costs the last demo nothing.
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path out = dir.orElse(WardHome.dir().resolve("demo"));
    // The server's settings before the directory is touched: a bad --port or WARD_* variable is
    // named at once, not after the simulation.
    ServerSettings settings = null;
    if (!noServer) {
      Optional<Integer> p = port.map(n -> ServeCommand.portOption(spec, n));
      try {
        // As for ward serve: a --port given wins, and WARD_PORT is not read then.
        settings =
            ServerSettings.fromEnvironment(p.isPresent() ? Set.of("WARD_PORT") : Set.of())
                .withDataDir(out.resolve("server"));
        if (p.isPresent()) {
          settings = settings.withPort(p.get());
        }
      } catch (IllegalArgumentException e) {
        System.err.println("ward: bad configuration: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
    }
    recreate(out);
    Path pcap = out.resolve("hospital.pcap");
    Path truth = out.resolve("hospital-truth.json");
    simulate(config, pcap, truth);
    AnalysisResult result = analyze(pcap, out.resolve("hospital-inventory.json"));
    TextReport.print(result, System.out, 40);
    try (InputStream in = Files.newInputStream(truth)) {
      TruthComparison score =
          TruthComparison.compare(
              InventoryJson.readDevices(in, truth.toString()), result.devices());
      System.out.printf("%nAgainst the simulator's ground truth: %s%n", score.describe());
    }
    System.out.printf("Files: %s%n", out);
    System.out.flush();
    if (noServer) {
      return ExitCodes.OK;
    }
    return serve(settings, out, pcap);
  }

  private void simulate(SimulationConfig config, Path pcap, Path truth) throws IOException {
    HospitalSimulator simulator = new HospitalSimulator(config);
    // Owner-only, as ward simulate writes them: a simulated capture stands in for patient traffic.
    try (OutputStream p = new BufferedOutputStream(OwnerOnly.newOutputStream(pcap), 1 << 16);
        OutputStream t = new BufferedOutputStream(OwnerOnly.newOutputStream(truth), 1 << 16)) {
      simulator.run(p, Optional.of(t));
    }
    System.err.printf(
        "ward: simulated %d devices over %d minutes into %s%n", devices, minutes, pcap);
  }

  private static AnalysisResult analyze(Path pcap, Path inventory)
      throws IOException, KnowledgeBaseException {
    AnalysisResult result =
        new Analyzer(AnalysisOptions.defaults())
            .analyze(List.of(CaptureSource.ofPath(pcap)), ProgressListener.NONE);
    try (OutputStream j = OwnerOnly.newOutputStream(inventory)) {
      InventoryJson.write(result, j);
    }
    return result;
  }

  private int serve(ServerSettings settings, Path out, Path pcap) throws Exception {
    Path feeds = extractDemoFeeds(out.resolve("feeds"));
    RunningServer server = WardServer.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.err.println("ward: importing the demo advisories and the simulated capture…");
    await(server, server.importFeeds(feeds), "advisories");
    await(server, server.ingestCapture(pcap), "capture");
    System.out.printf("%nWard is running at %s%n", server.url());
    server
        .oneTimeLoginUrl()
        .ifPresent(
            u -> System.out.printf("Create the first admin (one-time link, valid once): %s%n", u));
    System.out.println("Press Ctrl-C to stop.");
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private static void await(RunningServer server, Job job, String what)
      throws InterruptedException {
    Optional<Job> done = server.awaitJob(job.id(), Duration.ofMinutes(30));
    String state =
        done.map(j -> j.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + j.message())
            .orElse("still running after 30 minutes");
    System.err.printf("ward: %s import %s%n", what, state);
  }

  /** Writes the advisories bundled for the demo (listed in INDEX, since a jar cannot be listed). */
  static Path extractDemoFeeds(Path target) throws IOException {
    Files.createDirectories(target);
    try (InputStream index = DemoCommand.class.getResourceAsStream("demo-feeds/INDEX");
        BufferedReader names =
            new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
      for (String name = names.readLine(); name != null; name = names.readLine()) {
        if (name.isBlank()) {
          continue;
        }
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-feeds/" + name.strip())) {
          Files.copy(in, target.resolve(name.strip()));
        }
      }
    }
    return target;
  }

  /** The file that marks a directory as one Ward made for the demo, and may empty. */
  static final String MARKER = ".ward-demo";

  /**
   * What a demo directory holds: a directory with nothing else, but no marker, is one an earlier
   * version made (they wrote none) and is emptied too.
   */
  private static final java.util.Set<String> DEMO_FILES =
      java.util.Set.of(
          MARKER,
          "hospital.pcap",
          "hospital-truth.json",
          "hospital-inventory.json",
          "feeds",
          "server");

  /**
   * Empties the demo directory, so each demo starts fresh and the one-time setup link is new; but
   * only a directory that is the demo's (marked, or holding only the demo's files) or empty: any
   * other is refused, never emptied, so that {@code --dir .} or {@code --dir ~} loses nothing.
   */
  static void recreate(Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserInputException(
          dir + ": not a directory; --dir names the directory the demo writes its files to");
    }
    if (Files.isDirectory(dir)) {
      List<Path> entries;
      try (Stream<Path> list = Files.list(dir)) {
        entries = list.toList();
      }
      if (!entries.isEmpty() && !isDemoDirectory(dir, entries)) {
        throw new UserInputException(
            dir
                + ": not empty and not a Ward demo directory (no "
                + MARKER
                + " file), so the demo will not empty it; give --dir a new or empty directory");
      }
      for (Path entry : entries) {
        deleteTree(entry);
      }
    }
    OwnerOnly.createDirectories(dir);
    Files.writeString(
        dir.resolve(MARKER),
        "This directory was made by 'ward demo', which empties it on each run.\n",
        StandardCharsets.UTF_8);
  }

  private static boolean isDemoDirectory(Path dir, List<Path> entries) {
    if (Files.isRegularFile(dir.resolve(MARKER), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    // An earlier version's: only the demo's own files, and at least one of its hospital files.
    boolean hospital = false;
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (!DEMO_FILES.contains(name)) {
        return false;
      }
      hospital |= name.startsWith("hospital");
    }
    return hospital;
  }

  /** Deletes a file or a directory and its contents; links are deleted, never followed. */
  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
