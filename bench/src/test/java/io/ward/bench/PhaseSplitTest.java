package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseSplitTest {

  /** As {@code ward analyze --timings} prints it (cli's PhaseTimingsTest checks that format). */
  static final String STDERR =
      "ward: timings (wall s / CPU s of all threads / of which collector pauses s)\n"
          + "  start: JVM, command line, setup             0.401 /    0.520 /    0.010\n"
          + "  reading 1,542,667 packets                   4.998 /    5.700 /    0.500"
          + "  (308,657 packets/s)\n"
          + "  inventory and output                        0.398 /    0.570 /    0.050\n"
          + "  total                                       5.797 /    6.790 /    0.560\n"
          + "ward: warning: something else\n";

  static PhaseSplit split() {
    return PhaseSplit.parse(STDERR, 5.897).orElseThrow();
  }

  @Test
  void shouldReadEveryPhaseOfTheTimingsTable() {
    PhaseSplit p = split();

    assertThat(p.startWall()).isEqualTo(0.401);
    assertThat(p.startCpu()).isEqualTo(0.520);
    assertThat(p.readWall()).isEqualTo(4.998);
    assertThat(p.readCpu()).isEqualTo(5.700);
    assertThat(p.readGc()).isEqualTo(0.500);
    assertThat(p.outputWall()).isEqualTo(0.398);
    assertThat(p.outputCpu()).isEqualTo(0.570);
    assertThat(p.totalWall()).isCloseTo(5.797, within(1e-9));
    assertThat(p.totalCpu()).isCloseTo(6.790, within(1e-9));
    assertThat(p.outsideWall()).isCloseTo(0.100, within(1e-9));
  }

  @Test
  void shouldBoundTwoWorkersByTheSerialPartsAndHalfTheReadingCpu() {
    PhaseSplit p = split();

    // 0.100 outside the JVM + 0.401 + 0.398 + 5.700 / 2 = 3.749 s, against 5.897 s for one.
    assertThat(p.floorSeconds(2, 2)).isCloseTo(3.749, within(1e-9));
    assertThat(p.boundSpeedup(2, 2)).isCloseTo(5.897 / 3.749, within(1e-9));
    // With the 0.5 s of collector pauses serial: 0.899 + 0.500 + 5.200 / 2 = 3.999 s.
    assertThat(p.floorWithSerialPausesSeconds(2, 2)).isCloseTo(3.999, within(1e-9));
    assertThat(p.boundWithSerialPauses(2, 2)).isCloseTo(5.897 / 3.999, within(1e-9));
    // One processor shares nothing: the floor holds all the CPU of reading.
    assertThat(p.floorSeconds(2, 1)).isCloseTo(0.899 + 5.700, within(1e-9));
    assertThat(p.boundSpeedup(2, 1)).isLessThan(1);
  }

  @Test
  void shouldKeepTheRunOfMedianLength() {
    PhaseSplit a = PhaseSplit.parse(STDERR, 5.0).orElseThrow();
    PhaseSplit b = PhaseSplit.parse(STDERR, 7.0).orElseThrow();
    PhaseSplit c = PhaseSplit.parse(STDERR, 6.0).orElseThrow();

    assertThat(PhaseSplit.median(List.of(a, b, c))).isSameAs(c);
  }

  @Test
  void shouldFindNothingWhenARowIsMissingOrItsCpuUnknown() {
    assertThat(PhaseSplit.parse("ward: no timings here\n", 1)).isEmpty();
    assertThat(PhaseSplit.parse(STDERR.replace("inventory and output", "output"), 1)).isEmpty();
    assertThat(PhaseSplit.parse(STDERR.replace("   5.700", "       -"), 1)).isEmpty();
    // Unknown collector time counts as no pauses.
    assertThat(PhaseSplit.parse(STDERR.replace("   0.500", "       -"), 1).orElseThrow().readGc())
        .isZero();
  }
}
