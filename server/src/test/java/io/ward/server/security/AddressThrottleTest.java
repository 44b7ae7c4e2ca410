package io.ward.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldThrottleAnAddressAfterTooManyFailuresInTheWindowAndForgetThemAfterwards() {
    ManualClock clock = new ManualClock();
    AddressThrottle throttle = new AddressThrottle(3, Duration.ofMinutes(10), clock);
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.throttled("10.0.0.1")).isFalse();
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.throttled("10.0.0.1")).isTrue();
    assertThat(throttle.throttled("10.0.0.2")).isFalse();
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertThat(throttle.throttled("10.0.0.1")).isFalse();
  }
}
