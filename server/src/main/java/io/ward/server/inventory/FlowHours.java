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
 * flow's other clients ({@link Flow#otherClients}) each make a pair with its server too.
 */
public final class FlowHours {
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  /** Protocols whose cleartext use a hospital must know about (patient data or credentials). */
  static final Set<String> CLEARTEXT_SENSITIVE =
      Set.of("hl7", "dicom", "poct1a", "astm", "telnet", "ftp", "snmp", "http", "mqtt", "smb");

  private final Map<Key, Sums> sums = new HashMap<>();

  private record Key(Endpoint client, Endpoint server, String protocol, long hour) {}

  private static final class Sums {
    long flows;
    long packets;
    long bytes;
    long cleartext;
    int serverPort;
  }

  /** Adds one flow summary (not thread-safe; the engine never calls its sink concurrently). */
  public void add(Flow f) {
    String protocol = f.appProtocol().orElse(f.transport().id());
    boolean cleartext = !f.encrypted() && CLEARTEXT_SENSITIVE.contains(protocol);
    Endpoint server = strip(f.server());
    Sums s = sums(strip(f.client()), server, protocol, f.firstSeenEpochNanos());
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
