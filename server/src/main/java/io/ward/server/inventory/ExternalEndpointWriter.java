package io.ward.server.inventory;

import io.ward.model.ExternalEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merges the external endpoints of one capture into {@code external_endpoint} and their links to
 * the devices into {@code external_endpoint_device}, in the caller's transaction ({@link
 * InventoryWriter#merge}, after the capture's devices are stored). An address seen again is
 * updated, never duplicated: counts add, first and last seen widen, host names and protocols are
 * unions.
 */
final class ExternalEndpointWriter {
  private static final List<String> ENDPOINT_COLUMNS =
      List.of(
          "ip",
          "hostnames",
          "protocols",
          "flows",
          "packets",
          "bytes",
          "first_seen",
          "last_seen",
          "created_at",
          "updated_at");

  private static final List<String> LINK_COLUMNS =
      List.of("endpoint_id", "device_id", "flows", "packets", "bytes", "first_seen", "last_seen");

  private static final String UPDATE_ENDPOINT =
      "UPDATE external_endpoint SET hostnames = ?, protocols = ?, flows = ?, packets = ?,"
          + " bytes = ?, first_seen = ?, last_seen = ?, updated_at = ? WHERE id = ?";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final RowInserter inserter;

  ExternalEndpointWriter(JdbcClient jdbc, JdbcTemplate template, RowInserter inserter) {
    this.jdbc = jdbc;
    this.template = template;
    this.inserter = inserter;
  }

  /** What one merge did: endpoints stored for the first time, and endpoints already stored. */
  record Outcome(int added, int updated) {}

  /**
   * Stores the endpoints {@code seen} and links each to the devices that talked with it.
   *
   * @param deviceIds storage ids of the capture's devices, by engine id
   */
  Outcome merge(ExternalEndpointsSeen seen, Map<String, Long> deviceIds, Instant now) {
    if (seen.endpoints().isEmpty()) {
      return new Outcome(0, 0);
    }
    List<String> ips = seen.endpoints().stream().map(e -> e.ip().toString()).toList();
    Map<String, Stored> existing = load(ips);
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    for (ExternalEndpoint e : seen.endpoints()) {
      Columns columns = Columns.of(e);
      Stored old = existing.get(columns.ip());
      if (old == null) {
        inserts.add(columns.insertValues(now));
      } else {
        updates.add(old.columns().mergedWith(columns).updateValues(old.id(), now));
      }
    }
    for (List<Object[]> chunk : InventoryWriter.chunks(updates)) {
      template.batchUpdate(UPDATE_ENDPOINT, chunk);
    }
    inserter.insert("external_endpoint", ENDPOINT_COLUMNS, inserts);
    Map<String, Long> endpointIds = new HashMap<>();
    existing.forEach((ip, s) -> endpointIds.put(ip, s.id()));
    if (!inserts.isEmpty()) {
      List<String> fresh = ips.stream().filter(ip -> !existing.containsKey(ip)).toList();
      load(fresh).forEach((ip, s) -> endpointIds.put(ip, s.id()));
    }
    Set<Long> before = new HashSet<>();
    existing.values().forEach(s -> before.add(s.id()));
    addLinks(links(seen, deviceIds, endpointIds), before);
    return new Outcome(inserts.size(), updates.size());
  }

  /**
   * Adds traffic stored elsewhere until now to the stored endpoint {@code old}, as a capture's is
   * added: a device that was an internet host all along ({@link ExternalEndpointReconciler}), with
   * its traffic with each device as {@code links}.
   */
  void fold(Stored old, Columns added, Collection<Link> links, Instant now) {
    jdbc.sql(UPDATE_ENDPOINT)
        .params(old.columns().mergedWith(added).updateValues(old.id(), now))
        .update();
    addLinks(links, Set.of(old.id()));
  }

  /** The endpoints stored at these addresses, by address. */
  Map<String, Stored> stored(List<String> ips) {
    return load(ips);
  }

  /** Deletes a stored endpoint with its links to the devices and its sightings. */
  void remove(long endpointId) {
    jdbc.sql("DELETE FROM external_endpoint_sighting WHERE endpoint_id = ?")
        .param(endpointId)
        .update();
    jdbc.sql("DELETE FROM external_endpoint_device WHERE endpoint_id = ?")
        .param(endpointId)
        .update();
    jdbc.sql("DELETE FROM external_endpoint WHERE id = ?").param(endpointId).update();
  }

  /** One device's traffic with one endpoint, as a row of {@code external_endpoint_device}. */
  record Link(
      long endpointId,
      long deviceId,
      long flows,
      long packets,
      long bytes,
      Instant firstSeen,
      Instant lastSeen) {

    Object[] values() {
      return new Object[] {
        endpointId,
        deviceId,
        flows,
        packets,
        bytes,
        DeviceRows.utc(firstSeen),
        DeviceRows.utc(lastSeen)
      };
    }
  }

