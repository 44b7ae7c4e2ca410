package io.ward.model;

/** The layer-4 protocol of a flow. */
public enum Transport {
  TCP,
  UDP,
  ICMP,
  ICMPV6,
  ARP,
  OTHER;

  /** Made once: {@link #id} is asked for every flow summary. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** Lower-case name used in JSON and the CLI. */
  public String id() {
    return id;
  }
}
