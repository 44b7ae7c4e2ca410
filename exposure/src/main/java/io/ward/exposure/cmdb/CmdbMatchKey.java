package io.ward.exposure.cmdb;

/** What tied a CMDB asset to an observed device, strongest first. */
public enum CmdbMatchKey {
  /** The same MAC address: one network interface. */
  MAC,
  /** The same IP address: strong on static clinical networks, weaker under DHCP. */
  IP,
  /** The same serial number. */
  SERIAL,
  /** The same host name (first label, case ignored). */
  HOSTNAME;

  /** The lower-case id, e.g. {@code mac}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
