package io.ward.server.inventory;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in order
 * @param nextCursor pass to the next query to continue; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
