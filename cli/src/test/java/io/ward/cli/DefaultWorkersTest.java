package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many workers {@code ward analyze} runs when not told. */
class DefaultWorkersTest {

  @Test
  void shouldLeaveOneProcessorToTheThreadsThatServeTheWorkersUpToFour() {
    assertThat(DefaultWorkers.of(1)).isEqualTo(1);
    assertThat(DefaultWorkers.of(2)).isEqualTo(1);
    assertThat(DefaultWorkers.of(3)).isEqualTo(2);
    assertThat(DefaultWorkers.of(5)).isEqualTo(4);
    assertThat(DefaultWorkers.of(64)).isEqualTo(4);
  }
}
