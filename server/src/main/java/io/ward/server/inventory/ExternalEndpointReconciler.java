package io.ward.server.inventory;

import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpAddress;
import io.ward.model.IpNetwork;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each address in one place after a capture is merged: a device or an external endpoint, not
 * both. Two ways an address ends up in both:
 *
 * <ul>
 *   <li>Servers that ingested captures before external endpoints were told apart stored internet
 *       hosts as devices identified by their address ({@code ip:203.0.113.11}, no MAC). When a
 *       capture shows such an address as an external endpoint, the device is moved there: its
 *       traffic with each device (its flow hours) and the captures that saw it are added to the
 *       endpoint and its links, and the device is removed with what ingest derived for it. A device
 *       people attached work to ({@link AttachedWork}) is kept, and the endpoint too, for them to
 *       decide; it is named in the job message and audited when first kept, or kept for other work,
 *       not at every capture that shows the address again ({@link KeptInternetHosts}). One that
 *       spoke a clinical protocol stays a device, by the rule that makes an address external, and
 *       the endpoint goes.
 *   <li>An address stored as an external endpoint that a capture finds as a device identified by it
 *       (it spoke a clinical protocol, or its range is now declared internal): the device wins and
 *       the endpoint is removed.
 *   <li>An address a device with a MAC holds (ARP, DHCP or the device's own frames bound it to the
 *       MAC, as the inventory decides within one capture) is a host of the hospital's own links,
 *       not of the internet, whichever capture came first: the endpoint at that address is removed,
 *       when a capture finds the device holding it, and when a capture first shows the address as
 *       an external endpoint (each address is looked up once, not at every capture: a device that
 *       takes it later is found by the first rule).
 * </ul>
 *
 * Every removal is audited as {@code system}, with the reason and the traffic it carried. Each move
 * runs in a savepoint of the caller's transaction: a device some unknown table refers to is kept
 * whole (its foreign key refuses the delete) instead of failing the capture.
 */
final class ExternalEndpointReconciler {
  private static final Logger log = LoggerFactory.getLogger(ExternalEndpointReconciler.class);

  private static final String IP_ID = "ip:";

  /** Why a device with a MAC holds a public address, for the audit log. */
  private static final String BOUND = "ARP, DHCP or its own frames bound it to the device's MAC";

  private static final String PEER_TRAFFIC =
      "SELECT peer, SUM(flows) AS flows, SUM(packets) AS packets, SUM(bytes) AS bytes,"
          + " MIN(hour_start) AS first_hour, MAX(hour_start) AS last_hour FROM ("
          + " SELECT server_device_id AS peer, flows, packets, bytes, hour_start FROM flow_hour"
          + " WHERE client_device_id = ?"
          + " UNION ALL"
          + " SELECT client_device_id AS peer, flows, packets, bytes, hour_start FROM flow_hour"
          + " WHERE server_device_id = ?) t GROUP BY peer ORDER BY peer";

  private final JdbcClient jdbc;
  private final ExternalEndpointWriter endpoints;
  private final ExternalEndpointSightings sightings;
  private final DeviceRemover devices;
  private final AttachedWork work;
  private final KeptInternetHosts keptHosts;
  private final TransactionTemplate savepoint;
  private final AuditLog audit;

  ExternalEndpointReconciler(
      JdbcClient jdbc,
      ExternalEndpointWriter endpoints,
      ExternalEndpointSightings sightings,
      DeviceRemover devices,
      AttachedWork work,
      KeptInternetHosts keptHosts,
      TransactionTemplate savepoint,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.endpoints = endpoints;
    this.sightings = sightings;
    this.devices = devices;
    this.work = work;
    this.keptHosts = keptHosts;
    this.savepoint = savepoint;
    this.audit = audit;
  }

  /** The capture being merged, as audit entries name it. */
  record Capture(long id, String filename, long jobId) {
    String source() {
      return jobId > 0 ? "job:" + jobId : Actor.system().address();
    }

    @Override
    public String toString() {
      return filename + " (capture " + id + ")";
    }
  }

