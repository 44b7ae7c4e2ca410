package io.ward.server.exposure;

import io.ward.exposure.risk.TrafficExposure;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Derives each stored device's exposure from the stored flow hours with the same {@link
 * TrafficExposure} as {@code ward vulns}, so a device that talked to a public address is scored as
 * internet-exposed on the server too.
 *
 * <p>The flow hours only keep pairs of devices, but every endpoint of a capture becomes a device (a
 * host behind a router keeps its IP identity), so a public peer is a stored device holding that
 * public address. Each pair is turned into one flow per address of the peer, since the hour sums do
 * not say which of a peer's addresses was used; a peer holding a public address therefore makes its
 * partners internet-exposed. The server keeps every flow of a capture, not only cleartext ones, so
 * segmented may be claimed, as the CLI does for an inventory listing every flow.
 *
 * <p>Bounded: one query for the distinct peers of a chunk of devices and one per chunk of peers.
 */
@Component
class StoredTrafficExposure {
  private static final int CHUNK = 500;

  private final JdbcClient jdbc;

  StoredTrafficExposure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The derived exposure of each given device (storage id to device), keyed by device id.
   *
   * @param devices at most a few thousand; the caller chunks larger sets
   */
  Map<String, TrafficExposure.Derived> derive(Map<Long, Device> devices) {
    if (devices.isEmpty()) {
      return Map.of();
    }
    Map<Long, Set<Long>> peers = peersOf(devices.keySet());
    Set<Long> unknown = new LinkedHashSet<>();
    peers.values().forEach(unknown::addAll);
    unknown.removeAll(devices.keySet());
    Map<Long, Device> all = new LinkedHashMap<>(devices);
    all.putAll(load(new ArrayList<>(unknown)));
    List<Flow> flows = new ArrayList<>();
    peers.forEach(
        (self, theirs) -> {
          Device me = all.get(self);
          for (Long p : theirs) {
            Device peer = all.get(p);
            if (me != null && peer != null) {
              flowsBetween(me, peer, flows);
            }
          }
        });
    // Devices of the chunk first, so an address two devices claim resolves to the assessed one.
    Map<String, TrafficExposure.Derived> derived =
        TrafficExposure.derive(new ArrayList<>(all.values()), flows, /* allFlowsListed= */ true);
    Map<String, TrafficExposure.Derived> out = new LinkedHashMap<>();
    devices.values().forEach(d -> out.put(d.id(), derived.get(d.id())));
    return out;
  }

  /** The distinct peers of each device, whichever side opened the flows. */
  private Map<Long, Set<Long>> peersOf(Set<Long> ids) {
    Map<Long, Set<Long>> out = new HashMap<>();
    String in = String.join(",", ids.stream().map(String::valueOf).toList());
    jdbc.sql(
            "SELECT client_device_id AS self, server_device_id AS peer FROM flow_hour"
                + " WHERE client_device_id IN ("
                + in
                + ") GROUP BY client_device_id, server_device_id"
                + " UNION SELECT server_device_id AS self, client_device_id AS peer FROM flow_hour"
                + " WHERE server_device_id IN ("
                + in
                + ") GROUP BY server_device_id, client_device_id")
        .query(
            (rs, n) ->
                out.computeIfAbsent(rs.getLong("self"), k -> new LinkedHashSet<>())
                    .add(rs.getLong("peer")))
        .list();
    return out;
  }

  private Map<Long, Device> load(List<Long> ids) {
    Map<Long, Device> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
      jdbc.sql(
              "SELECT * FROM device WHERE id IN ("
                  + String.join(",", chunk.stream().map(String::valueOf).toList())
                  + ")")
          .query(FindingRefresher::device)
          .list()
          .forEach(s -> out.put(s.id(), s.device()));
    }
    return out;
  }

  /** One flow from the device to each address of the peer (its MAC when it has none). */
  private static void flowsBetween(Device me, Device peer, List<Flow> out) {
    Optional<Endpoint> self = endpoint(me, me.ips().stream().findFirst());
    if (self.isEmpty()) {
      return;
    }
    if (peer.ips().isEmpty()) {
      endpoint(peer, Optional.empty()).ifPresent(p -> out.add(flow(self.get(), p)));
      return;
    }
    for (IpAddress ip : peer.ips()) {
      out.add(flow(self.get(), Endpoint.ofIp(ip, 0)));
    }
  }

  private static Optional<Endpoint> endpoint(Device d, Optional<IpAddress> ip) {
    if (ip.isPresent()) {
      return Optional.of(Endpoint.ofIp(ip.get(), 0));
    }
    return d.mac().map(m -> Endpoint.ofMac(m, 0));
  }

  private static Flow flow(Endpoint client, Endpoint server) {
    return new Flow(
        client, 0, server, 0, Transport.OTHER, 0, Optional.empty(), false, 0, 0, 0, 0, 0, 0);
  }
}
