package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint as the inventory keys it: the unicast MAC and the unicast IP, either possibly absent.
 * Group MACs and multicast, broadcast or unspecified IPs are dropped because they never name one
 * device; VLANs are kept apart, as an attribute of what was seen.
 *
 * <p>A plain class rather than a record of two {@code Optional}s: it is the key of the store's hash
 * map and of sorted peer sets, looked up for every observation and every flow, and the record's
 * generated equals and hashCode over {@code Optional} dominated the analysis profile.
 */
final class EndpointKey implements Comparable<EndpointKey> {
  private final MacAddress mac; // null when absent
  private final IpAddress ip; // null when absent
  private final int hash;

  private EndpointKey(MacAddress mac, IpAddress ip) {
    this.mac = mac;
    this.ip = ip;
    long h = mac == null ? 0 : mac.bits() * 0x9E3779B97F4A7C15L;
    if (ip != null) {
      h ^= ip.high() * 0xC2B2AE3D27D4EB4FL + ip.low() * 0x165667B19E3779F9L;
    }
    this.hash = (int) (h ^ (h >>> 32));
  }

  /** The key of an endpoint, empty when neither address can name a device. */
  static Optional<EndpointKey> of(Endpoint endpoint) {
    return of(endpoint.mac(), endpoint.ip());
  }

  /** The key of a MAC and IP pair, empty when neither can name a device. */
  static Optional<EndpointKey> of(Optional<MacAddress> mac, Optional<IpAddress> ip) {
    MacAddress m =
        mac.isPresent() && !mac.get().isGroup() && mac.get().bits() != 0 ? mac.get() : null;
    IpAddress i = ip.isPresent() && !ip.get().isGroupOrUnspecified() ? ip.get() : null;
    if (m == null && i == null) {
      return Optional.empty();
    }
    return Optional.of(new EndpointKey(m, i));
  }

  Optional<MacAddress> mac() {
    return Optional.ofNullable(mac);
  }

  Optional<IpAddress> ip() {
    return Optional.ofNullable(ip);
  }

  boolean hasMac() {
    return mac != null;
  }

  boolean hasIp() {
    return ip != null;
  }

  @Override
  public int compareTo(EndpointKey o) {
    int byMac = compareAbsentFirst(mac, o.mac);
    return byMac != 0 ? byMac : compareAbsentFirst(ip, o.ip);
  }

  private static <T extends Comparable<T>> int compareAbsentFirst(T x, T y) {
    if (x == null || y == null) {
      return x == y ? 0 : (x == null ? -1 : 1);
    }
    return x.compareTo(y);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof EndpointKey)) {
      return false;
    }
    EndpointKey o = (EndpointKey) other;
    return hash == o.hash
        && (mac == null ? o.mac == null : o.mac != null && mac.bits() == o.mac.bits())
        && (ip == null
            ? o.ip == null
            : o.ip != null && ip.high() == o.ip.high() && ip.low() == o.ip.low());
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "EndpointKey[mac=" + Objects.toString(mac) + ", ip=" + Objects.toString(ip) + "]";
  }
}