  /**
   * Reconciles the stored devices and endpoints with one merged capture.
   *
   * @param seen the capture's external endpoints, stored already
   * @param captured the capture's devices, stored already
   */
  ExternalReconciliation reconcile(
      ExternalEndpointsSeen seen, List<Device> captured, Capture capture, Instant now) {
    List<String> external = seen.endpoints().stream().map(e -> e.ip().toString()).toList();
    // How the capture showed each address: "saw it only behind a router" is not true of all.
    Map<String, String> how = new HashMap<>();
    seen.endpoints().forEach(e -> how.put(e.ip().toString(), e.reason().description()));
    // Looked up before any move: a moved device adds the captures that saw it to its endpoint.
    Map<String, String> macHeld =
        heldByStoredMacDevices(sightings.shownFirstBy(external, capture.id()));
    List<StoredHost> hosts = storedHosts(external);
    List<String> moved = new ArrayList<>();
    List<ExternalReconciliation.Kept> kept = new ArrayList<>();
    moveUnlessClinicalOrWorkedOn(hosts, macHeld.keySet(), how, capture, now, moved, kept);
    Map<String, String> held = heldByDevices(hosts, how, seen, captured, capture);
    macHeld.forEach(
        (ip, holder) ->
            held.putIfAbsent(
                ip,
                "device "
                    + holder
                    + " holds the address ("
                    + BOUND
                    + "), although "
                    + capture
                    + " saw it "
                    + how.get(ip)));
    List<String> removed = new ArrayList<>();
    Map<String, ExternalEndpointWriter.Stored> stored =
        endpoints.stored(List.copyOf(held.keySet()));
    held.forEach(
        (ip, why) -> {
          if (stored.containsKey(ip)) {
            removed.add(removeEndpoint(stored.get(ip), why, capture));
          }
        });
    return new ExternalReconciliation(moved, kept, removed);
  }

  /**
   * Moves each stored host to its endpoint unless it is clinical or its address is held by a device
   * with a MAC ({@code macHeld}) (a device's address either way, left to {@link #heldByDevices}),
   * or people attached work to it (kept, and listed in {@code kept} when first kept for that work).
   */
  private void moveUnlessClinicalOrWorkedOn(
      List<StoredHost> hosts,
      Set<String> macHeld,
      Map<String, String> how,
      Capture capture,
      Instant now,
      List<String> moved,
      List<ExternalReconciliation.Kept> kept) {
    List<StoredHost> movable = new ArrayList<>();
    List<Long> devicesForOtherReasons = new ArrayList<>();
    for (StoredHost h : hosts) {
      if (h.clinicalReason().isEmpty() && !macHeld.contains(h.ip())) {
        movable.add(h);
      } else {
        devicesForOtherReasons.add(h.id());
      }
    }
    keptHosts.forget(devicesForOtherReasons);
    Map<Long, Set<AttachedWork.Kind>> attached =
        work.of(movable.stream().map(StoredHost::id).toList());
    Map<StoredHost, Set<AttachedWork.Kind>> keptFor = new LinkedHashMap<>();
    for (StoredHost h : movable) {
      Set<AttachedWork.Kind> kinds = attached.get(h.id());
      if (kinds != null) {
        keptFor.put(h, kinds);
      } else if (moved(h, how.get(h.ip()), capture, now)) {
        moved.add(h.key());
      } else {
        keptFor.put(h, EnumSet.of(AttachedWork.Kind.OTHER));
      }
    }
    kept.addAll(newlyKept(keptFor, capture, now));
  }

