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
 * distinct non-link-local IPs, or with fewer that no one host holds together ({@link #routesFew}: a
 * private address and a public one, two public IPv4 addresses, IPv6 global addresses of two
 * networks): that is a router whose frames carry the addresses of hosts behind it. Those hosts keep
 * their IP identity; the router keeps only the addresses ARP or DHCP bind to it. An IP seen without
 * a MAC joins the MAC bound to it (by ARP, DHCP or frames), preferring ARP/DHCP bindings, then the
 * most often seen, then the most recent, then the lowest MAC.
 */
final class IdentityResolver {

  /** More distinct non-link-local IPs than this behind one MAC make it a gateway. */
  static final int GATEWAY_MIN_IPS = 8;

  private final Set<MacAddress> gateways = new HashSet<>();

  /** The gateways found by {@link #routesFew}, not by the number of addresses they carry. */
  private final Set<MacAddress> internetGateways = new HashSet<>();

  private final Map<IpAddress, MacAddress> owners = new HashMap<>();
  private final Set<IpAddress> seenWithMac = new HashSet<>();
  private final Set<IpAddress> behindGateway = new HashSet<>();

  /**
   * Per gateway, how many addresses its frames carried that are not its own: the hosts it routes.
   */
  private final Map<MacAddress, Integer> routed = new HashMap<>();

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
    Set<MacAddress> bound = new HashSet<>();
    for (Map.Entry<EndpointKey, KeyRecord> e : records.entrySet()) {
      EndpointKey k = e.getKey();
      if (k.mac().isPresent() && k.ip().isPresent()) {
        seenWithMac.add(k.ip().get());
        KeyRecord r = e.getValue();
        if ((r.flows > 0 || r.observations > r.strongBindings) && !k.ip().get().isLinkLocal()) {
          weakIps.computeIfAbsent(k.mac().get(), m -> new HashSet<>()).add(k.ip().get());
        }
        if (r.strongBindings > 0) {
          bound.add(k.mac().get());
          if (!k.ip().get().isPublic()) {
            boundPrivate.add(k.mac().get());
          }
        }
      }
    }
    weakIps.forEach(
        (mac, ips) -> {
          if (ips.size() > GATEWAY_MIN_IPS) {
            gateways.add(mac);
          } else if (boundPrivate.contains(mac) && ips.stream().anyMatch(IpAddress::isPublic)) {
            gateways.add(mac);
          } else if (!bound.contains(mac) && routesFew(ips)) {
            // Not a MAC ARP or DHCP binds an address to: a DHCP client offered one public
            // address and given another holds both in turn (zeek's dhcp.pcap).
            gateways.add(mac);
            internetGateways.add(mac);
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
        // A router known only from the internet hosts it carries, none of its addresses bound,
        // keeps the private addresses its frames carry: in so few, its own (the DNS it answers
        // as), not hosts routed behind it.
        boolean own = internetGateways.contains(k.mac().get()) && !k.ip().get().isPublic();
        if (!strong && !own) {
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
    for (MacAddress mac : gateways) {
      int count = 0;
      for (IpAddress ip : weakIps.get(mac)) {
        count += mac.equals(owners.get(ip)) ? 0 : 1;
      }
      routed.put(mac, count);
    }
  }

  /**
   * True when the few addresses one MAC's frames carry ({@code ips}), with no address bound to it
   * by ARP or DHCP, are a router's: a host holding a private address does not also send from a
   * public one; nor does a host hold two public IPv4 addresses, or IPv6 global addresses of two /64
   * networks (its temporary addresses share its one /64). A small capture at a workstation's port,
   * which shows no ARP or DHCP of its router and a handful of internet hosts behind it, gave those
   * hosts the router's MAC before.
   */
  private static boolean routesFew(Set<IpAddress> ips) {
    int publicV4 = 0;
    boolean privateV4 = false;
    Set<Long> publicV6Networks = new HashSet<>();
    for (IpAddress ip : ips) {
      if (ip.isPublic()) {
        if (ip.isV4()) {
          publicV4++;
        } else {
          publicV6Networks.add(ip.high()); // the upper 64 bits: its /64
        }
      } else if (ip.isV4() && !ip.isGroupOrUnspecified() && !ip.isLinkLocal()) {
        privateV4 = true;
      }
    }
    return (privateV4 && publicV4 > 0) || publicV4 >= 2 || publicV6Networks.size() >= 2;
  }

  /** True for a MAC that routes for many addresses. */
  boolean isGateway(MacAddress mac) {
    return gateways.contains(mac);
  }

  /** How many addresses the frames of gateway {@code mac} carried that are not its own; 0 else. */
  int routedAddresses(MacAddress mac) {
    return routed.getOrDefault(mac, 0);
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
