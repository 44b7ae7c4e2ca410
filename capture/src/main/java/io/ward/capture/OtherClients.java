package io.ward.capture;

import io.ward.model.Endpoint;
import io.ward.model.Flow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices other than its client that spoke as a flow's client, with when each was seen (see
 * {@link Flow#otherClients}). Made only for a flow that has one, nearly always a DHCP flow from
 * 0.0.0.0; bounded, so that a flood of made-up client addresses (a DHCP starvation attack) cannot
 * grow one flow without end.
 */
final class OtherClients {
  /** More than the devices of a large hospital's segment that boot at once. */
  static final int MAX = 4096;

  private final Map<Endpoint, long[]> seen = new LinkedHashMap<>();

  // The sender added last by MAC, so that its next packets cost no lookup and no endpoint object.
  private long lastMac = Packet.NO_MAC;
  private long[] lastTimes;

  /**
   * Records {@code endpoint} as seen at {@code epochNanos}; false when it is new and the bound is
   * reached (it is then not recorded).
   */
  boolean add(Endpoint endpoint, long epochNanos) {
    long[] times = seen.get(endpoint);
    if (times == null) {
      if (seen.size() >= MAX) {
        return false;
      }
      seen.put(endpoint, new long[] {epochNanos, epochNanos});
      return true;
    }
    see(times, epochNanos);
    return true;
  }

  /**
   * Whether the frame sender with MAC {@code mac} is the one {@link #addSender} added last; if so
   * it is recorded as seen at {@code epochNanos}, with no lookup and no endpoint object made.
   */
  boolean repeatSender(long mac, long epochNanos) {
    if (mac != lastMac) {
      return false;
    }
    see(lastTimes, epochNanos);
    return true;
  }

  /** As {@link #add}, for the frame sender with MAC {@code mac}, whose endpoint is given. */
  boolean addSender(long mac, Endpoint endpoint, long epochNanos) {
    if (!add(endpoint, epochNanos)) {
      return false;
    }
    lastMac = mac;
    lastTimes = seen.get(endpoint);
    return true;
  }

  private static void see(long[] times, long epochNanos) {
    if (epochNanos < times[0]) {
      times[0] = epochNanos;
    }
    if (epochNanos > times[1]) {
      times[1] = epochNanos;
    }
  }

  /** Every one, in the order they were first seen. */
  List<Flow.OtherClient> list() {
    List<Flow.OtherClient> out = new ArrayList<>(seen.size());
    seen.forEach((e, t) -> out.add(new Flow.OtherClient(e, t[0], t[1])));
    return out;
  }
}
