package io.ward.server.api;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in order
 * @param nextCursor pass as {@code cursor} to get the next page; absent on the last page
 * @param total how many items match, when asked for ({@code total=true})
 */
public record PageJson<T>(List<T> items, Optional<String> nextCursor, Optional<Long> total) {
  public PageJson {
    items = List.copyOf(items);
  }
}
