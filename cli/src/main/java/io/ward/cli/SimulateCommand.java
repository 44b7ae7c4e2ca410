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
      "Writes a deterministic capture of a simulated hospital network (pcap).",
      "With --truth, it also writes the devices the capture contains and the attacks",
      "injected, in the ward.inventory/1 schema."
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

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = "write the ground truth JSON here (- for stdout when -o names a file)")
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
    Optional<String> truthTarget = truth.map(Path::toString);
    checkOutputs(truthTarget);
    HospitalSimulator simulator = new HospitalSimulator(config);
    SimulationResult result;
    // Both files are written beside their targets and put in place only when both are complete:
    // a failure leaves neither a partial capture nor a partial truth.
    try (OutputFile pcapFile = file(output);
        OutputFile truthFile = truthTarget.isPresent() ? file(truthTarget.get()) : null) {
      OutputStream pcap = pcapFile != null ? pcapFile.stream() : stdout();
      Optional<OutputStream> truthOut =
          truthTarget.map(t -> truthFile != null ? truthFile.stream() : stdout());
      result = simulator.run(pcap, truthOut);
      if (truthFile != null) {
        truthFile.commit();
      }
      if (pcapFile != null) {
        pcapFile.commit();
      }
      pcap.flush();
      if (truthOut.isPresent()) {
        truthOut.get().flush();
      }
    }
    System.err.printf(
        "ward: simulated %,d devices, %,d packets, %,d bytes%n",
        result.devices(), result.packets(), result.bytes());
    return ExitCodes.OK;
  }

  /**
   * Refuses, before anything is written, what cannot be: both on standard output (the truth would
   * be written into the capture), both to one file, or a file that cannot be written.
   */
  private void checkOutputs(Optional<String> truthTarget) throws IOException {
    if (truthTarget.isEmpty()) {
      if (!output.equals("-")) {
        OutputFile.check("-o", output);
      }
      return;
    }
    String t = truthTarget.get();
    if (output.equals("-") && t.equals("-")) {
      throw new ParameterException(
          spec.commandLine(), "-o - and --truth - cannot both write to standard output");
    }
    if (!output.equals("-") && !t.equals("-")) {
      Path o = Path.of(output).toAbsolutePath().normalize();
      Path tp = Path.of(t).toAbsolutePath().normalize();
      boolean same =
          o.equals(tp) || (Files.exists(o) && Files.exists(tp) && Files.isSameFile(o, tp));
      if (same && !(Files.exists(o) && !Files.isRegularFile(o))) {
        throw new ParameterException(
            spec.commandLine(), "-o and --truth name the same file: " + output);
      }
    }
    if (!output.equals("-")) {
      OutputFile.check("-o", output);
    }
    if (!t.equals("-")) {
      OutputFile.check("--truth", t);
    }
  }

  /** The file to write, or null for standard output. */
  private static OutputFile file(String target) throws IOException {
    return target.equals("-") ? null : OutputFile.create(Path.of(target));
  }

  private static OutputStream stdout() {
    return new BufferedOutputStream(new NonClosingOutputStream(System.out), 1 << 16);
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