  /**
   * The capture's links: each device's traffic with each endpoint, and, with no traffic of its own,
   * any device the inventory names as a talker whose flows resolved to no stored device (its
   * identity in the flows, an address, may belong to another device of the capture).
   */
  private static Collection<Link> links(
      ExternalEndpointsSeen seen, Map<String, Long> deviceIds, Map<String, Long> endpointIds) {
    Map<List<Long>, Link> links = new LinkedHashMap<>();
    for (ExternalTrafficRow t : seen.traffic()) {
      Long device = deviceIds.get(t.deviceKey());
      Long endpoint = endpointIds.get(t.ip().toString());
      if (device == null || endpoint == null) {
        continue;
      }
      links.put(
          List.of(endpoint, device),
          new Link(
              endpoint,
              device,
              t.flows(),
              t.packets(),
              t.bytes(),
              InventoryWriter.nanos(t.firstSeenEpochNanos()),
              InventoryWriter.nanos(t.lastSeenEpochNanos())));
    }
    for (ExternalEndpoint e : seen.endpoints()) {
      Long endpoint = endpointIds.get(e.ip().toString());
      for (String key : e.deviceIds()) {
        Long device = deviceIds.get(key);
        if (endpoint != null && device != null) {
          links.putIfAbsent(
              List.of(endpoint, device),
              new Link(
                  endpoint,
                  device,
                  0,
                  0,
                  0,
                  InventoryWriter.nanos(e.firstSeenEpochNanos()),
                  InventoryWriter.nanos(e.lastSeenEpochNanos())));
        }
      }
    }
    return links.values();
  }

  /**
   * Adds the links: one already stored is summed into, a new one inserted, and each endpoint's
   * device count grows by the links new to it. Only endpoints stored before this merge ({@code
   * before}) can have stored links, and only the pairs of the capture are looked up among theirs: a
   * cloud service tens of thousands of workstations talk to has as many links, and a merge (one at
   * a time) reads and holds only the few of them its capture brings.
   */
  private void addLinks(Collection<Link> links, Set<Long> before) {
    Set<List<Long>> stored =
        storedPairs(links.stream().filter(l -> before.contains(l.endpointId())).toList());
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    Map<Long, Integer> newDevices = new HashMap<>();
    for (Link l : links) {
      if (stored.contains(List.of(l.endpointId(), l.deviceId()))) {
        updates.add(
            new Object[] {
              l.flows(),
              l.packets(),
              l.bytes(),
              DeviceRows.utc(l.firstSeen()),
              DeviceRows.utc(l.lastSeen()),
              l.endpointId(),
              l.deviceId()
            });
      } else {
        inserts.add(l.values());
        newDevices.merge(l.endpointId(), 1, Integer::sum);
      }
    }
    for (List<Object[]> chunk : InventoryWriter.chunks(updates)) {
      template.batchUpdate(
          "UPDATE external_endpoint_device SET flows = flows + ?, packets = packets + ?,"
              + " bytes = bytes + ?, first_seen = LEAST(first_seen, ?),"
              + " last_seen = GREATEST(last_seen, ?) WHERE endpoint_id = ? AND device_id = ?",
          chunk);
    }
    inserter.insert("external_endpoint_device", LINK_COLUMNS, inserts);
    addDeviceCounts(newDevices);
  }

  /**
   * The (endpoint, device) pairs of {@code links} that {@code external_endpoint_device} holds,
   * looked up by its key (a row value IN list, which both databases answer from the primary key,
   * one probe a pair), never by endpoint alone.
   */
  private Set<List<Long>> storedPairs(List<Link> links) {
    Set<List<Long>> stored = new HashSet<>();
    for (List<Link> chunk : InventoryWriter.chunks(links)) {
      List<Object> params = new ArrayList<>();
      chunk.forEach(
          l -> {
            params.add(l.endpointId());
            params.add(l.deviceId());
          });
      jdbc.sql(
              "SELECT endpoint_id, device_id FROM external_endpoint_device"
                  + " WHERE (endpoint_id, device_id) IN ("
                  + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"))
                  + ")")
          .params(params)
          .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
          .list()
          .forEach(stored::add);
    }
    return stored;
  }

