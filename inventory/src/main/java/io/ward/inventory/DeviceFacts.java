package io.ward.inventory;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The merged input of every endpoint key that resolved to one device. */
final class DeviceFacts {
  final String id;
  final Optional<MacAddress> mac;
  final boolean gateway;

  /** For a gateway, how many addresses of other hosts its frames carried. */
  final int routedAddresses;

  final TreeSet<IpAddress> ips = new TreeSet<>();
  final TreeSet<Integer> vlans = new TreeSet<>();
  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  final Map<String, TreeMap<String, ValueStat>> fields = new HashMap<>();
  final Map<String, TreeSet<EndpointKey>> clientsByProtocol = new TreeMap<>();
  final Map<String, TreeSet<EndpointKey>> serversByProtocol = new TreeMap<>();

  DeviceFacts(String id, Optional<MacAddress> mac, boolean gateway, int routedAddresses) {
    this.id = id;
    this.mac = mac;
    this.gateway = gateway;
    this.routedAddresses = routedAddresses;
  }

  /**
   * A key a router's frames carried for a host behind it: the router was seen then, on its VLANs;
   * the key's fields and protocols are the host's, not the router's.
   */
  void carried(KeyRecord r) {
    vlans.addAll(r.vlans);
    first = Math.min(first, r.first);
    last = Math.max(last, r.last);
  }

  void add(EndpointKey key, KeyRecord r, boolean keepIp) {
    if (keepIp) {
      key.ip().ifPresent(ips::add);
    }
    vlans.addAll(r.vlans);
    first = Math.min(first, r.first);
    last = Math.max(last, r.last);
    r.fields.forEach(
        (field, values) -> {
          TreeMap<String, ValueStat> into = fields.computeIfAbsent(field, f -> new TreeMap<>());
          values.forEach((v, s) -> into.computeIfAbsent(v, x -> new ValueStat()).merge(s));
        });
    r.clientsByProtocol.forEach(
        (p, peers) -> clientsByProtocol.computeIfAbsent(p, x -> new TreeSet<>()).addAll(peers));
    r.serversByProtocol.forEach(
        (p, peers) -> serversByProtocol.computeIfAbsent(p, x -> new TreeSet<>()).addAll(peers));
  }

  /** Values seen for a field, in value order. */
  Map<String, ValueStat> values(String field) {
    return fields.getOrDefault(field, new TreeMap<>());
  }

  boolean has(String field) {
    return fields.containsKey(field);
  }

  /** True when the device answered {@code protocol}. */
  boolean serves(String protocol) {
    return clientsByProtocol.containsKey(protocol);
  }

  /** True when the device initiated {@code protocol}. */
  boolean uses(String protocol) {
    return serversByProtocol.containsKey(protocol);
  }

  /** Distinct peers over the given protocols, in either role. */
  int peers(Collection<String> protocols, boolean asServer, boolean asClient) {
    Set<EndpointKey> all = new TreeSet<>();
    for (String p : protocols) {
      if (asServer) {
        all.addAll(clientsByProtocol.getOrDefault(p, new TreeSet<>()));
      }
      if (asClient) {
        all.addAll(serversByProtocol.getOrDefault(p, new TreeSet<>()));
      }
    }
    return all.size();
  }

  /** A synthetic statistic covering the device's whole life, for evidence not tied to a value. */
  ValueStat lifetime() {
    ValueStat s = new ValueStat();
    s.add(first == Long.MAX_VALUE ? 0 : first, false);
    s.last = Math.max(s.last, last);
    return s;
  }
}
