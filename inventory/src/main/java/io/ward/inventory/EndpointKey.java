package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Comparator;
import java.util.Optional;

/**
 * An endpoint as the inventory keys it: the unicast MAC and the unicast IP, either possibly absent.
 * Group MACs and multicast, broadcast or unspecified IPs are dropped because they never name one
 * device; VLANs are kept apart, as an attribute of what was seen.
 */
record EndpointKey(Optional<MacAddress> mac, Optional<IpAddress> ip)
    implements Comparable<EndpointKey> {

  private static final Comparator<EndpointKey> ORDER =
      Comparator.comparing(
              (EndpointKey k) -> k.mac,
              Comparator.comparing((Optional<MacAddress> m) -> m.isPresent())
                  .thenComparing(
                      m -> m.orElse(null), Comparator.nullsFirst(Comparator.naturalOrder())))
          .thenComparing(
              k -> k.ip,
              Comparator.comparing((Optional<IpAddress> i) -> i.isPresent())
                  .thenComparing(
                      i -> i.orElse(null), Comparator.nullsFirst(Comparator.naturalOrder())));

  /** The key of an endpoint, empty when neither address can name a device. */
  static Optional<EndpointKey> of(Endpoint endpoint) {
    return of(endpoint.mac(), endpoint.ip());
  }

  /** The key of a MAC and IP pair, empty when neither can name a device. */
  static Optional<EndpointKey> of(Optional<MacAddress> mac, Optional<IpAddress> ip) {
    Optional<MacAddress> m = mac.filter(x -> !x.isGroup() && x.bits() != 0);
    Optional<IpAddress> i = ip.filter(x -> !x.isGroupOrUnspecified());
    if (m.isEmpty() && i.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EndpointKey(m, i));
  }

  @Override
  public int compareTo(EndpointKey o) {
    return ORDER.compare(this, o);
  }
}