  /**
   * The hosts kept by this capture that were not kept before for the same work, each recorded and
   * audited: a host kept again for the work it was kept for is named once, not at every capture
   * that shows its address.
   */
  private List<ExternalReconciliation.Kept> newlyKept(
      Map<StoredHost, Set<AttachedWork.Kind>> keptFor, Capture capture, Instant now) {
    Map<Long, String> before =
        keptHosts.recorded(keptFor.keySet().stream().map(StoredHost::id).toList());
    List<ExternalReconciliation.Kept> out = new ArrayList<>();
    keptFor.forEach(
        (h, kinds) -> {
          String recorded = KeptInternetHosts.work(kinds);
          if (recorded.equals(before.get(h.id()))) {
            return;
          }
          keptHosts.record(h.id(), recorded, capture.id(), now);
          List<String> why = kinds.stream().map(AttachedWork.Kind::label).toList();
          audit.append(
              Actor.system().name(),
              "device.keep",
              "device:" + h.id(),
              h.key()
                  + " kept as a device for the work attached to it ("
                  + String.join(", ", why)
                  + (before.containsKey(h.id()) ? "; it was kept for other work before" : "")
                  + "), although "
                  + capture
                  + " shows "
                  + h.ip()
                  + " is an internet host; its external endpoint is kept too, for a person to"
                  + " decide. Later captures that show the address name the device again only when"
                  + " that work changes",
              capture.source());
          out.add(new ExternalReconciliation.Kept(h.key(), why));
        });
    return out;
  }

  /**
   * The addresses a device holds, each with why for the audit log: a stored host that is clinical,
   * a device of the capture identified by a public address for a reason that outweighs an endpoint
   * ({@link #deviceReason}), and a public address a device of the capture with a MAC holds.
   */
  private static Map<String, String> heldByDevices(
      List<StoredHost> hosts,
      Map<String, String> how,
      ExternalEndpointsSeen seen,
      List<Device> captured,
      Capture capture) {
    Map<String, String> held = new LinkedHashMap<>();
    for (StoredHost h : hosts) {
      h.clinicalReason()
          .ifPresent(
              why ->
                  held.put(
                      h.ip(),
                      "device "
                          + h.key()
                          + " holds the address ("
                          + why
                          + "), although "
                          + capture
                          + " saw it "
                          + how.get(h.ip())));
    }
    Set<String> outside = new HashSet<>();
    seen.endpoints().forEach(e -> outside.add(e.ip().toString()));
    for (Device d : captured) {
      if (d.mac().isPresent()) {
        for (IpAddress ip : d.ips()) {
          String address = ip.toString();
          if (ip.isPublic() && !outside.contains(address)) {
            held.putIfAbsent(
                address, capture + " found device " + d.id() + " holding it (" + BOUND + ")");
          }
        }
        continue;
      }
      String address = d.id().startsWith(IP_ID) ? d.id().substring(IP_ID.length()) : "";
      if (address.isEmpty() || outside.contains(address)) {
        continue;
      }
      IpAddress ip = IpAddress.parse(address);
      deviceReason(d, ip, seen.internalNetworks())
          .ifPresent(
              why ->
                  held.put(address, capture + " found device " + d.id() + " there (" + why + ")"));
    }
    return held;
  }

  /**
   * Why a device a capture identified by a public address is a device and not an internet host: a
   * clinical protocol, or a range the user declared internal. Any other such device is one the
   * capture could not show to be an internet host (no router it recognised; no link layer, and no
   * talk with a site host): it does not outweigh an endpoint, and a later capture that does show it
   * as one moves it there.
   */
  private static Optional<String> deviceReason(Device d, IpAddress ip, List<IpNetwork> internal) {
    if (!ip.isPublic()) {
      return Optional.empty();
    }
    Optional<String> clinical =
        ExternalEndpoint.clinicalReason(
            d.medical(), protocols(d), d.aeTitles(), d.hl7Applications());
    if (clinical.isPresent()) {
      return clinical;
    }
    return internal.stream()
        .filter(n -> n.contains(ip))
        .findFirst()
        .map(n -> "it lies in " + n + ", declared internal");
  }

  /** A stored device identified by an address that a capture now shows as an external endpoint. */
  private record StoredHost(
      long id,
      String key,
      String ip,
      List<String> hostnames,
      List<String> protocols,
      List<String> aeTitles,
      List<String> hl7Applications,
      boolean medical,
      Instant firstSeen,
      Instant lastSeen) {

    Optional<String> clinicalReason() {
      return ExternalEndpoint.clinicalReason(medical, protocols, aeTitles, hl7Applications);
    }
  }

