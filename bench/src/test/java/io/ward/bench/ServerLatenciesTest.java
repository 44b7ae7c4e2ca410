package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ServerLatenciesTest {

  private static final long MS = 1_000_000L;

  @Test
  void shouldTakeTheNearestRankPercentile() {
    long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
    assertThat(ServerLatencies.percentile(oneToHundred, 50)).isEqualTo(50);
    assertThat(ServerLatencies.percentile(oneToHundred, 95)).isEqualTo(95);
    assertThat(ServerLatencies.percentile(oneToHundred, 99)).isEqualTo(99);
    assertThat(ServerLatencies.percentile(oneToHundred, 100)).isEqualTo(100);
  }

  @Test
  void shouldRoundTheRankUpOnSmallSamples() {
    long[] ten = LongStream.rangeClosed(1, 10).toArray();
    // 95% of 10 values is 9.5 values: the 10th is the first that covers them.
    assertThat(ServerLatencies.percentile(ten, 95)).isEqualTo(10);
    assertThat(ServerLatencies.percentile(ten, 50)).isEqualTo(5);
    assertThat(ServerLatencies.percentile(new long[] {7}, 99)).isEqualTo(7);
  }

  @Test
  void shouldRefuseNoValuesAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> ServerLatencies.percentile(new long[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerLatencies.percentile(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerLatencies.percentile(new long[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSummariseTheChosenKindsInMillisecondsWhateverTheRecordingOrder() {
    ServerLatencies a = new ServerLatencies();
    ServerLatencies b = new ServerLatencies();
    for (long i = 100; i >= 1; i--) {
      (i % 2 == 0 ? a : b).record("list", i * MS);
    }
    a.record("page", 5000 * MS);
    b.error("list", "HTTP 500");

    ServerLatencies all = ServerLatencies.merge(List.of(a, b));
    ServerLatencies.Summary list = all.summary("list", "list"::equals);

    assertThat(list.count()).isEqualTo(100);
    assertThat(list.errors()).isEqualTo(1);
    assertThat(list.p50()).isEqualTo(50.0);
    assertThat(list.p95()).isEqualTo(95.0);
    assertThat(list.p99()).isEqualTo(99.0);
    assertThat(list.max()).isEqualTo(100.0);
    assertThat(all.summary("all", k -> true).max()).isEqualTo(5000.0);
    assertThat(all.count()).isEqualTo(101);
    assertThat(all.errorSamples()).containsExactly("list: HTTP 500");
  }

  @Test
  void shouldGrowPastTheFirstBuffer() {
    ServerLatencies l = new ServerLatencies();
    for (int i = 1; i <= 5000; i++) {
      l.record("k", i);
    }
    assertThat(l.summary("k", "k"::equals).count()).isEqualTo(5000);
    assertThat(l.summary("k", "k"::equals).max()).isEqualTo(5000 / 1e6);
  }
}
