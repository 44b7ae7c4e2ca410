package io.ward.server.inventory;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.ExternalEndpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sums flows per endpoint pair, protocol and hour while a capture is read, then names the devices
 * of each pair once the inventory is built. Memory grows with distinct pairs × hours, not flows. A
 * flow's other clients ({@link Flow#otherClients}) each make a pair with its server too. Flows with
 * a public address at one end are also summed per pair, for the traffic of each device with the
 * external endpoints ({@link #external}), which are known only once the inventory is built.
 */
public final class FlowHours {
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  /** Protocols whose cleartext use a hospital must know about (patient data or credentials). */
  static final Set<String> CLEARTEXT_SENSITIVE =
      Set.of("hl7", "dicom", "poct1a", "astm", "telnet", "ftp", "snmp", "http", "mqtt", "smb");

  private final Map<Key, Sums> sums = new HashMap<>();
  private final Map<Pair, PairSums> publicPairs = new HashMap<>();

  private record Key(Endpoint client, Endpoint server, String protocol, long hour) {}

  private static final class Sums {
    long flows;
    long packets;
    long bytes;
    long cleartext;
    int serverPort;
  }

  private record Pair(Endpoint client, Endpoint server) {}

  /** A pair's flows over the whole capture, with the first and last time any was seen. */
  private static final class PairSums {
    long flows;
    long packets;
    long bytes;
    long firstEpochNanos = Long.MAX_VALUE;
    long lastEpochNanos = Long.MIN_VALUE;
  }

  /** Adds one flow summary (not thread-safe; the engine never calls its sink concurrently). */
  public void add(Flow f) {
    String protocol = f.appProtocol().orElse(f.transport().id());
    boolean cleartext = !f.encrypted() && CLEARTEXT_SENSITIVE.contains(protocol);
    Endpoint client = strip(f.client());
    Endpoint server = strip(f.server());
    Sums s = sums(client, server, protocol, f.firstSeenEpochNanos());
    s.flows++;
    s.packets += f.packets();
    s.bytes += f.bytes();
    s.serverPort = f.serverPort();
    if (cleartext) {
      s.cleartext++;
    }
    if (!f.otherClients().isEmpty()) {
      addOtherClients(f, server, protocol, cleartext);
    }
    if (isPublic(client) || isPublic(server)) {
      addPublic(new Pair(client, server), f);
    }
  }

  private static boolean isPublic(Endpoint e) {
    return e.ip().isPresent() && e.ip().get().isPublic();
  }

  private void addPublic(Pair pair, Flow f) {
    PairSums p = publicPairs.computeIfAbsent(pair, k -> new PairSums());
    p.flows++;
    p.packets += f.packets();
    p.bytes += f.bytes();
    p.firstEpochNanos = Math.min(p.firstEpochNanos, f.firstSeenEpochNanos());
    p.lastEpochNanos = Math.max(p.lastEpochNanos, f.lastSeenEpochNanos());
  }

  /**
   * Each other client of the flow ({@link Flow#otherClients}: the devices that shared a DHCP flow
   * from 0.0.0.0, or whose requests a relay forwarded) has the flow as its own, counted once in the
   * hour it was first seen on it, as the inventory credits it. The flow's packets and bytes stay
   * with its client, which the flow counts them for. A device is its MAC address here, as in the
   * inventory: the client's own MAC, or one MAC named on two VLANs, counts once.
   */
  private void addOtherClients(Flow f, Endpoint server, String protocol, boolean cleartext) {
    Set<Object> counted = new HashSet<>();
    counted.add(identity(f.client()));
    for (Flow.OtherClient o : f.otherClients()) {
      if (!counted.add(identity(o.endpoint()))) {
        continue;
      }
      Sums s = sums(strip(o.endpoint()), server, protocol, o.firstSeenEpochNanos());
      s.flows++;
      s.serverPort = f.serverPort();
      if (cleartext) {
        s.cleartext++;
      }
    }
  }

  private Sums sums(Endpoint client, Endpoint server, String protocol, long epochNanos) {
    long hour = Math.floorDiv(epochNanos, HOUR_NANOS);
    return sums.computeIfAbsent(new Key(client, server, protocol, hour), k -> new Sums());
  }

  /** What names the device of an endpoint for counting it once: its MAC, else its address. */
  private static Object identity(Endpoint e) {
    return e.mac().isPresent() ? e.mac().get() : e.ip().orElse(null);
  }

  /** The VLAN does not identify a device; pairs seen on two VLANs sum together. */
  private static Endpoint strip(Endpoint e) {
    return e.vlan() == 0 ? e : new Endpoint(e.mac(), e.ip(), 0);
  }

  /** Distinct pair-protocol-hours so far. */
  public int size() {
    return sums.size();
  }

  /**
   * The sums per device pair: an endpoint is the device holding its IP address, else the device
   * with its MAC address; flows whose ends are not both in the inventory are left out.
   */
  public List<FlowHourRow> resolve(List<Device> devices) {
    return resolve(devices, List.of());
  }

  /**
   * As {@link #resolve(List)}, leaving out the flows with one of the {@code external} endpoints:
   * their frames carry the router's MAC, which would otherwise name the router as the end of every
   * conversation with the internet.
   */
  public List<FlowHourRow> resolve(List<Device> devices, List<ExternalEndpoint> external) {
    Set<IpAddress> outside = new HashSet<>();
    external.forEach(e -> outside.add(e.ip()));
    Map<IpAddress, String> byIp = new HashMap<>();
    Map<MacAddress, String> byMac = new HashMap<>();
    for (Device d : devices) {
      d.ips().forEach(ip -> byIp.putIfAbsent(ip, d.id()));
      d.mac().ifPresent(m -> byMac.putIfAbsent(m, d.id()));
    }
    Map<List<Object>, FlowHourRow> rows = new HashMap<>();
    for (Map.Entry<Key, Sums> e : sums.entrySet()) {
      Key k = e.getKey();
      if (isOutside(k.client(), outside) || isOutside(k.server(), outside)) {
        continue;
      }
      Optional<String> client = deviceOf(k.client(), byIp, byMac);
      Optional<String> server = deviceOf(k.server(), byIp, byMac);
      if (client.isEmpty() || server.isEmpty() || client.get().equals(server.get())) {
        continue;
      }
      Sums s = e.getValue();
      Instant hour = Instant.ofEpochSecond(k.hour() * 3600);
      FlowHourRow row =
          new FlowHourRow(
              client.get(),
              server.get(),
              k.protocol(),
              hour,
              s.serverPort,
              s.flows,
              s.packets,
              s.bytes,
              s.cleartext);
      rows.merge(
          List.of(row.clientKey(), row.serverKey(), row.protocol(), hour), row, FlowHourRow::plus);
    }
    return List.copyOf(new ArrayList<>(rows.values()));
  }

  /**
   * Each device's traffic with each of the {@code external} endpoints over the capture, one row per
   * device and endpoint whichever end opened the flows. The device end is named as in {@link
   * #resolve(List, List)}; a flow whose other end is no device of {@code devices} (or another
   * external endpoint) is left out. Unlike an endpoint's own sums, which count every flow it took
   * part in, these say which device the traffic was with.
   */
  public List<ExternalTrafficRow> external(List<Device> devices, List<ExternalEndpoint> external) {
    if (external.isEmpty()) {
      return List.of();
    }
    Set<IpAddress> outside = new HashSet<>();
    external.forEach(e -> outside.add(e.ip()));
    Map<IpAddress, String> byIp = new HashMap<>();
    Map<MacAddress, String> byMac = new HashMap<>();
    for (Device d : devices) {
      d.ips().forEach(ip -> byIp.putIfAbsent(ip, d.id()));
      d.mac().ifPresent(m -> byMac.putIfAbsent(m, d.id()));
    }
    Map<List<Object>, ExternalTrafficRow> rows = new HashMap<>();
    for (Map.Entry<Pair, PairSums> e : publicPairs.entrySet()) {
      Endpoint client = e.getKey().client();
      Endpoint server = e.getKey().server();
      boolean clientOutside = isOutside(client, outside);
      if (clientOutside == isOutside(server, outside)) {
        continue; // neither end, or both, is an external endpoint
      }
      Endpoint inside = clientOutside ? server : client;
      IpAddress ip = (clientOutside ? client : server).ip().orElseThrow();
      Optional<String> device = deviceOf(inside, byIp, byMac);
      if (device.isEmpty()) {
        continue;
      }
      PairSums s = e.getValue();
      ExternalTrafficRow row =
          new ExternalTrafficRow(
              device.get(), ip, s.flows, s.packets, s.bytes, s.firstEpochNanos, s.lastEpochNanos);
      rows.merge(List.of(device.get(), ip), row, ExternalTrafficRow::plus);
    }
    return List.copyOf(rows.values());
  }

  private static boolean isOutside(Endpoint e, Set<IpAddress> outside) {
    return e.ip().isPresent() && outside.contains(e.ip().get());
  }

  private static Optional<String> deviceOf(
      Endpoint e, Map<IpAddress, String> byIp, Map<MacAddress, String> byMac) {
    Optional<String> viaIp = e.ip().map(byIp::get);
    if (viaIp.isPresent()) {
      return viaIp;
    }
    return e.mac().map(byMac::get);
  }
}
