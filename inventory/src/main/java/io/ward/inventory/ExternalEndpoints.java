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
import java.util.Set;
import java.util.TreeSet;

/**
 * Separates the external endpoints from the devices of one assembly (see {@link
 * InventoryBuilder#inventory}), in the manner of Zeek's {@code Site::local_nets}: a public address
 * that only a router's frames carried is a host of the internet, unless the user declared its range
 * internal or it spoke a clinical protocol. Until session 28 such hosts were devices: a simulated
 * 500-device hospital's inventory held 511, the other 11 its cloud services, and a real SPAN port
 * would add thousands.
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
    for (int i = 0; i < devices.length; i++) {
      if (isExternal(shown.get(i).getKey(), devices[i], resolver, internalNetworks)) {
        external.add(i);
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
      out.add(endpoint(devices[i], keys, store, talkers(keys, store, idOfKey, externalIds)));
    }
    out.sort((a, b) -> a.ip().compareTo(b.ip()));
    return new Inventory(kept, out);
  }

  /** True for an IP-identity device that is an internet host by the rules above. */
  static boolean isExternal(
      String id, Device d, IdentityResolver resolver, List<IpNetwork> internalNetworks) {
    if (!id.startsWith("ip:")) {
      return false;
    }
    IpAddress ip = IpAddress.parse(id.substring(3));
    return ip.isPublic()
        && resolver.isBehindGateway(ip)
        && internalNetworks.stream().noneMatch(n -> n.contains(ip))
        && !clinical(d);
  }

  /** True for a device that spoke a clinical protocol or carried clinical names. */
  private static boolean clinical(Device d) {
    Set<String> protocols = new TreeSet<>(d.protocolsAsClient());
    protocols.addAll(d.protocolsAsServer());
    return ExternalEndpoint.clinicalReason(
            d.medical(), protocols, d.aeTitles(), d.hl7Applications())
        .isPresent();
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
      Device d, List<EndpointKey> keys, InputStore store, Talked talked) {
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
        talked.complete());
  }
}
