package io.ward.model.exposure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CSAF flag (§3.2.3.5): a machine-readable justification that products are not affected.
 *
 * @param justification the flag label
 * @param productIds products it applies to (group ids resolved)
 * @param date when the flag was set
 */
public record VexFlag(
    VexJustification justification, List<String> productIds, Optional<Instant> date) {

  public VexFlag {
    Objects.requireNonNull(justification, "justification");
    productIds = List.copyOf(productIds);
    Objects.requireNonNull(date, "date");
  }
}
