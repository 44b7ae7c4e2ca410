package io.ward.inventory;

import static io.ward.model.ObservationFields.*;

import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.IpNetwork;
import io.ward.model.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run of identity resolution and assembly over the aggregated input: keys to devices ({@link
 * IdentityResolver}), then IP-only devices to the MAC device that carries the same host name, then
 * a device for each router seen only through the hosts it carries, then one {@link Device} per id,
 * sorted by id, then the external endpoints set apart ({@link ExternalEndpoints}).
 */
final class InventoryAssembly {

  /** Fields that name the subject's host, used to merge an IP-only device into a MAC device. */
  private static final List<String> NAME_FIELDS =
      List.of(DHCP_HOSTNAME, DHCP_FQDN, NBNS_NAME, MDNS_NAME, LLMNR_NAME, DNS_NAME, SNMP_SYS_NAME);

  private InventoryAssembly() {}

  /**
   * Devices per assembling thread below which another thread is not started: assembling takes about
   * a quarter of a millisecond per device, starting a thread about a tenth.
   */
  static final int MIN_DEVICES_PER_THREAD = 64;

  static Inventory build(
      KnowledgeBase kb, InputStore store, int threads, List<IpNetwork> internalNetworks) {
    IdentityResolver resolver = new IdentityResolver(store.records);
    Map<String, List<EndpointKey>> byDevice = new TreeMap<>();
    for (EndpointKey key : store.records.keySet()) {
      byDevice.computeIfAbsent(resolver.deviceId(key), id -> new ArrayList<>()).add(key);
    }
    mergeByName(store, resolver, byDevice);
    Map<String, List<EndpointKey>> carried = routersSeenOnlyCarrying(store, resolver, byDevice);
    List<Map.Entry<String, List<EndpointKey>>> shown = new ArrayList<>(byDevice.size());
    for (Map.Entry<String, List<EndpointKey>> e : byDevice.entrySet()) {
      if (carried.containsKey(e.getKey())
          || !e.getValue().stream().allMatch(k -> store.records.get(k).onlyNameAnswers())) {
        shown.add(e); // a DNS answer alone does not show a device exists on this network
      }
    }
    Device[] devices = new Device[shown.size()];
    int parts = parts(threads, devices.length);
    // The store, the resolver and the knowledge base are only read from here on.
    DeviceAssembler assembler = new DeviceAssembler(kb);
    Parallel.run(
        parts,
        part -> {
          for (int i = part; i < devices.length; i += parts) {
            Map.Entry<String, List<EndpointKey>> e = shown.get(i);
            DeviceFacts f = facts(e.getKey(), e.getValue(), store, resolver);
            carried
                .getOrDefault(e.getKey(), List.of())
                .forEach(k -> f.carried(store.records.get(k)));
            devices[i] = assembler.assemble(f);
          }
        });
    return ExternalEndpoints.split(shown, devices, store, resolver, internalNetworks);
  }

  /**
   * Adds a device, with no keys, for each router that no key names alone or with an address of its
   * own ({@code mac:<mac>}): one seen only through the hosts it carries, without ARP, DHCP or an
   * address of its own, such as an internet box on a capture of its LAN side. A user expects the
   * gateway in the inventory; it was missing because every frame it sent resolved to a host behind
   * it. Returns, for each such device, the keys its MAC carried: they give it the times and VLANs
   * it was seen at, and nothing else (their fields and protocols are the hosts').
   */
  private static Map<String, List<EndpointKey>> routersSeenOnlyCarrying(
      InputStore store, IdentityResolver resolver, Map<String, List<EndpointKey>> byDevice) {
    Map<String, List<EndpointKey>> carried = new TreeMap<>();
    for (MacAddress mac : resolver.gateways()) {
      String id = IdentityResolver.macId(mac);
      if (!byDevice.containsKey(id)) {
        byDevice.put(id, new ArrayList<>());
        carried.put(id, new ArrayList<>());
      }
    }
    if (!carried.isEmpty()) {
      for (EndpointKey k : store.records.keySet()) {
        if (k.hasMac()) {
          List<EndpointKey> keys = carried.get(IdentityResolver.macId(k.mac().get()));
          if (keys != null) {
            keys.add(k);
          }
        }
      }
    }
    return carried;
  }

