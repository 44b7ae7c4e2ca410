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
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ward demo}: simulates a small hospital, analyses its traffic and prints the inventory,
 * with no setup and no external service.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates a small hospital network, analyses the capture and prints the inventory.",
      "The capture, the truth and the inventory JSON are kept in --dir for a closer look."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "120",
      description = "devices (default: ${DEFAULT-VALUE})")
  int devices;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      defaultValue = "5",
      description = "minutes of traffic (default: ${DEFAULT-VALUE})")
  int minutes;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "7",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "where to keep the demo files (default: ~/.ward/demo)")
  Optional<Path> dir = Optional.empty();

  @Override
  public Integer call() throws IOException, KnowledgeBaseException {
    Path out = dir.orElse(Path.of(System.getProperty("user.home"), ".ward", "demo"));
    Files.createDirectories(out);
    Path pcap = out.resolve("hospital.pcap");
    Path truth = out.resolve("hospital-truth.json");
    Path inventory = out.resolve("hospital-inventory.json");
    HospitalSimulator simulator =
        new HospitalSimulator(SimulationConfig.of(devices, minutes, seed));
    try (OutputStream p = new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 16);
        OutputStream t = new BufferedOutputStream(Files.newOutputStream(truth), 1 << 16)) {
      simulator.run(p, Optional.of(t));
    }
    System.err.printf(
        "ward: simulated %d devices over %d minutes into %s%n", devices, minutes, pcap);
    AnalysisResult result =
        new Analyzer(AnalysisOptions.defaults())
            .analyze(List.of(CaptureSource.ofPath(pcap)), ProgressListener.NONE);
    try (OutputStream j = Files.newOutputStream(inventory)) {
      InventoryJson.write(result, j);
    }
    TextReport.print(result, System.out, 60);
    try (InputStream in = Files.newInputStream(truth)) {
      TruthComparison score =
          TruthComparison.compare(
              InventoryJson.readDevices(in, truth.toString()), result.devices());
      System.out.printf("%nAgainst the simulator's ground truth: %s%n", score.describe());
    }
    System.out.printf("%nFiles: %s, %s, %s%n", pcap, truth, inventory);
    return ExitCodes.OK;
  }
}
