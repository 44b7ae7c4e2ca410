package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTimerTest {

  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  @TempDir Path dir;

  @Test
  void shouldReadPeakRssAndCpuTimeAfterGnuTimesStatusLine() throws Exception {
    Path file = dir.resolve("x.time");
    Files.writeString(file, "Command exited with non-zero status 4\n12345 1.25 0.50\n");

    assertThat(ProcessTimer.gnuTimeResult(2.0, file)).isEqualTo(new RunResult(2.0, 12345, 1.75));
  }

  @Test
  void shouldRefuseAGnuTimeFileWithoutTheFigures() throws Exception {
    Path file = dir.resolve("y.time");
    Files.writeString(file, "Command terminated by signal 9\n");

    assertThatThrownBy(() -> ProcessTimer.gnuTimeResult(2.0, file))
        .isInstanceOf(BenchmarkException.class)
        .hasMessageContaining("signal 9");
  }

  @Test
  void shouldMeasureARealProcessAndKeepItsStderr() throws Exception {
    assumeTrue(Files.isExecutable(GNU_TIME), "GNU time is not installed");
    Contender echo =
        new Contender(
            "sh", "sh", TargetsTest.PCAP, List.of("sh", "-c", "echo out; echo err >&2"), Set.of(0));

    RunResult result = new ProcessTimer(GNU_TIME, dir).run(echo, "sh-run1");

    assertThat(result.peakRssKibibytes()).isPositive();
    assertThat(result.cpuSeconds()).isNotNegative();
    assertThat(Files.readString(dir.resolve("sh-run1.stderr"))).isEqualTo("err\n");
  }

  @Test
  void shouldFailWhenTheToolExitsWithAnUnexpectedStatus() throws IOException {
    assumeTrue(Files.isExecutable(GNU_TIME), "GNU time is not installed");
    Contender failing =
        new Contender("false", "false", TargetsTest.PCAP, List.of("false"), Set.of(0));

    assertThatThrownBy(() -> new ProcessTimer(GNU_TIME, dir).run(failing, "false-run1"))
        .isInstanceOf(BenchmarkException.class)
        .hasMessageContaining("false exited with status 1");
  }
}
