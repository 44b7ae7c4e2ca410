package io.ward.capture;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;

/**
 * The {@link Endpoint} objects of recent flows, by address and VLAN, so that a device's flows share
 * one. A monitor opens a connection every few seconds: each new flow made five objects per side,
 * and the inventory, reading them when the flow ended minutes later, missed the processor caches on
 * every one. A shared, often used endpoint stays cached, and the inventory's checks by identity
 * (the same subject as the previous fact) hit across flows too.
 *
 * <p>Direct-mapped, the newer endpoint replacing an older one; a miss only makes a new object.
 * Endpoints are immutable, so sharing one changes nothing else. One per worker; not thread-safe.
 */
final class EndpointCache {

  /** A power of two: more than the devices of a large hospital's busy flows. */
  static final int SLOTS = 8_192;

  // Per slot: MAC bits (Packet.NO_MAC when none), IP high and low halves, VLAN; one cache line.
  private final long[] keys;
  private final Endpoint[] endpoints;

  EndpointCache() {
    this(SLOTS);
  }

  /** With {@code slots} slots, a power of two (tests use one). */
  EndpointCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    keys = new long[slots * 4];
    endpoints = new Endpoint[slots];
  }

  /** The endpoint with this MAC ({@link Packet#NO_MAC} for none), IP and VLAN. */
  Endpoint of(long mac, long ipHigh, long ipLow, int vlan) {
    long h = mac * 0x9E3779B97F4A7C15L ^ ipHigh * 0xC2B2AE3D27D4EB4FL ^ ipLow * 0x165667B19E3779F9L;
    h += vlan;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    int slot = (int) (h ^ (h >>> 32)) & (endpoints.length - 1);
    int k = slot * 4;
    Endpoint e = endpoints[slot];
    if (e != null
        && keys[k] == mac
        && keys[k + 1] == ipHigh
        && keys[k + 2] == ipLow
        && keys[k + 3] == vlan) {
      return e;
    }
    IpAddress ip = new IpAddress(ipHigh, ipLow);
    e = mac == Packet.NO_MAC ? Endpoint.ofIp(ip, vlan) : Endpoint.of(new MacAddress(mac), ip, vlan);
    keys[k] = mac;
    keys[k + 1] = ipHigh;
    keys[k + 2] = ipLow;
    keys[k + 3] = vlan;
    endpoints[slot] = e;
    return e;
  }
}
