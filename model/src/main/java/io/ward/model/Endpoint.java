package io.ward.model;

import java.util.Optional;

/**
 * What an observation is about: a MAC address where layer 2 was visible, an IP address where layer
 * 3 was, or both, and the VLAN it was seen on (0 when untagged).
 */
public record Endpoint(Optional<MacAddress> mac, Optional<IpAddress> ip, int vlan) {

  public Endpoint {
    if (mac.isEmpty() && ip.isEmpty()) {
      throw new IllegalArgumentException("an endpoint needs a MAC or an IP address");
    }
    if (vlan < 0 || vlan > 4095) {
      throw new IllegalArgumentException("VLAN id out of range: " + vlan);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Endpoint)) {
      return false;
    }
    Endpoint other = (Endpoint) o;
    return other.vlan == vlan && other.mac.equals(mac) && other.ip.equals(ip);
  }

  // Written out rather than left to the record: see MacAddress#equals.
  @Override
  public int hashCode() {
    return (31 * mac.hashCode() + ip.hashCode()) * 31 + vlan;
  }

  /** An endpoint known by MAC and IP. */
  public static Endpoint of(MacAddress mac, IpAddress ip, int vlan) {
    return new Endpoint(Optional.of(mac), Optional.of(ip), vlan);
  }

  /** An endpoint known only by IP (no layer 2 in the capture, or behind a router). */
  public static Endpoint ofIp(IpAddress ip, int vlan) {
    return new Endpoint(Optional.empty(), Optional.of(ip), vlan);
  }

  /** An endpoint known only by MAC (ARP, LLDP, DHCP before an address is bound). */
  public static Endpoint ofMac(MacAddress mac, int vlan) {
    return new Endpoint(Optional.of(mac), Optional.empty(), vlan);
  }
}
