package io.ward.server.exposure;

import io.ward.model.exposure.Decision;
import java.util.Optional;

/**
 * A finding's or device's decision as the database holds it and as the API and console show it.
 * Rows hold the enum name ({@code ACT_SOON}; rows of an early version the id), but everything Ward
 * shows uses the kebab-case id ({@code act-soon}) that {@code ward vulns --json}, the metrics and
 * the {@code decision} filter use, so that a value read from one can be given to another.
 */
public final class StoredDecision {
  private StoredDecision() {}

  /** The decision a stored value names (its name or its id); empty for none or another value. */
  public static Optional<Decision> parse(String stored) {
    for (Decision d : Decision.values()) {
      if (d.name().equals(stored) || d.id().equals(stored)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The decision as shown: its id; empty when none is stored; a value that is none of Ward's
   * (stored by hand) as it is, rather than hidden.
   */
  public static Optional<String> shown(String stored) {
    if (stored == null || stored.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parse(stored).map(Decision::id).orElse(stored));
  }
}
