package io.ward.server.security;

import io.ward.server.config.WardProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins (passwords and API tokens) per client address in a sliding window and
 * refuses an address that failed too often, whatever user names it tries.
 */
@Component
class AddressThrottle {
  private static final int MAX_ADDRESSES = 100_000;

  private final int max;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  @Autowired
  AddressThrottle(WardProperties properties) {
    this(
        properties.security().maxFailuresPerAddress(),
        properties.security().throttleWindow(),
        Clock.systemUTC());
  }

  AddressThrottle(int max, Duration window, Clock clock) {
    this.max = max;
    this.window = window;
    this.clock = clock;
  }

  /** True when the address must wait before trying again. */
  boolean throttled(String address) {
    Deque<Instant> q = failures.get(address);
    if (q == null) {
      return false;
    }
    synchronized (q) {
      prune(q);
      return q.size() >= max;
    }
  }

  void failed(String address) {
    if (failures.size() > MAX_ADDRESSES) {
      failures.clear(); // bounded memory under an address-spraying attack
    }
    Deque<Instant> q = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (q) {
      prune(q);
      q.addLast(clock.instant());
    }
  }

  private void prune(Deque<Instant> q) {
    Instant oldest = clock.instant().minus(window);
    while (!q.isEmpty() && q.peekFirst().isBefore(oldest)) {
      q.removeFirst();
    }
  }
}
