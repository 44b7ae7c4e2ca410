package io.ward.server.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The orders the inventory can be listed in; each has an index ending in the id. */
public enum DeviceSort {
  /** By risk score. */
  RISK("risk_score"),
  /** By last time seen. */
  LAST_SEEN("last_seen"),
  /** By clinical criticality (life-critical first when ascending). */
  CRITICALITY("criticality_rank"),
  /** By vendor name. */
  VENDOR("vendor"),
  /** By category id. */
  CATEGORY("category"),
  /** By storage id (the order devices were first stored). */
  ID("id");

  final String column;

  DeviceSort(String column) {
    this.column = column;
  }

  /** The kebab-case id, e.g. {@code last-seen}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The sort with the given kebab-case id. */
  public static Optional<DeviceSort> fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
