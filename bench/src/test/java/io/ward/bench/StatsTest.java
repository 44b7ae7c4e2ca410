package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void shouldTakeTheMiddleValueOfAnOddCountWhateverTheOrder() {
    assertThat(Stats.median(List.of(9.0, 1.0, 4.0))).isEqualTo(4.0);
  }

  @Test
  void shouldAverageTheTwoMiddleValuesOfAnEvenCount() {
    assertThat(Stats.median(List.of(8.0, 2.0, 4.0, 100.0))).isEqualTo(6.0);
  }

  @Test
  void shouldRefuseTheMedianOfNothing() {
    assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveNotANumberForARatioOverZero() {
    assertThat(Stats.ratio(5, 0)).isNaN();
    assertThat(Stats.ratio(5, 2)).isEqualTo(2.5);
  }
}
