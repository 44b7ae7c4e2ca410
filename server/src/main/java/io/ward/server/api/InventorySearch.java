package io.ward.server.api;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.server.inventory.DeviceQuery;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.DeviceSort;
import io.ward.server.inventory.Page;
import java.util.Optional;
import java.util.OptionalInt;

/** Inventory searches from request values, checked the same way for the API and the console. */
public final class InventorySearch {
  private InventorySearch() {}

  /** Builds and checks an inventory query from request values (shared with the console). */
  public static DeviceQuery query(
      String q,
      String category,
      String criticality,
      String vendor,
      Long site,
      Integer minRisk,
      boolean medical,
      boolean kev,
      String sort,
      String order,
      String cursor,
      int limit) {
    if (minRisk != null && (minRisk < 0 || minRisk > 100)) {
      throw ApiException.badRequest("minRisk must lie in [0,100]");
    }
    DeviceSort s =
        Params.id(
                "sort",
                sort == null || sort.isBlank() ? "risk" : sort,
                DeviceSort.class,
                DeviceSort::id)
            .orElse(DeviceSort.RISK);
    boolean descending;
    if (order == null || order.isBlank()) {
      descending = s == DeviceSort.RISK || s == DeviceSort.LAST_SEEN;
    } else if (order.equals("asc") || order.equals("desc")) {
      descending = order.equals("desc");
    } else {
      throw ApiException.badRequest("order must be asc or desc");
    }
    return new DeviceQuery(
        Params.text("q", q, Params.MAX_SEARCH),
        Params.id("category", category, Category.class, Category::id),
        Params.id("criticality", criticality, Criticality.class, Criticality::id),
        Params.text("vendor", vendor, Params.MAX_SEARCH),
        Optional.ofNullable(site),
        minRisk == null ? OptionalInt.empty() : OptionalInt.of(minRisk),
        medical,
        kev,
        s,
        descending,
        Params.text("cursor", cursor, 1000),
        limit);
  }

  /** Runs a search; a cursor from another order or a forged one is a 400. */
  public static Page<io.ward.server.inventory.DeviceRow> search(
      DeviceQueryService devices, DeviceQuery query) {
    try {
      return devices.search(query);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
