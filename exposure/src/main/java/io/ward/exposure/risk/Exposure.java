package io.ward.exposure.risk;

import java.util.Locale;

/** How far a device can be reached, as seen in traffic (the network module refines it). */
public enum Exposure {
  /** Talks with or is reachable from the internet. */
  INTERNET,
  /** Reachable from the enterprise network. */
  ENTERPRISE,
  /** Only reachable inside its own clinical segment. */
  SEGMENTED,
  /** Not known: scored as enterprise, and said so. */
  UNKNOWN;

  /** The kebab-case id. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
