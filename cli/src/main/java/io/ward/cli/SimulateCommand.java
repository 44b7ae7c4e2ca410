package io.ward.cli;

import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import io.ward.simulate.SimulationResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ward simulate}: writes a deterministic hospital capture and its ground truth. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a deterministic capture of a simulated hospital network (pcap) and,",
      "with --truth, the devices it contains in the ward.inventory/1 schema."
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "100",
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
      defaultValue = "1",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "the pcap to write (- for stdout)")
  String output;

  @Option(names = "--truth", paramLabel = "FILE", description = "write the ground truth JSON here")
  Optional<Path> truth = Optional.empty();

  @Option(
      names = "--attack",
      paramLabel = "NAME",
      description = "add an attack scenario (repeatable): ${COMPLETION-CANDIDATES}",
      completionCandidates = AttackNames.class)
  List<String> attacks = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    for (String a : attacks) {
      if (!HospitalSimulator.attackNames().contains(a)) {
        throw new ParameterException(
            spec.commandLine(),
            "unknown attack '"
                + a
                + "'; known: "
                + String.join(", ", HospitalSimulator.attackNames()));
      }
    }
    SimulationConfig config;
    try {
      config =
          new SimulationConfig(
              devices,
              minutes,
              seed,
              List.copyOf(attacks),
              SimulationConfig.of(devices, minutes, seed).startEpochMillis());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    HospitalSimulator simulator = new HospitalSimulator(config);
    SimulationResult result;
    try (OutputStream pcap = open(output);
        OutputStream truthOut = truth.isPresent() ? open(truth.get().toString()) : null) {
      result = simulator.run(pcap, Optional.ofNullable(truthOut));
    }
    System.err.printf(
        "ward: simulated %,d devices, %,d packets, %,d bytes%n",
        result.devices(), result.packets(), result.bytes());
    return ExitCodes.OK;
  }

  private static OutputStream open(String target) throws IOException {
    if (target.equals("-")) {
      return new BufferedOutputStream(new NonClosingOutputStream(System.out), 1 << 16);
    }
    return new BufferedOutputStream(Files.newOutputStream(Path.of(target)), 1 << 16);
  }

  /** Lets try-with-resources flush stdout without closing it. */
  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** Completion candidates for --attack. */
  static final class AttackNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return HospitalSimulator.attackNames().iterator();
    }
  }
}
