package io.ward.server.inventory;

import java.util.Objects;
import java.util.Optional;

/**
 * A search of the external endpoints: filters (all optional, combined with AND), an order and a
 * page.
 *
 * @param text words found in the address or a host name (case-insensitive substring)
 * @param deviceId only endpoints this device talked with
 * @param siteId only endpoints a device of this site talked with
 * @param descending the direction of {@code sort}
 * @param cursor where the previous page ended ({@link Page#nextCursor()}); empty for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record ExternalEndpointQuery(
    Optional<String> text,
    Optional<Long> deviceId,
    Optional<Long> siteId,
    ExternalEndpointSort sort,
    boolean descending,
    Optional<String> cursor,
    int limit) {

  /** Largest page. */
  public static final int MAX_LIMIT = 500;

  public ExternalEndpointQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must lie in [1," + MAX_LIMIT + "]: " + limit);
    }
    text = text.map(String::strip).filter(t -> !t.isEmpty());
  }

  /** Every endpoint, the most recently seen first, 50 a page. */
  public static ExternalEndpointQuery all() {
    return new ExternalEndpointQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ExternalEndpointSort.LAST_SEEN,
        true,
        Optional.empty(),
        50);
  }
}
