package io.ward.model;

/** The layer-4 protocol of a flow. */
public enum Transport {
  TCP,
  UDP,
  ICMP,
  ICMPV6,
  ARP,
  OTHER;

  /** Lower-case name used in JSON and the CLI. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
