package io.ward.server.inventory;

import java.util.Locale;

/** The orders external endpoints can be listed in; each has an index ending in the id. */
public enum ExternalEndpointSort {
  /** By the last time any device talked with it. */
  LAST_SEEN("last_seen"),
  /** By flows, all devices together. */
  FLOWS("flows"),
  /** By bytes, both directions, all devices together. */
  BYTES("bytes"),
  /** By how many devices talked with it. */
  DEVICES("device_count");

  final String column;

  ExternalEndpointSort(String column) {
    this.column = column;
  }

  /** The kebab-case id, e.g. {@code last-seen}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
