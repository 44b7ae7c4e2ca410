package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The hand-written timestamps are exactly what {@code Instant.toString()} writes. */
class UtcTimestampProperties {

  private static String expected(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }

  @Property(tries = 5_000)
  void writesWhatInstantWritesForAnyTime(@ForAll long epochNanos) {
    assertThat(UtcTimestamp.format(epochNanos)).isEqualTo(expected(epochNanos));
  }

  /** Capture times: this century, with millisecond, microsecond and nanosecond fractions. */
  @Property(tries = 5_000)
  void writesWhatInstantWritesForCaptureTimes(
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long second,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nano,
      @ForAll @LongRange(min = 0, max = 3) int precision) {
    long rounded = precision == 0 ? 0 : precision == 1 ? nano / 1_000_000 * 1_000_000 : nano;
    long n = precision == 2 ? nano / 1000 * 1000 : rounded;
    long epochNanos = second * 1_000_000_000L + n;
    assertThat(UtcTimestamp.format(epochNanos)).isEqualTo(expected(epochNanos));
  }

  @Test
  void writesTheEdgesOfEachForm() {
    long[] times = {
      0L,
      1L,
      -1L,
      1_000_000L,
      1_000L,
      999_999_999L,
      1_700_000_000_123_000_000L,
      1_700_000_000_123_456_000L,
      1_700_000_000_123_456_789L,
      // Before 1970, and a leap day.
      -86_400_000_000_001L,
      951_782_400_000_000_000L,
      // The extremes: years 2262 and 1677.
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long t : times) {
      assertThat(UtcTimestamp.format(t)).as("%d", t).isEqualTo(expected(t));
    }
    assertThat(UtcTimestamp.format(1_700_000_000_123_000_000L))
        .isEqualTo("2023-11-14T22:13:20.123Z");
  }
}
