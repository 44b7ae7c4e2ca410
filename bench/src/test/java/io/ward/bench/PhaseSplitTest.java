package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhaseSplitTest {

  /** What {@code ward analyze --timings} printed for the 1.5M-packet capture (session 10). */
  static final String STDERR =
      "ward: timings (wall s / CPU s, all threads)\n"
          + "  start: JVM, command line, knowledge      0.401 /   0.520\n"
          + "  reading 1,542,667 packets                4.998 /   5.700  (308,657 packets/s)\n"
          + "  inventory and output                     0.398 /   0.570\n"
          + "  total                                    5.797 /   6.790\n"
          + "ward: warning: something else\n";

  @Test
  void shouldReadEveryPhaseOfTheTimingsTable() {
    PhaseSplit p = PhaseSplit.parse(STDERR).orElseThrow();

    assertThat(p.startWall()).isEqualTo(0.401);
    assertThat(p.startCpu()).isEqualTo(0.520);
    assertThat(p.readWall()).isEqualTo(4.998);
    assertThat(p.readCpu()).isEqualTo(5.700);
    assertThat(p.outputWall()).isEqualTo(0.398);
    assertThat(p.outputCpu()).isEqualTo(0.570);
    assertThat(p.totalWall()).isCloseTo(5.797, within(1e-9));
    assertThat(p.totalCpu()).isCloseTo(6.790, within(1e-9));
  }

  @Test
  void shouldBoundTwoWorkersByTheSerialPhasesAndHalfTheReadingCpu() {
    PhaseSplit p = PhaseSplit.parse(STDERR).orElseThrow();

    // 0.401 + 0.398 + 5.700 / 2 = 3.649 s, against 5.797 s for one worker.
    assertThat(p.floorSeconds(2, 2)).isCloseTo(3.649, within(1e-9));
    assertThat(p.boundSpeedup(2, 2)).isCloseTo(5.797 / 3.649, within(1e-9));
    // One processor shares nothing: the floor is all the CPU of reading, one worker or two.
    assertThat(p.floorSeconds(2, 1)).isCloseTo(0.401 + 0.398 + 5.700, within(1e-9));
    assertThat(p.boundSpeedup(2, 1)).isLessThan(1);
  }

  @Test
  void shouldFindNothingWhenARowIsMissingOrItsCpuUnknown() {
    assertThat(PhaseSplit.parse("ward: no timings here\n")).isEmpty();
    assertThat(PhaseSplit.parse(STDERR.replace("inventory and output", "output")))
        .isEqualTo(Optional.empty());
    assertThat(PhaseSplit.parse(STDERR.replace("5.700", "      -"))).isEmpty();
  }
}
