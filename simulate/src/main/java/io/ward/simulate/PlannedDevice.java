package io.ward.simulate;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One device of the plan: its product, addresses and names, fixed before any packet is written. The
 * truth is derived from it; the traffic is generated from it.
 */
final class PlannedDevice {
  final int index;
  final DeviceModel model;
  final Zone zone;
  final long mac;
  final int ip;
  final String hostname;
  final String firmware;
  final String serial;
  final boolean core;
  final long bootOffsetMicros;
  final boolean freshBoot;
  private final Host host;
  private Optional<String> aeTitle = Optional.empty();
  private final EnumSet<Protocol> client = EnumSet.noneOf(Protocol.class);
  private final EnumSet<Protocol> server = EnumSet.noneOf(Protocol.class);
  private boolean resolvedByDns;

  PlannedDevice(
      int index,
      DeviceModel model,
      Zone zone,
      long mac,
      int ip,
      String hostname,
      String firmware,
      String serial,
      boolean core,
      long bootOffsetMicros,
      boolean freshBoot) {
    this.index = index;
    this.model = model;
    this.zone = zone;
    this.mac = mac;
    this.ip = ip;
    this.hostname = hostname;
    this.firmware = firmware;
    this.serial = serial;
    this.core = core;
    this.bootOffsetMicros = bootOffsetMicros;
    this.freshBoot = freshBoot;
    this.host = new Host(mac, ip, zone.tag(), zone.ordinal(), index, model.ttl());
  }

  Host host() {
    return host;
  }

  Role role() {
    return model.role();
  }

  String fqdn() {
    return hostname.toLowerCase(java.util.Locale.ROOT) + "." + Site.DOMAIN;
  }

  Optional<String> aeTitle() {
    return aeTitle;
  }

  void aeTitle(String title) {
    aeTitle = Optional.of(title);
  }

  /** Fills the model's text placeholders with this device's values. */
  String fill(String template) {
    return template
        .replace("{firmware}", firmware)
        .replace("{model}", model.model())
        .replace("{hostname}", hostname)
        .replace("{serial}", serial);
  }

  /** The EUI-64 IHE PCD uses to name a device: the MAC with FFFE in the middle. */
  String eui64() {
    long oui = mac >>> 24;
    long nic = mac & 0xFF_FFFFL;
    return String.format("%06X%s%06X", oui, "FFFE", nic);
  }

  void speaksAsClient(Protocol p) {
    client.add(p);
  }

  void speaksAsServer(Protocol p) {
    server.add(p);
  }

  Set<Protocol> clientProtocols() {
    return java.util.Collections.unmodifiableSet(client);
  }

  Set<Protocol> serverProtocols() {
    return java.util.Collections.unmodifiableSet(server);
  }

  void resolvedByDns() {
    resolvedByDns = true;
  }

  boolean isResolvedByDns() {
    return resolvedByDns;
  }
}
