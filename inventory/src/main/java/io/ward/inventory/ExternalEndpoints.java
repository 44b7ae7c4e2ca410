package io.ward.inventory;

import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpAddress;
import io.ward.model.IpNetwork;
import io.ward.model.ObservationFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Separates the external endpoints from the devices of one assembly (see {@link
 * InventoryBuilder#inventory}), in the manner of Zeek's {@code Site::local_nets}: a public address
 * that only a router's frames carried is a host of the internet, unless the user declared its range
 * internal or it spoke a clinical protocol. Until session 28 such hosts were devices: a simulated
 * 500-device hospital's inventory held 511, the other 11 its cloud services, and a real SPAN port
 * would add thousands.
 *
 * <p>A capture with no link layer for an address (raw IP, BSD loopback, a Linux cooked capture's
 * tunnel and VPN interfaces, packets a cooked capture only sent, the inner hosts of a GRE tunnel)
 * shows no router. There a public address is external when it talked with a host of the site: one
 * with a private address (RFC 1918, RFC 6598 shared space, RFC 4193 unique-local), which the
 * internet does not route, or one in a range declared internal. A public address that talked only
 * with other public ones gives no side away and stays a device: declaring the site's own ranges
 * (its IPv6 prefixes, a DMZ) sorts its peers out. A Linux cooked capture's Ethernet interfaces do
 * carry the sender's MAC, so the router rule decides for the addresses they carried, as it would on
 * the wire.
 */
final class ExternalEndpoints {

  private ExternalEndpoints() {}

  /**
   * The devices and external endpoints of {@code shown} (device ids with their keys, sorted by id)
   * whose assembled devices are {@code devices}, index for index.
   */
  static Inventory split(
      List<Map.Entry<String, List<EndpointKey>>> shown,
      Device[] devices,
      InputStore store,
      IdentityResolver resolver,
      List<IpNetwork> internalNetworks) {
    List<Device> kept = new ArrayList<>(devices.length);
    List<Integer> external = new ArrayList<>();
    Map<Integer, ExternalEndpoint.Reason> reasons = new HashMap<>();
    for (int i = 0; i < devices.length; i++) {
      Map.Entry<String, List<EndpointKey>> e = shown.get(i);
      Optional<ExternalEndpoint.Reason> reason =
          externalBecause(e.getKey(), e.getValue(), devices[i], store, resolver, internalNetworks);
      if (reason.isPresent()) {
        external.add(i);
        reasons.put(i, reason.get());
      } else {
        kept.add(devices[i]);
      }
    }
    if (external.isEmpty()) {
      return new Inventory(kept, List.of());
    }
    Map<EndpointKey, String> idOfKey = new HashMap<>();
    for (Map.Entry<String, List<EndpointKey>> e : shown) {
      e.getValue().forEach(k -> idOfKey.put(k, e.getKey()));
    }
    Set<String> externalIds = new HashSet<>();
    external.forEach(i -> externalIds.add(shown.get(i).getKey()));
    List<ExternalEndpoint> out = new ArrayList<>(external.size());
    for (int i : external) {
      List<EndpointKey> keys = shown.get(i).getValue();
      out.add(
          endpoint(
              devices[i], keys, store, talkers(keys, store, idOfKey, externalIds), reasons.get(i)));
    }
    out.sort((a, b) -> a.ip().compareTo(b.ip()));
    return new Inventory(kept, out);
  }

  /**
   * Why an IP-identity device is an internet host by the rules above; empty when it is a device.
   */
  static Optional<ExternalEndpoint.Reason> externalBecause(
      String id,
      List<EndpointKey> keys,
      Device d,
      InputStore store,
      IdentityResolver resolver,
      List<IpNetwork> internalNetworks) {
    if (!id.startsWith("ip:")) {
      return Optional.empty();
    }
    IpAddress ip = IpAddress.parse(id.substring(3));
    if (!ip.isPublic() || internal(ip, internalNetworks) || clinical(d)) {
      return Optional.empty();
    }
    if (resolver.isBehindGateway(ip)) {
      return Optional.of(ExternalEndpoint.Reason.BEHIND_ROUTER);
    }
    // No frame bound it to a MAC: the capture had no link layer for it.
    return !resolver.seenWithMac(ip) && talkedWithSiteHost(keys, store, internalNetworks)
        ? Optional.of(ExternalEndpoint.Reason.NO_LINK_LAYER)
        : Optional.empty();
  }

  private static boolean internal(IpAddress ip, List<IpNetwork> internalNetworks) {
    return internalNetworks.stream().anyMatch(n -> n.contains(ip));
  }

  /** True for a device that spoke a clinical protocol or carried clinical names. */
  private static boolean clinical(Device d) {
    Set<String> protocols = new TreeSet<>(d.protocolsAsClient());
    protocols.addAll(d.protocolsAsServer());
    return ExternalEndpoint.clinicalReason(
            d.medical(), protocols, d.aeTitles(), d.hl7Applications())
        .isPresent();
  }

  /** True when one of {@code keys} exchanged a flow with a private or declared-internal address. */
  private static boolean talkedWithSiteHost(
      List<EndpointKey> keys, InputStore store, List<IpNetwork> internalNetworks) {
    for (EndpointKey k : keys) {
      Talkers talkers = store.records.get(k).talkers;
      if (talkers == null) {
        continue;
      }
      for (int peer : talkers.indices(store::key)) {
        Optional<IpAddress> ip = store.key(peer).ip();
        if (ip.isPresent() && (isPrivate(ip.get()) || internal(ip.get(), internalNetworks))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True for an address a site numbers its own hosts from and the internet does not route: RFC
   * 1918, RFC 6598 shared space (100.64/10, a carrier's NAT), RFC 4193 unique-local (fc00::/7). Not
   * loopback or link-local: a public address talking with those is on the capturing host or its
   * link, not beyond a router.
   */
  static boolean isPrivate(IpAddress ip) {
    if (ip.isV4()) {
      int v = ip.v4();
      int a = v >>> 24;
      int b = (v >>> 16) & 0xFF;
      return a == 10
          || (a == 172 && b >= 16 && b <= 31)
          || (a == 192 && b == 168)
          || (a == 100 && b >= 64 && b <= 127);
    }
    return (ip.high() >>> 57) == (0xFC00L >>> 9);
  }

  /**
   * The devices an external endpoint with {@code keys} talked with: every flow's other end ({@link
   * KeyRecord#talkers}) that is a device, by id.
   */
  private static Talked talkers(
      List<EndpointKey> keys,
      InputStore store,
      Map<EndpointKey, String> idOfKey,
      Set<String> externalIds) {
    TreeSet<String> ids = new TreeSet<>();
    boolean truncated = false;
    for (EndpointKey k : keys) {
      Talkers talkers = store.records.get(k).talkers;
      if (talkers == null) {
        continue;
      }
      truncated |= talkers.truncated();
      for (int peer : talkers.indices(store::key)) {
        String id = idOfKey.get(store.key(peer));
        if (id != null && !externalIds.contains(id)) {
          ids.add(id);
        }
      }
    }
    return new Talked(ids, !truncated);
  }

  /** The device ids an endpoint talked with, and whether they are all of them. */
  private record Talked(TreeSet<String> ids, boolean complete) {}

  private static ExternalEndpoint endpoint(
      Device d,
      List<EndpointKey> keys,
      InputStore store,
      Talked talked,
      ExternalEndpoint.Reason reason) {
    TreeSet<String> hostnames = new TreeSet<>(d.hostnames());
    TreeSet<String> protocols = new TreeSet<>();
    long flows = 0;
    long packets = 0;
    long bytes = 0;
    for (EndpointKey k : keys) {
      KeyRecord r = store.records.get(k);
      hostnames.addAll(r.fields.getOrDefault(ObservationFields.TLS_SNI, Map.of()).keySet());
      protocols.addAll(r.clientsByProtocol.keySet());
      protocols.addAll(r.serversByProtocol.keySet());
      if (r.unnamedProtocols != null) {
        protocols.addAll(r.unnamedProtocols); // the schema's fallback: tcp/8443
      }
      flows += r.flows;
      packets += r.packets;
      bytes += r.bytes;
    }
    List<String> listed = talked.ids().stream().limit(ExternalEndpoint.MAX_LISTED_DEVICES).toList();
    return new ExternalEndpoint(
        IpAddress.parse(d.id().substring(3)),
        List.copyOf(hostnames),
        protocols,
        flows,
        packets,
        bytes,
        d.firstSeenEpochNanos(),
        d.lastSeenEpochNanos(),
        listed,
        talked.ids().size(),
        talked.complete(),
        reason);
  }
}
