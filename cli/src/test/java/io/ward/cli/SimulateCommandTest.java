package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
