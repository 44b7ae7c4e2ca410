package io.ward.model.exposure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CSAF threat statement (§3.2.3.14): the impact, the exploit status or the target set.
 *
 * @param category what kind of statement
 * @param details the text
 * @param productIds products it applies to (group ids resolved); empty means all
 * @param date when it was stated
 */
public record Threat(
    Category category, String details, List<String> productIds, Optional<Instant> date) {

  public Threat {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(details, "details");
    productIds = List.copyOf(productIds);
    Objects.requireNonNull(date, "date");
  }

  /** CSAF 2.0 threat categories. */
  public enum Category {
    /** The impact (for VEX: why a product is not affected). */
    IMPACT,
    /** Whether and how it is exploited. */
    EXPLOIT_STATUS,
    /** Who is targeted. */
    TARGET_SET
  }
}
