package io.ward.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How much patient care depends on a device, most critical first. */
public enum Criticality {
  LIFE_CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  /** The kebab-case id, e.g. {@code life-critical}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The criticality with the given kebab-case id. */
  public static Optional<Criticality> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }
}
