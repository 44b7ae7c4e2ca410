package io.ward.server.api;

import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.server.inventory.ExternalEndpointQuery;
import io.ward.server.inventory.ExternalEndpointRow;
import io.ward.server.inventory.ExternalEndpointSort;
import io.ward.server.inventory.Page;
import java.util.Optional;

/**
 * External endpoint searches from request values, checked the same way for the API and the console.
 */
public final class ExternalEndpointSearch {
  private ExternalEndpointSearch() {}

  /** Builds and checks a query; every order is descending unless {@code order=asc}. */
  public static ExternalEndpointQuery query(
      String q, Long deviceId, Long site, String sort, String order, String cursor, int limit) {
    ExternalEndpointSort s =
        Params.id(
                "sort",
                sort == null || sort.isBlank() ? "last-seen" : sort,
                ExternalEndpointSort.class,
                ExternalEndpointSort::id)
            .orElse(ExternalEndpointSort.LAST_SEEN);
    if (order != null && !order.isBlank() && !order.equals("asc") && !order.equals("desc")) {
      throw ApiException.badRequest("order must be asc or desc");
    }
    return new ExternalEndpointQuery(
        Params.text("q", q, Params.MAX_SEARCH),
        Optional.ofNullable(deviceId),
        Optional.ofNullable(site),
        s,
        !"asc".equals(order),
        Params.text("cursor", cursor, 1000),
        limit);
  }

  /** Runs a search; a cursor from another order or a forged one is a 400. */
  public static Page<ExternalEndpointRow> search(
      ExternalEndpointQueries endpoints, ExternalEndpointQuery query) {
    try {
      return endpoints.search(query);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
