package io.ward.exposure.risk;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Each device's exposure as seen in its traffic, until the network module's zones and policy refine
 * it: {@code internet} when it exchanged traffic with a public address, {@code enterprise} when
 * with a host outside its own VLAN (or, where VLANs are not known, its IPv4 /24 or IPv6 /64),
 * {@code segmented} when every peer was inside it, {@code unknown} when no traffic of it is known.
 *
 * <p>Segmented lowers urgency, so it is only claimed when the flows given are every flow of the
 * capture ({@code allFlowsListed}); an inventory lists only cleartext clinical and management
 * conversations, so a device could have talked to the internet over TLS unseen, and it then stays
 * unknown. Internet and enterprise only ever raise or keep urgency, so partial flows are enough.
 *
 * <p>No compensating control is derived here: staying inside a segment in a capture is not proof of
 * restrictive access rules ({@link CompensatingControl#SEGMENTATION}). {@link
 * CompensatingControl#SERVICE_NOT_OBSERVED} depends on the finding, not only the device: {@link
 * ServiceUse} derives it per finding from the service the advisory names.
 */
public final class TrafficExposure {

  private TrafficExposure() {}

  /**
   * A derived exposure and why, naming the peer that decided it.
   *
   * @param exposure what the risk assessor is given
   * @param reason one line for people: which peer or which missing traffic decided it
   */
  public record Derived(DeviceExposure exposure, String reason) {
    public Derived {
      Objects.requireNonNull(exposure, "exposure");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The exposure of every device, in the order of {@code devices}.
   *
   * @param flows the conversations known (a flow is matched to a device by IP address, or by MAC
   *     when the endpoint has no IP)
   * @param allFlowsListed true when {@code flows} are every flow of the capture, so that a device's
   *     peers in them are all its peers
   */
  public static Map<String, Derived> derive(
      List<Device> devices, Collection<Flow> flows, boolean allFlowsListed) {
    Map<IpAddress, Device> byIp = new HashMap<>();
    Map<MacAddress, Device> byMac = new HashMap<>();
    for (Device d : devices) {
      d.ips().forEach(ip -> byIp.putIfAbsent(ip, d));
      d.mac().ifPresent(m -> byMac.putIfAbsent(m, d));
    }
    Map<String, Tally> tallies = new HashMap<>();
    for (Flow f : flows) {
      Optional<Device> client = resolve(f.client(), byIp, byMac);
      Optional<Device> server = resolve(f.server(), byIp, byMac);
      client.ifPresent(
          d -> tallies.computeIfAbsent(d.id(), k -> new Tally()).add(d, f.server(), server));
      server.ifPresent(
          d -> tallies.computeIfAbsent(d.id(), k -> new Tally()).add(d, f.client(), client));
    }
    Map<String, Derived> out = new LinkedHashMap<>();
    for (Device d : devices) {
      Tally t = tallies.get(d.id());
      out.put(d.id(), t == null ? noTraffic() : t.result(allFlowsListed));
    }
    return out;
  }

  /** Only the exposures, as {@link io.ward.exposure.ExposureOptions} takes them. */
  public static Map<String, DeviceExposure> exposures(Map<String, Derived> derived) {
    Map<String, DeviceExposure> out = new LinkedHashMap<>();
    derived.forEach((id, d) -> out.put(id, d.exposure()));
    return out;
  }

  private static Derived noTraffic() {
    return new Derived(DeviceExposure.UNKNOWN, "no traffic of this device in the inventory");
  }

  private static Optional<Device> resolve(
      Endpoint e, Map<IpAddress, Device> byIp, Map<MacAddress, Device> byMac) {
    // A routed packet carries the router's MAC, so the IP names the device when there is one.
    if (e.ip().isPresent()) {
      return Optional.ofNullable(byIp.get(e.ip().get()));
    }
    return e.mac().map(byMac::get);
  }

  /** The peers of one device, by how far away they are. */
  private static final class Tally {
    private String internet;
    private String enterprise;
    private String local;
    private int internetPeers;
    private int enterprisePeers;

    void add(Device self, Endpoint peer, Optional<Device> peerDevice) {
      String name = peer.ip().map(IpAddress::toString).orElseGet(() -> peer.mac().get().toString());
      if (peer.ip().isEmpty()) {
        // Known by MAC only: the frame was not routed, so the peer is on the same link.
        local = local == null ? name : local;
        return;
      }
      IpAddress ip = peer.ip().get();
      if (ip.isPublic()) {
        internetPeers++;
        internet = internet == null ? name : internet;
      } else if (sameSegment(self, ip, peerDevice)) {
        local = local == null ? name : local;
      } else {
        enterprisePeers++;
        enterprise = enterprise == null ? name : enterprise;
      }
    }

    Derived result(boolean allFlowsListed) {
      if (internet != null) {
        return new Derived(
            new DeviceExposure(Exposure.INTERNET, Set.of()),
            "traffic with public address "
                + internet
                + (internetPeers > 1 ? " and " + (internetPeers - 1) + " more" : ""));
      }
      if (enterprise != null) {
        return new Derived(
            new DeviceExposure(Exposure.ENTERPRISE, Set.of()),
            "traffic with "
                + enterprise
                + (enterprisePeers > 1 ? " and " + (enterprisePeers - 1) + " more" : "")
                + " outside its VLAN/subnet");
      }
      if (allFlowsListed) {
        return new Derived(
            new DeviceExposure(Exposure.SEGMENTED, Set.of()),
            "every peer seen (e.g. " + local + ") is inside its VLAN/subnet");
      }
      return new Derived(
          DeviceExposure.UNKNOWN,
          "peers listed (e.g. "
              + local
              + ") are inside its VLAN/subnet, but the inventory does not list every flow"
              + " (only cleartext conversations), so segmentation is not claimed");
    }
  }

  /**
   * Same VLAN when both sides have a known tagged VLAN; otherwise same IPv4 /24 or IPv6 /64, since
   * the inventory holds no netmask. Link-local, multicast and loopback peers never leave the link.
   */
  static boolean sameSegment(Device self, IpAddress peer, Optional<Device> peerDevice) {
    if (peer.isLinkLocal() || peer.isGroupOrUnspecified() || isLoopback(peer)) {
      return true;
    }
    Set<Integer> mine = tagged(self.vlans());
    Set<Integer> theirs = peerDevice.map(d -> tagged(d.vlans())).orElse(Set.of());
    if (!mine.isEmpty() && !theirs.isEmpty()) {
      return mine.stream().anyMatch(theirs::contains);
    }
    return self.ips().stream().anyMatch(ip -> sameSubnet(ip, peer));
  }

  private static Set<Integer> tagged(Set<Integer> vlans) {
    return vlans.stream().filter(v -> v != 0).collect(java.util.stream.Collectors.toSet());
  }

  private static boolean isLoopback(IpAddress ip) {
    return ip.isV4() ? (ip.v4() >>> 24) == 127 : ip.high() == 0 && ip.low() == 1;
  }

  static boolean sameSubnet(IpAddress a, IpAddress b) {
    if (a.isV4() != b.isV4()) {
      return false;
    }
    if (a.isV4()) {
      return (a.v4() >>> 8) == (b.v4() >>> 8);
    }
    return a.high() == b.high();
  }
}