  /**
   * The addresses {@code seen} shows behind a router that a stored device holds already and that no
   * external endpoint is stored at: a clinical device identified by the address, or a device with a
   * MAC bound to it (the capture's own devices are stored by now). {@link InventoryWriter#merge}
   * leaves them out, so that a capture showing such an address behind a router again stores no
   * endpoint there only for {@link #reconcile} to remove it, audited, at every capture. An endpoint
   * stored already at such an address (stored before a device took it) is merged and then removed
   * as before, once.
   */
  Set<String> heldWithoutEndpoint(ExternalEndpointsSeen seen) {
    List<String> ips = seen.endpoints().stream().map(e -> e.ip().toString()).toList();
    Set<String> stored = endpoints.stored(ips).keySet();
    List<String> fresh = ips.stream().filter(ip -> !stored.contains(ip)).toList();
    Set<String> held = new TreeSet<>(heldByStoredMacDevices(fresh).keySet());
    for (StoredHost h : storedHosts(fresh)) {
      if (h.clinicalReason().isPresent()) {
        held.add(h.ip());
      }
    }
    return held;
  }

  /**
   * The stored devices with a MAC that hold one of {@code ips}, by address (the first stored, when
   * several did): each of their stored addresses was bound to the MAC by some capture. Found
   * through the devices' address text (trigram-indexed on PostgreSQL, as the inventory search is),
   * then matched whole.
   */
  private Map<String, String> heldByStoredMacDevices(List<String> ips) {
    Map<String, String> out = new TreeMap<>();
    Set<String> wanted = new HashSet<>(ips);
    for (List<String> chunk : InventoryWriter.chunks(ips)) {
      List<Object> patterns = new ArrayList<>();
      chunk.forEach(
          ip ->
              patterns.add("%" + DeviceQueryService.escapeLike(ip.toLowerCase(Locale.ROOT)) + "%"));
      jdbc.sql(
              "SELECT device_key, ips FROM device WHERE mac <> '' AND ("
                  + String.join(
                      " OR ",
                      Collections.nCopies(chunk.size(), "search_addresses LIKE ? ESCAPE '\\'"))
                  + ") ORDER BY id")
          .params(patterns)
          .query(
              rs -> {
                for (String ip : DeviceRows.list(rs.getString("ips"))) {
                  if (wanted.contains(ip)) {
                    out.putIfAbsent(ip, rs.getString("device_key"));
                  }
                }
              });
    }
    return out;
  }