  /**
   * Adds to each endpoint's device count the devices newly linked to it: the count is the number of
   * its links, one per device, and links are only ever added here (one removed with its device is
   * counted again, {@link #countDevices}). Not the devices a capture saw, which would count a
   * device seen again twice; and not every link counted again at each merge, which would read them
   * all, tens of thousands for a cloud service.
   */
  private void addDeviceCounts(Map<Long, Integer> newDevices) {
    List<Object[]> rows = new ArrayList<>();
    newDevices.forEach((endpoint, n) -> rows.add(new Object[] {n, endpoint}));
    for (List<Object[]> chunk : InventoryWriter.chunks(rows)) {
      template.batchUpdate(
          "UPDATE external_endpoint SET device_count = device_count + ? WHERE id = ?", chunk);
    }
  }

  /**
   * Sets each endpoint's device count from its links, counted again: after a device and its links
   * were removed ({@link ExternalEndpointReconciler}), which is rare, unlike a merge.
   */
  void countDevices(List<Long> endpointIds) {
    for (List<Long> chunk : InventoryWriter.chunks(endpointIds)) {
      jdbc.sql(
              "UPDATE external_endpoint SET device_count = (SELECT COUNT(*) FROM"
                  + " external_endpoint_device l WHERE l.endpoint_id = external_endpoint.id)"
                  + " WHERE id IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .update();
    }
  }

  /** A stored endpoint: its id, columns and how many devices are linked to it. */
  record Stored(long id, Columns columns, int deviceCount) {}

  private Map<String, Stored> load(List<String> ips) {
    Map<String, Stored> out = new HashMap<>();
    for (List<String> chunk : InventoryWriter.chunks(ips)) {
      jdbc.sql(
              "SELECT id, ip, hostnames, protocols, flows, packets, bytes, first_seen, last_seen,"
                  + " device_count FROM external_endpoint WHERE ip IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) ->
                  new Stored(
                      rs.getLong("id"),
                      new Columns(
                          rs.getString("ip"),
                          DeviceRows.list(rs.getString("hostnames")),
                          DeviceRows.list(rs.getString("protocols")),
                          rs.getLong("flows"),
                          rs.getLong("packets"),
                          rs.getLong("bytes"),
                          DeviceRows.instant(rs, "first_seen"),
                          DeviceRows.instant(rs, "last_seen")),
                      rs.getInt("device_count")))
          .list()
          .forEach(s -> out.put(s.columns().ip(), s));
    }
    return out;
  }

  /** The stored columns of an endpoint, and how a capture merges into them. */
  record Columns(
      String ip,
      List<String> hostnames,
      List<String> protocols,
      long flows,
      long packets,
      long bytes,
      Instant firstSeen,
      Instant lastSeen) {

    static Columns of(ExternalEndpoint e) {
      return new Columns(
          e.ip().toString(),
          e.hostnames(),
          List.copyOf(new TreeSet<>(e.protocols())),
          e.flows(),
          e.packets(),
          e.bytes(),
          InventoryWriter.nanos(e.firstSeenEpochNanos()),
          InventoryWriter.nanos(e.lastSeenEpochNanos()));
    }

    /**
     * This endpoint with the capture {@code n} added: counts add, times widen, protocols are a
     * sorted union. Host names are a union that starts with the names of whichever saw the address
     * last, not whichever was ingested last: a cloud address changes names over time, and a column
     * too short for them all keeps the newest.
     */
    Columns mergedWith(Columns n) {
      boolean newer = !n.lastSeen.isBefore(lastSeen);
      List<String> names =
          newer
              ? InventoryWriter.Columns.union(hostnames, n.hostnames)
              : InventoryWriter.Columns.union(n.hostnames, hostnames);
      TreeSet<String> allProtocols = new TreeSet<>(protocols);
      allProtocols.addAll(n.protocols);
      return new Columns(
          ip,
          names,
          List.copyOf(allProtocols),
          flows + n.flows,
          packets + n.packets,
          bytes + n.bytes,
          firstSeen.isBefore(n.firstSeen) ? firstSeen : n.firstSeen,
          lastSeen.isAfter(n.lastSeen) ? lastSeen : n.lastSeen);
    }

    Object[] insertValues(Instant now) {
      return new Object[] {
        InventoryWriter.clip(ip, 45),
        InventoryWriter.Columns.joinClipped(hostnames, 2000),
        InventoryWriter.Columns.joinClipped(protocols, 1000),
        flows,
        packets,
        bytes,
        DeviceRows.utc(firstSeen),
        DeviceRows.utc(lastSeen),
        DeviceRows.utc(now),
        DeviceRows.utc(now)
      };
    }

    Object[] updateValues(long id, Instant now) {
      return new Object[] {
        InventoryWriter.Columns.joinClipped(hostnames, 2000),
        InventoryWriter.Columns.joinClipped(protocols, 1000),
        flows,
        packets,
        bytes,
        DeviceRows.utc(firstSeen),
        DeviceRows.utc(lastSeen),
        DeviceRows.utc(now),
        id
      };
    }
  }
}
