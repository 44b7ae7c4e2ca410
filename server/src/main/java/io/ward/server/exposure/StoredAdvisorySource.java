package io.ward.server.exposure;

import io.ward.model.exposure.AdvisorySource;
import java.util.Optional;

/**
 * An advisory's source as the database holds it and as the API and console show it. Rows hold the
 * enum name ({@code CYCLONEDX_VEX}), but every value Ward serves is a kebab-case id ({@code
 * cyclonedx-vex}), as for a finding's kind or decision ({@link StoredDecision}).
 */
public final class StoredAdvisorySource {
  private StoredAdvisorySource() {}

  /** The source a stored value names (its name or its id); empty for another value. */
  public static Optional<AdvisorySource> parse(String stored) {
    for (AdvisorySource s : AdvisorySource.values()) {
      if (s.name().equals(stored) || s.id().equals(stored)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The source as served: its id; a value that is none of Ward's (stored by hand) as it is. */
  public static String shown(String stored) {
    return parse(stored).map(AdvisorySource::id).orElse(stored == null ? "" : stored);
  }
}