  /** The assembling threads for this many devices: at most {@code threads}, at least one. */
  static int parts(int threads, int devices) {
    return Math.max(1, Math.min(threads, devices / MIN_DEVICES_PER_THREAD));
  }

  private static DeviceFacts facts(
      String id, List<EndpointKey> keys, InputStore store, IdentityResolver resolver) {
    Optional<MacAddress> mac =
        id.startsWith("mac:") ? Optional.of(MacAddress.parse(id.substring(4))) : Optional.empty();
    DeviceFacts f =
        new DeviceFacts(
            id,
            mac,
            mac.map(resolver::isGateway).orElse(false),
            mac.map(resolver::routedAddresses).orElse(0));
    for (EndpointKey k : keys) {
      // A gateway's frames carry other hosts' IPs; only its own (ARP/DHCP-bound) IPs are its own.
      boolean ownIp =
          k.ip().isPresent()
              && (mac.isEmpty() || resolver.owner(k.ip().get()).equals(mac) || !f.gateway);
      f.add(k, store.records.get(k), ownIp);
    }
    return f;
  }

  /**
   * An IP-only device seen with no MAC at all (not behind a router) joins the one MAC device that
   * carries one of its host names (DHCP, NBNS, mDNS, LLMNR or DNS).
   */
  private static void mergeByName(
      InputStore store, IdentityResolver resolver, Map<String, List<EndpointKey>> byDevice) {
    Map<String, Set<String>> macDevicesByName = new HashMap<>();
    for (Map.Entry<String, List<EndpointKey>> e : byDevice.entrySet()) {
      if (e.getKey().startsWith("mac:")) {
        for (String name : names(store, e.getValue())) {
          macDevicesByName.computeIfAbsent(name, n -> new TreeSet<>()).add(e.getKey());
        }
      }
    }
    Map<String, String> moves = new TreeMap<>();
    for (Map.Entry<String, List<EndpointKey>> e : byDevice.entrySet()) {
      if (!e.getKey().startsWith("ip:")) {
        continue;
      }
      IpAddress ip = IpAddress.parse(e.getKey().substring(3));
      if (resolver.isBehindGateway(ip) || resolver.seenWithMac(ip)) {
        continue;
      }
      Set<String> targets = new TreeSet<>();
      for (String name : names(store, e.getValue())) {
        targets.addAll(macDevicesByName.getOrDefault(name, Set.of()));
      }
      if (targets.size() == 1) {
        moves.put(e.getKey(), targets.iterator().next());
      }
    }
    moves.forEach((from, to) -> byDevice.get(to).addAll(byDevice.remove(from)));
  }

  /** Host names of these keys, normalised to their first DNS label in lower case. */
  private static Set<String> names(InputStore store, List<EndpointKey> keys) {
    Set<String> out = new HashSet<>();
    for (EndpointKey k : keys) {
      KeyRecord r = store.records.get(k);
      for (String field : NAME_FIELDS) {
        for (String raw : r.fields.getOrDefault(field, new TreeMap<>()).keySet()) {
          Optional<String> host =
              field.equals(NBNS_NAME) ? NetbiosNames.hostName(raw) : Optional.of(raw);
          if (host.isEmpty()) {
            continue;
          }
          String name = host.get().trim().toLowerCase(Locale.ROOT);
          int dot = name.indexOf('.');
          String label = dot < 0 ? name : name.substring(0, dot);
          // Short or numeric labels ("www", "1") name too many hosts to merge on.
          if (label.length() >= 4 && !label.chars().allMatch(Character::isDigit)) {
            out.add(label);
          }
        }
      }
    }
    return out;
  }
}