  /** The stored devices identified by one of {@code ips} alone (no MAC). */
  private List<StoredHost> storedHosts(List<String> ips) {
    List<StoredHost> out = new ArrayList<>();
    List<String> keys = ips.stream().map(ip -> IP_ID + ip).toList();
    for (List<String> chunk : InventoryWriter.chunks(keys)) {
      jdbc.sql(
              "SELECT id, device_key, hostnames, protocols_client, protocols_server, ae_titles,"
                  + " hl7_applications, medical, first_seen, last_seen FROM device"
                  + " WHERE mac = '' AND device_key IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ") ORDER BY id")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) -> {
                TreeSet<String> protocols = new TreeSet<>();
                protocols.addAll(DeviceRows.list(rs.getString("protocols_client")));
                protocols.addAll(DeviceRows.list(rs.getString("protocols_server")));
                String key = rs.getString("device_key");
                return new StoredHost(
                    rs.getLong("id"),
                    key,
                    key.substring(IP_ID.length()),
                    DeviceRows.list(rs.getString("hostnames")),
                    List.copyOf(protocols),
                    DeviceRows.list(rs.getString("ae_titles")),
                    DeviceRows.list(rs.getString("hl7_applications")),
                    rs.getBoolean("medical"),
                    DeviceRows.instant(rs, "first_seen"),
                    DeviceRows.instant(rs, "last_seen"));
              })
          .list()
          .forEach(out::add);
    }
    return out;
  }

  private static Set<String> protocols(Device d) {
    Set<String> all = new TreeSet<>(d.protocolsAsClient());
    all.addAll(d.protocolsAsServer());
    return all;
  }

  /** What a move added to the endpoint. */
  private record Moved(long endpointId, int devices, long flows, long packets, long bytes) {}

  /**
   * Moves a stored host to the endpoint of its address in a savepoint, and audits it; false when a
   * foreign key kept its device (rows of a table {@link AttachedWork} does not know refer to it).
   */
  private boolean moved(StoredHost h, String how, Capture capture, Instant now) {
    Moved m;
    try {
      m = savepoint.execute(status -> moveWithin(h, now));
    } catch (DataIntegrityViolationException e) {
      log.warn(
          "device {} was kept: other stored records refer to it ({})",
          h.key(),
          e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""));
      return false;
    }
    // Audited outside the savepoint: an entry rolled back with one would still have been announced
    // to the audit anchor at commit.
    audit.append(
        Actor.system().name(),
        "device.remove",
        "device:" + h.id(),
        h.key()
            + " moved to the external endpoints: "
            + capture
            + " shows "
            + h.ip()
            + " is an internet host (a public address seen "
            + how
            + ", outside the internal ranges, no clinical protocol); its traffic with "
            + m.devices()
            + (m.devices() == 1 ? " device (" : " devices (")
            + traffic(m.flows(), m.packets(), m.bytes())
            + ") was added to external endpoint "
            + m.endpointId()
            + ", and the device was removed with its sightings, evidence, history, flow hours and"
            + " findings",
        capture.source());
    return true;
  }

  private Moved moveWithin(StoredHost h, Instant now) {
    ExternalEndpointWriter.Stored endpoint = endpoints.stored(List.of(h.ip())).get(h.ip());
    if (endpoint == null) {
      throw new IllegalStateException("no external endpoint is stored at " + h.ip());
    }
    long endpointId = endpoint.id();
    List<ExternalEndpointWriter.Link> links = new ArrayList<>();
    long[] sums = new long[3];
    jdbc.sql(PEER_TRAFFIC)
        .params(h.id(), h.id())
        .query(
            rs -> {
              long flows = rs.getLong("flows");
              long packets = rs.getLong("packets");
              long bytes = rs.getLong("bytes");
              sums[0] += flows;
              sums[1] += packets;
              sums[2] += bytes;
              Instant first = latest(DeviceRows.instant(rs, "first_hour"), h.firstSeen());
              // A flow hour ends an hour after it starts; the host was seen no later than this.
              Instant last =
                  earliest(
                      DeviceRows.instant(rs, "last_hour").plus(Duration.ofHours(1)), h.lastSeen());
              links.add(
                  new ExternalEndpointWriter.Link(
                      endpointId,
                      rs.getLong("peer"),
                      flows,
                      packets,
                      bytes,
                      first,
                      last.isBefore(first) ? first : last));
            });
    endpoints.fold(
        endpoint,
        new ExternalEndpointWriter.Columns(
            h.ip(),
            h.hostnames(),
            h.protocols(),
            sums[0],
            sums[1],
            sums[2],
            h.firstSeen(),
            h.lastSeen(),
            List.of()), // the endpoint holds the capture's reason already
        links,
        now);
    sightings.addFromDevice(h.id(), endpointId);
    Set<Long> linkedAsTalker = devices.remove(h.id());
    endpoints.countDevices(List.copyOf(linkedAsTalker));
    return new Moved(endpointId, links.size(), sums[0], sums[1], sums[2]);
  }

  /**
   * Removes a stored endpoint because a device holds its address ({@code why}, for the audit log);
   * returns the address.
   */
  private String removeEndpoint(ExternalEndpointWriter.Stored e, String why, Capture capture) {
    endpoints.remove(e.id());
    ExternalEndpointWriter.Columns c = e.columns();
    String ip = c.ip();
    List<String> names = c.hostnames().subList(0, Math.min(5, c.hostnames().size()));
    audit.append(
        Actor.system().name(),
        "external-endpoint.remove",
        "external-endpoint:" + e.id(),
        ip
            + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
            + " removed from the external endpoints: "
            + why
            + "; the traffic stored with the endpoint ("
            + traffic(c.flows(), c.packets(), c.bytes())
            + " with "
            + e.deviceCount()
            + (e.deviceCount() == 1 ? " device" : " devices")
            + ") is no longer listed",
        capture.source());
    return ip;
  }

  private static String traffic(long flows, long packets, long bytes) {
    return flows + " flows, " + packets + " packets, " + bytes + " bytes";
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
