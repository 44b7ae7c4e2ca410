package io.ward.inventory;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which device each endpoint key belongs to.
 *
 * <p>A unicast MAC names one device, except a MAC seen with more than {@link #GATEWAY_MIN_IPS}
 * distinct non-link-local IPs, or with a private address ARP or DHCP binds to it and a public
 * address in its frames: that is a router whose frames carry the addresses of hosts behind it.
 * Those hosts keep their IP identity; the router keeps only the addresses ARP or DHCP bind to it.
 * An IP seen without a MAC joins the MAC bound to it (by ARP, DHCP or frames), preferring ARP/DHCP
 * bindings, then the most often seen, then the most recent, then the lowest MAC.
 */
final class IdentityResolver {

  /** More distinct non-link-local IPs than this behind one MAC make it a gateway. */
  static final int GATEWAY_MIN_IPS = 8;

  private final Set<MacAddress> gateways = new HashSet<>();
  private final Map<IpAddress, MacAddress> owners = new HashMap<>();
  private final Set<IpAddress> seenWithMac = new HashSet<>();
  private final Set<IpAddress> behindGateway = new HashSet<>();

  /** One MAC↔IP binding's weight. */
  private record Binding(MacAddress mac, boolean strong, long count, long last) {}

  private static final Comparator<Binding> PREFERENCE =
      Comparator.comparing(Binding::strong)
          .thenComparingLong(Binding::count)
          .thenComparingLong(Binding::last)
          .thenComparing(Binding::mac, Comparator.reverseOrder());

  IdentityResolver(Map<EndpointKey, KeyRecord> records) {
    Map<MacAddress, Set<IpAddress>> weakIps = new HashMap<>();
    Set<MacAddress> boundPrivate = new HashSet<>();
    for (Map.Entry<EndpointKey, KeyRecord> e : records.entrySet()) {
      EndpointKey k = e.getKey();
      if (k.mac().isPresent() && k.ip().isPresent()) {
        seenWithMac.add(k.ip().get());
        KeyRecord r = e.getValue();
        if ((r.flows > 0 || r.observations > r.strongBindings) && !k.ip().get().isLinkLocal()) {
          weakIps.computeIfAbsent(k.mac().get(), m -> new HashSet<>()).add(k.ip().get());
        }
        if (r.strongBindings > 0 && !k.ip().get().isPublic()) {
          boundPrivate.add(k.mac().get());
        }
      }
    }
    weakIps.forEach(
        (mac, ips) -> {
          // A host holding a private address does not also send from a public one; a router
          // forwarding to the internet does, however few the addresses (a gateway with five web
          // servers behind it took their addresses and the operating system of their headers).
          if (ips.size() > GATEWAY_MIN_IPS
              || (boundPrivate.contains(mac) && ips.stream().anyMatch(IpAddress::isPublic))) {
            gateways.add(mac);
          }
        });
    Map<IpAddress, Binding> best = new HashMap<>();
    for (Map.Entry<EndpointKey, KeyRecord> e : records.entrySet()) {
      EndpointKey k = e.getKey();
      if (k.mac().isEmpty() || k.ip().isEmpty()) {
        continue;
      }
      KeyRecord r = e.getValue();
      boolean strong = r.strongBindings > 0;
      if (gateways.contains(k.mac().get())) {
        if (!strong) {
          behindGateway.add(k.ip().get());
          continue;
        }
      }
      Binding b =
          new Binding(k.mac().get(), strong, r.flows + r.observations + r.strongBindings, r.last);
      best.merge(k.ip().get(), b, (x, y) -> PREFERENCE.compare(x, y) >= 0 ? x : y);
    }
    best.forEach((ip, b) -> owners.put(ip, b.mac()));
    behindGateway.removeAll(owners.keySet());
  }

  /** True for a MAC that routes for many addresses. */
  boolean isGateway(MacAddress mac) {
    return gateways.contains(mac);
  }

  /** The gateway MACs found. */
  Set<MacAddress> gateways() {
    return Set.copyOf(gateways);
  }

  /** True for an IP only ever seen behind a gateway MAC (a host on another subnet). */
  boolean isBehindGateway(IpAddress ip) {
    return behindGateway.contains(ip);
  }

  /** True for an IP seen in a frame, ARP or DHCP together with some MAC. */
  boolean seenWithMac(IpAddress ip) {
    return seenWithMac.contains(ip);
  }

  /** The MAC that holds {@code ip}, if any. */
  Optional<MacAddress> owner(IpAddress ip) {
    return Optional.ofNullable(owners.get(ip));
  }

  /** The device id for a key. */
  String deviceId(EndpointKey key) {
    if (key.mac().isPresent()) {
      MacAddress mac = key.mac().get();
      if (!gateways.contains(mac) || key.ip().isEmpty()) {
        return macId(mac);
      }
      Optional<MacAddress> owner = owner(key.ip().get());
      return owner.map(IdentityResolver::macId).orElseGet(() -> ipId(key.ip().get()));
    }
    IpAddress ip = key.ip().orElseThrow();
    return owner(ip).map(IdentityResolver::macId).orElseGet(() -> ipId(ip));
  }

  static String macId(MacAddress mac) {
    return "mac:" + mac;
  }

  static String ipId(IpAddress ip) {
    return "ip:" + ip;
  }
}
