package io.ward.server.web;

import io.ward.server.api.ApiException;
import io.ward.server.api.CmdbConflictJson;
import io.ward.server.api.Params;
import io.ward.server.inventory.CmdbConflictKind;
import io.ward.server.inventory.CmdbConflictRow;
import io.ward.server.inventory.CmdbConflicts;
import io.ward.server.inventory.Page;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /cmdb}: the last CMDB import reconciled with the network: what they disagree on, rows not
 * merged and assets not seen on the network (filter by kind, server-side paging, htmx).
 */
@Controller
class CmdbPages {
  private static final int PAGE = 50;

  private final CmdbConflicts conflicts;

  CmdbPages(CmdbConflicts conflicts) {
    this.conflicts = conflicts;
  }

  @GetMapping("/cmdb")
  String reconciliation(
      @RequestParam(name = "kind", required = false) String kind,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    Optional<CmdbConflictKind> k =
        Params.id("kind", kind, CmdbConflictKind.class, CmdbConflictKind::id);
    Page<CmdbConflictRow> page;
    try {
      page = conflicts.search(Optional.empty(), k, Params.text("cursor", cursor, 100), PAGE);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    model.addAttribute("page", "cmdb");
    model.addAttribute("rows", page.items().stream().map(CmdbConflictJson::of).toList());
    model.addAttribute("kind", k.map(CmdbConflictKind::id).orElse(""));
    model.addAttribute("kinds", List.of(CmdbConflictKind.values()));
    model.addAttribute("counts", conflicts.countsByKind());
    model.addAttribute("total", conflicts.count(Optional.empty(), k));
    model.addAttribute("lastImport", conflicts.lastImport().orElse(null));
    model.addAttribute("paged", cursor != null && !cursor.isBlank());
    model.addAttribute(
        "nextUrl",
        page.nextCursor()
            .map(
                c -> {
                  QueryUrl b = new QueryUrl("/cmdb");
                  k.ifPresent(x -> b.param("kind", x.id()));
                  return b.param("cursor", c).toString();
                })
            .orElse(null));
    return htmx != null ? "cmdb :: results" : "cmdb";
  }
}
