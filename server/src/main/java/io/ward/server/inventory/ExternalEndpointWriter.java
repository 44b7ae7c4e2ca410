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
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Merges the external endpoints of one capture into {@code external_endpoint} and their links to
 * the devices into {@code external_endpoint_device}, in the caller's transaction ({@link
 * InventoryWriter#merge}, after the capture's devices are stored). An address seen again is
 * updated, never duplicated: counts add, first and last seen widen, host names, protocols and
 * reasons are unions.
 *
 * <p>Merges may run at once: two jobs of one server, or two server processes on one PostgreSQL. New
 * endpoints and links are inserted unless another merge stored them meanwhile ({@link
 * InsertIfAbsent}), and then added to like stored ones; counts and times are added in the statement
 * ({@code flows = flows + ?}), never written as read earlier; and a stored endpoint is locked (in
 * address order, so that two merges cannot each wait for the other) while its host names, protocols
 * and reasons, unions computed here, are read and written.
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
          "reasons",
          "created_at",
          "updated_at");

  private static final List<String> LINK_COLUMNS =
      List.of("endpoint_id", "device_id", "flows", "packets", "bytes", "first_seen", "last_seen");

  /** Adds a capture's traffic to a stored endpoint locked by {@link #lockAndLoad}. */
  private static final String ADD_TO_ENDPOINT =
      "UPDATE external_endpoint SET hostnames = ?, protocols = ?, flows = flows + ?,"
          + " packets = packets + ?, bytes = bytes + ?, first_seen = LEAST(first_seen, ?),"
          + " last_seen = GREATEST(last_seen, ?), reasons = ?, updated_at = ? WHERE id = ?";

  private static final String ADD_TO_LINK =
      "UPDATE external_endpoint_device SET flows = flows + ?, packets = packets + ?,"
          + " bytes = bytes + ?, first_seen = LEAST(first_seen, ?),"
          + " last_seen = GREATEST(last_seen, ?) WHERE endpoint_id = ? AND device_id = ?";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final RowInserter inserter;
  private final InsertIfAbsent insertIfAbsent;
  private final String lockForUpdate;

  ExternalEndpointWriter(
      JdbcClient jdbc, JdbcTemplate template, RowInserter inserter, boolean postgres) {
    this.jdbc = jdbc;
    this.template = template;
    this.inserter = inserter;
    this.insertIfAbsent = new InsertIfAbsent(template, postgres);
    // PostgreSQL's weaker lock: it lets other merges insert links that refer to the endpoint.
    this.lockForUpdate = postgres ? " FOR NO KEY UPDATE" : " FOR UPDATE";
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
    Map<String, Columns> brought = new TreeMap<>();
    for (ExternalEndpoint e : seen.endpoints()) {
      Columns c = Columns.of(e);
      brought.merge(c.ip(), c, Columns::mergedWith);
    }
    List<String> ips = List.copyOf(brought.keySet());
    Map<String, Stored> existing = lockAndLoad(ips);
    List<String> fresh = ips.stream().filter(ip -> !existing.containsKey(ip)).toList();
    List<Object[]> inserts = fresh.stream().map(ip -> brought.get(ip).insertValues(now)).toList();
    boolean[] inserted =
        insertIfAbsent.insert("external_endpoint", ENDPOINT_COLUMNS, List.of("ip"), inserts);
    List<String> added = new ArrayList<>();
    List<String> storedMeanwhile = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      (inserted[i] ? added : storedMeanwhile).add(fresh.get(i));
    }
    // Another merge stored these after the read above: added to as any stored endpoint.
    Map<String, Stored> before = new HashMap<>(existing);
    before.putAll(lockAndLoad(storedMeanwhile));
    List<Object[]> updates = new ArrayList<>();
    before.forEach(
        (ip, old) -> updates.add(old.columns().addValues(brought.get(ip), old.id(), now)));
    for (List<Object[]> chunk : InventoryWriter.chunks(updates)) {
      template.batchUpdate(ADD_TO_ENDPOINT, chunk);
    }
    Map<String, Long> endpointIds = new HashMap<>();
    before.forEach((ip, s) -> endpointIds.put(ip, s.id()));
    load(added, "").forEach((ip, s) -> endpointIds.put(ip, s.id()));
    Set<Long> stored = new HashSet<>();
    before.values().forEach(s -> stored.add(s.id()));
    addLinks(links(seen, deviceIds, endpointIds), stored);
    return new Outcome(added.size(), before.size());
  }

  /**
   * Adds traffic stored elsewhere until now to the stored endpoint {@code old} (locked by {@link
   * #stored}), as a capture's is added: a device that was an internet host all along ({@link
   * ExternalEndpointReconciler}), with its traffic with each device as {@code links}.
   */
  void fold(Stored old, Columns added, Collection<Link> links, Instant now) {
    jdbc.sql(ADD_TO_ENDPOINT).params(old.columns().addValues(added, old.id(), now)).update();
    addLinks(links, Set.of(old.id()));
  }

  /**
   * The endpoints stored at these addresses, by address, locked until the caller's transaction
   * ends: it adds to them or removes them.
   */
  Map<String, Stored> stored(List<String> ips) {
    return lockAndLoad(ips);
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
   * stored}) can have stored links, and only the pairs of the capture are looked up among theirs: a
   * cloud service tens of thousands of workstations talk to has as many links, and a merge reads
   * and holds only the few of them its capture brings. A link of such an endpoint that another
   * merge inserts meanwhile is found by the insert, and summed into too; an endpoint this merge
   * inserted is not visible to any other yet, so its links are copied in.
   */
  private void addLinks(Collection<Link> links, Set<Long> stored) {
    Set<List<Long>> storedPairs =
        storedPairs(links.stream().filter(l -> stored.contains(l.endpointId())).toList());
    List<Link> adds = new ArrayList<>();
    List<Link> maybeNew = new ArrayList<>();
    List<Object[]> copies = new ArrayList<>();
    Map<Long, Integer> newDevices = new HashMap<>();
    for (Link l : links) {
      if (storedPairs.contains(List.of(l.endpointId(), l.deviceId()))) {
        adds.add(l);
      } else if (stored.contains(l.endpointId())) {
        maybeNew.add(l);
      } else {
        copies.add(l.values());
        newDevices.merge(l.endpointId(), 1, Integer::sum);
      }
    }
    boolean[] inserted =
        insertIfAbsent.insert(
            "external_endpoint_device",
            LINK_COLUMNS,
            List.of("endpoint_id", "device_id"),
            maybeNew.stream().map(Link::values).toList());
    for (int i = 0; i < maybeNew.size(); i++) {
      Link l = maybeNew.get(i);
      if (inserted[i]) {
        newDevices.merge(l.endpointId(), 1, Integer::sum);
      } else {
        adds.add(l);
      }
    }
    List<Object[]> updates =
        adds.stream()
            .map(
                l ->
                    new Object[] {
                      l.flows(),
                      l.packets(),
                      l.bytes(),
                      DeviceRows.utc(l.firstSeen()),
                      DeviceRows.utc(l.lastSeen()),
                      l.endpointId(),
                      l.deviceId()
                    })
            .toList();
    for (List<Object[]> chunk : InventoryWriter.chunks(updates)) {
      template.batchUpdate(ADD_TO_LINK, chunk);
    }
    inserter.insert("external_endpoint_device", LINK_COLUMNS, copies);
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

  /**
   * The endpoints stored at {@code ips}, locked in address order until the transaction ends: two
   * merges that lock some of the same endpoints lock them in one order, so the second waits for the
   * first rather than each for the other.
   */
  private Map<String, Stored> lockAndLoad(List<String> ips) {
    return load(ips.stream().sorted().toList(), " ORDER BY ip" + lockForUpdate);
  }

  /** The endpoints stored at {@code ips}, read in chunks, each statement ended by {@code tail}. */
  private Map<String, Stored> load(List<String> ips, String tail) {
    Map<String, Stored> out = new HashMap<>();
    for (List<String> chunk : InventoryWriter.chunks(ips)) {
      jdbc.sql(
              "SELECT id, ip, hostnames, protocols, flows, packets, bytes, first_seen, last_seen,"
                  + " reasons, device_count FROM external_endpoint WHERE ip IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ")"
                  + tail)
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
                          DeviceRows.instant(rs, "last_seen"),
                          DeviceRows.list(rs.getString("reasons"))),
                      rs.getInt("device_count")))
          .list()
          .forEach(s -> out.put(s.columns().ip(), s));
    }
    return out;
  }

  /**
   * The stored columns of an endpoint, and how a capture merges into them.
   *
   * @param reasons ids of the rules that made it external ({@link ExternalEndpoint.Reason}),
   *     sorted; empty when not recorded (stored before they were, or traffic folded in from a
   *     device)
   */
  record Columns(
      String ip,
      List<String> hostnames,
      List<String> protocols,
      long flows,
      long packets,
      long bytes,
      Instant firstSeen,
      Instant lastSeen,
      List<String> reasons) {

    static Columns of(ExternalEndpoint e) {
      return new Columns(
          e.ip().toString(),
          e.hostnames(),
          List.copyOf(new TreeSet<>(e.protocols())),
          e.flows(),
          e.packets(),
          e.bytes(),
          InventoryWriter.nanos(e.firstSeenEpochNanos()),
          InventoryWriter.nanos(e.lastSeenEpochNanos()),
          List.of(e.reason().id()));
    }

    /**
     * This endpoint with the capture {@code n} added: counts add, times widen, protocols are a
     * sorted union, and so are reasons. Host names are a union that starts with the names of
     * whichever saw the address last, not whichever was ingested last: a cloud address changes
     * names over time, and a column too short for them all keeps the newest.
     */
    Columns mergedWith(Columns n) {
      boolean newer = !n.lastSeen.isBefore(lastSeen);
      List<String> names =
          newer
              ? InventoryWriter.Columns.union(hostnames, n.hostnames)
              : InventoryWriter.Columns.union(n.hostnames, hostnames);
      TreeSet<String> allProtocols = new TreeSet<>(protocols);
      allProtocols.addAll(n.protocols);
      TreeSet<String> allReasons = new TreeSet<>(reasons);
      allReasons.addAll(n.reasons);
      return new Columns(
          ip,
          names,
          List.copyOf(allProtocols),
          flows + n.flows,
          packets + n.packets,
          bytes + n.bytes,
          firstSeen.isBefore(n.firstSeen) ? firstSeen : n.firstSeen,
          lastSeen.isAfter(n.lastSeen) ? lastSeen : n.lastSeen,
          List.copyOf(allReasons));
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
        DeviceRows.join(reasons),
        DeviceRows.utc(now),
        DeviceRows.utc(now)
      };
    }

    /**
     * The parameters of {@link #ADD_TO_ENDPOINT} that add {@code added} to this stored endpoint:
     * the merged host names and protocols, and what {@code added} brings to the counts and times,
     * which the statement adds to the stored ones.
     */
    Object[] addValues(Columns added, long id, Instant now) {
      Columns merged = mergedWith(added);
      return new Object[] {
        InventoryWriter.Columns.joinClipped(merged.hostnames, 2000),
        InventoryWriter.Columns.joinClipped(merged.protocols, 1000),
        added.flows,
        added.packets,
        added.bytes,
        DeviceRows.utc(added.firstSeen),
        DeviceRows.utc(added.lastSeen),
        DeviceRows.join(merged.reasons),
        DeviceRows.utc(now),
        id
      };
    }
  }
}
