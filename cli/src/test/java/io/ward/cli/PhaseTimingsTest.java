package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhaseTimingsTest {

  private final AtomicLong wall = new AtomicLong();
  private final AtomicLong cpu = new AtomicLong();
  private final AtomicLong gc = new AtomicLong();
  private final PhaseTimings.Clocks clocks = new PhaseTimings.Clocks(wall::get, cpu::get, gc::get);
  private final List<Long> relayed = new ArrayList<>();
  private final ProgressListener bar = (read, total) -> relayed.add(read);

  private void at(double wallSeconds, double cpuSeconds, double gcSeconds) {
    wall.set(Math.round(wallSeconds * 1e9));
    cpu.set(Math.round(cpuSeconds * 1e9));
    gc.set(Math.round(gcSeconds * 1e9));
  }

  private static String print(PhaseTimings t, long packets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), packets);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldEndReadingAtTheLastProgressReportAndRelayEveryReport() {
    at(0.400, 0.520, 0.010);
    PhaseTimings t = PhaseTimings.start(bar, clocks);
    at(2.000, 2.300, 0.200);
    t.progress(100, 300);
    at(5.398, 6.220, 0.600);
    t.progress(300, 300); // the capture is read
    at(5.796, 6.790, 0.700);

    String table = print(t, 1_542_667);

    assertThat(relayed).containsExactly(100L, 300L);
    assertThat(table)
        .contains("  start: JVM, command line, setup           0.400 /    0.520 /    0.010\n")
        .contains(
            "  reading 1,542,667 packets                 4.998 /    5.700 /    0.590"
                + "  (308,657 packets/s)\n")
        .contains("  inventory and output                      0.398 /    0.570 /    0.100\n")
        .contains("  total                                     5.796 /    6.790 /    0.700\n");
  }

  @Test
  void shouldCountEverythingAfterStartAsOutputWhenNothingWasRead() {
    at(0.300, 0.400, 0);
    PhaseTimings t = PhaseTimings.start(bar, clocks);
    at(0.350, 0.460, 0);

    String table = print(t, 0);

    assertThat(table)
        .contains("  reading 0 packets                         0.000 /    0.000 /    0.000\n")
        .contains("  inventory and output                      0.050 /    0.060 /    0.000\n")
        .doesNotContain("packets/s");
  }

  @Test
  void shouldShowADashWhereTheProcessCpuTimeIsUnknown() {
    PhaseTimings.Clocks noCpu = new PhaseTimings.Clocks(wall::get, () -> -1, gc::get);
    at(0.300, 0, 0.010);
    PhaseTimings t = PhaseTimings.start(bar, noCpu);
    at(1.300, 0, 0.110);
    t.progress(1, 1);

    String table = print(t, 10);

    assertThat(table)
        .contains("  start: JVM, command line, setup           0.300 /        - /    0.010\n")
        .contains("  reading 10 packets                        1.000 /        - /    0.100");
  }
}
