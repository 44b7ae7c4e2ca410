package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analysis that needs more heap than the JVM may take ends with one line saying so and what to
 * do, not a stack trace: run in a JVM of its own with a heap too small for the capture.
 */
class OutOfMemoryTest {

  @TempDir Path tmp;

  @Test
  void shouldSayInOneLineThatTheHeapIsFullAndHowToGiveWardMore() throws Exception {
    Path pcap = tmp.resolve("h.pcap");
    assertThat(
            WardCommand.execute(
                "simulate",
                "--devices",
                "3000",
                "--minutes",
                "2",
                "--seed",
                "9",
                "-o",
                pcap.toString()))
        .isZero();

    Process p =
        new ProcessBuilder(
                ChildWard.command(
                    List.of("-Xmx24m", "-XX:+UseSerialGC"),
                    "analyze",
                    "--no-progress",
                    "--json",
                    tmp.resolve("out.json").toString(),
                    pcap.toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.INTERNAL);
    List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(err).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("ward: out of memory: the Java heap is full at ")
        .contains("WARD_JAVA_OPTS")
        .endsWith("or run fewer workers (each keeps its own flows and devices): --workers 1");
  }

  @Test
  void shouldNameTheHeapLimitInMebibytes() throws IOException {
    assertThat(WardCommand.outOfMemory(1L << 30)).contains("full at 1024 MiB");
  }
}
