package io.ward.model.exposure;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the vendor or coordinator says to do (CSAF 2.0 §3.2.3.12 {@code remediations}).
 *
 * @param category the kind of remediation
 * @param details the text, e.g. "Update to version 3.1 or later"
 * @param url where the fix or instructions are
 * @param date when the remediation was published or became available
 * @param productIds the products it applies to (CSAF group ids already resolved); empty means all
 *     products of the vulnerability
 */
public record Remediation(
    Category category,
    String details,
    Optional<String> url,
    Optional<Instant> date,
    List<String> productIds) {

  public Remediation {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(date, "date");
    productIds = List.copyOf(productIds);
  }

  /** CSAF 2.0 remediation categories. */
  public enum Category {
    /** A fix from the vendor (update, patch). */
    VENDOR_FIX,
    /** A measure that reduces the risk without fixing. */
    MITIGATION,
    /** A change of configuration or use that avoids the vulnerability. */
    WORKAROUND,
    /** No fix is available yet. */
    NONE_AVAILABLE,
    /** The vendor will not fix it. */
    NO_FIX_PLANNED
  }
}
