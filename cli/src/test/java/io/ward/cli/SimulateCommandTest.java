package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.engine.InventoryJson;
import io.ward.model.Device;
import io.ward.simulate.SimulationConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ward simulate} then {@code ward analyze} on its output, as the README shows. */
class SimulateCommandTest {

  @TempDir Path tmp;

  @Test
  void shouldWriteTheSameCaptureForTheSameSeed() throws IOException {
    Path a = tmp.resolve("a.pcap");
    Path b = tmp.resolve("b.pcap");
    assertThat(run(a, 7)).isZero();
    assertThat(run(b, 7)).isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void shouldWriteATruthFileAndAnAnalysableCapture() throws IOException {
    Path pcap = tmp.resolve("h.pcap");
    Path truth = tmp.resolve("truth.json");
    int code =
        WardCommand.execute(
            "simulate",
            "--devices",
            "40",
            "--minutes",
            "2",
            "--seed",
            "3",
            "-o",
            pcap.toString(),
            "--truth",
            truth.toString(),
            "--attack",
            "port-scan");
    assertThat(code).isZero();
    var root = new ObjectMapper().readTree(truth.toFile());
    assertThat(root.path("format").asText()).isEqualTo("ward.inventory/1");
    assertThat(root.path("devices").size()).isGreaterThanOrEqualTo(40);
    assertThat(root.path("attacks").size()).isEqualTo(1);
    assertThat(WardCommand.execute("analyze", "--no-progress", pcap.toString())).isZero();
  }

  @Test
  void shouldWriteTruthTimesThatAnInventoryReaderTakes() throws IOException {
    // The truth is a ward.inventory/1 document: what ward vulns --inventory reads of it must
    // carry the devices' first and last sightings, not lose them as absent values.
    Path pcap = tmp.resolve("t.pcap");
    Path truth = tmp.resolve("truth.json");
    assertThat(
            WardCommand.execute(
                "simulate",
                "--devices",
                "20",
                "--minutes",
                "1",
                "-o",
                pcap.toString(),
                "--truth",
                truth.toString()))
        .isZero();
    long start = SimulationConfig.DEFAULT_START_EPOCH_MILLIS * 1_000_000L;
    long end = start + 60 * 1_000_000_000L;
    List<Device> devices;
    try (InputStream in = Files.newInputStream(truth)) {
      devices = InventoryJson.readDevices(in, truth.toString());
    }
    assertThat(devices).isNotEmpty();
    for (Device d : devices) {
      assertThat(d.firstSeenEpochNanos()).as("first seen of %s", d.id()).isBetween(start, end);
      assertThat(d.lastSeenEpochNanos())
          .as("last seen of %s", d.id())
          .isBetween(d.firstSeenEpochNanos(), end);
    }
  }

  @Test
  void shouldRejectAnUnknownAttackAsAUsageError() {
    int code =
        WardCommand.execute(
            "simulate", "-o", tmp.resolve("x.pcap").toString(), "--attack", "alien-invasion");
    assertThat(code).isEqualTo(2);
  }

  private static int run(Path out, long seed) {
    return WardCommand.execute(
        "simulate",
        "--devices",
        "30",
        "--minutes",
        "1",
        "--seed",
        String.valueOf(seed),
        "-o",
        out.toString());
  }

  /** Runs a small simulation with {@code outputs} (-o …, --truth …); stdout and stderr kept. */
  private static String[] simulate(String... outputs) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream savedOut = System.out;
    java.io.PrintStream savedErr = System.err;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int code;
    try {
      String[] args = {"simulate", "--devices", "20", "--minutes", "1"};
      String[] all = java.util.Arrays.copyOf(args, args.length + outputs.length);
      System.arraycopy(outputs, 0, all, args.length, outputs.length);
      code = WardCommand.execute(all);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new String[] {
      Integer.toString(code),
      out.toString(java.nio.charset.StandardCharsets.UTF_8),
      err.toString(java.nio.charset.StandardCharsets.UTF_8)
    };
  }

  @Test
  void shouldRefuseTheCaptureAndTheTruthBothOnStandardOutput() {
    String[] run = simulate("-o", "-", "--truth", "-");
    assertThat(run[0]).isEqualTo(Integer.toString(ExitCodes.USAGE));
    assertThat(run[2]).contains("-o - and --truth - cannot both write to standard output");
    assertThat(run[1]).isEmpty();
  }

  @Test
  void shouldRefuseTheCaptureAndTheTruthInOneFile() {
    Path same = tmp.resolve("s.pcap");
    String[] run = simulate("-o", same.toString(), "--truth", same.toString());
    assertThat(run[0]).isEqualTo(Integer.toString(ExitCodes.USAGE));
    assertThat(run[2]).contains("-o and --truth name the same file");
    assertThat(same).doesNotExist();
  }

  @Test
  void shouldWriteNoCaptureWhenTheTruthCannotBeWritten() {
    Path pcap = tmp.resolve("s.pcap");
    Path truth = tmp.resolve("nope/t.json");
    String[] run = simulate("-o", pcap.toString(), "--truth", truth.toString());
    assertThat(run[0]).isEqualTo(Integer.toString(ExitCodes.BAD_INPUT));
    assertThat(run[2])
        .isEqualTo("ward: --truth " + truth + ": no such directory " + truth.getParent() + "\n");
    assertThat(pcap).doesNotExist();
    assertThat(tmp.toFile().list()).isEmpty();
  }

  @Test
  void shouldStillWriteTheCaptureToStandardOutputWithATruthFile() throws IOException {
    Path truth = tmp.resolve("t.json");
    String[] run = simulate("-o", "-", "--truth", truth.toString());
    assertThat(run[0]).as(run[2]).isEqualTo("0");
    assertThat(run[1]).isNotEmpty();
    assertThat(new ObjectMapper().readTree(truth.toFile()).path("format").asText())
        .isEqualTo("ward.inventory/1");
  }
}
