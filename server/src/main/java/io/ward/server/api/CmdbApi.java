package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.inventory.CmdbConflictKind;
import io.ward.server.inventory.CmdbConflictRow;
import io.ward.server.inventory.CmdbConflicts;
import io.ward.server.inventory.Page;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cmdb/conflicts}: the last CMDB import reconciled with the observed devices (the
 * upload itself is {@code POST /api/v1/cmdb}, with the other imports).
 */
@RestController
@RequestMapping("/api/v1/cmdb")
@Tag(name = "CMDB")
class CmdbApi {
  private final CmdbConflicts conflicts;

  CmdbApi(CmdbConflicts conflicts) {
    this.conflicts = conflicts;
  }

  @GetMapping("/conflicts")
  @Operation(
      summary =
          "What the last CMDB import and the network disagree on, rows not merged, and assets"
              + " not seen on the network, a page at a time (cursor pagination)",
      description =
          "Each CMDB import is merged with the observed devices by MAC, then IP, then serial, then"
              + " host name (never against a stronger identifier), as ward vulns --cmdb does, and"
              + " replaces the rows of the import before. kind is one of vendor, model, firmware,"
              + " serial, mac, ip, hostname (the CMDB and the network disagree; the network's"
              + " value is kept), duplicate-asset (another row already claims the device),"
              + " ambiguous (an identifier names several devices), not-observed (no device"
              + " matched). Filters: deviceId, kind. Rows come in the order the import found"
              + " them.")
  PageJson<CmdbConflictJson> list(
      @RequestParam(name = "deviceId", required = false) Long deviceId,
      @RequestParam(name = "kind", required = false) String kind,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "total", defaultValue = "false") boolean total) {
    Optional<Long> device = Optional.ofNullable(deviceId);
    Optional<CmdbConflictKind> k =
        Params.id("kind", kind, CmdbConflictKind.class, CmdbConflictKind::id);
    Page<CmdbConflictRow> page;
    try {
      page =
          conflicts.search(
              device,
              k,
              Params.text("cursor", cursor, 100),
              Params.limit(limit, 50, CmdbConflicts.MAX_LIMIT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return new PageJson<>(
        page.items().stream().map(CmdbConflictJson::of).toList(),
        page.nextCursor(),
        total ? Optional.of(conflicts.count(device, k)) : Optional.empty());
  }
}
