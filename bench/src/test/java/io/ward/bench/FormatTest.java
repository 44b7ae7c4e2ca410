package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void shouldSayUncommittedChangesOnlyOfADirtyBuild() {
    assertThat(Format.builtFrom("5c9a894")).isEqualTo("built from `5c9a894`");
    assertThat(Format.builtFrom("5c9a894-dirty"))
        .isEqualTo("built from `5c9a894-dirty` (with uncommitted changes)");
  }

  @Test
  void shouldWriteSecondsWithTwoDecimalsAndUnknownOnesAsNotAvailable() {
    assertThat(Format.seconds(0.3349)).isEqualTo("0.33");
    assertThat(Format.seconds(Double.NaN)).isEqualTo("n/a");
    assertThat(Format.seconds(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
  }
}
