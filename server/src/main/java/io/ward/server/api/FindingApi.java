package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.model.exposure.FindingStatus;
import io.ward.server.exposure.AdvisoryRow;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.inventory.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/findings} and {@code /api/v1/advisories}: what is wrong, and the sources. */
@RestController
@Tag(name = "Vulnerabilities")
class FindingApi {
  private final FindingService findings;

  FindingApi(FindingService findings) {
    this.findings = findings;
  }

  /** A stored advisory. */
  record AdvisoryJson(
      String key,
      String source,
      String title,
      Optional<String> publisher,
      Optional<Instant> published,
      Optional<Instant> updated,
      Optional<String> url,
      int vulnerabilities,
      int products) {

    static AdvisoryJson of(AdvisoryRow a) {
      return new AdvisoryJson(
          a.key(),
          a.source(),
          a.title(),
          a.publisher(),
          a.published(),
          a.updated(),
          a.url(),
          a.vulnerabilities(),
          a.products());
    }
  }

  @GetMapping("/api/v1/findings")
  @Operation(summary = "Findings, highest score first, a page at a time")
  PageJson<FindingJson> list(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "kev", defaultValue = "false") boolean kev,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "limit", required = false) Integer limit) {
    Page<FindingRow> page;
    try {
      page =
          findings.search(
              Params.id("status", status, FindingStatus.class, FindingStatus::id),
              kev,
              Params.text("cursor", cursor, 100),
              Params.limit(limit, 50, 500));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return new PageJson<>(
        page.items().stream().map(FindingJson::of).toList(), page.nextCursor(), Optional.empty());
  }

  @GetMapping("/api/v1/findings/{id}")
  @Operation(summary = "One finding with its rationale")
  FindingJson get(@PathVariable("id") long id) {
    return findings
        .finding(id)
        .map(FindingJson::of)
        .orElseThrow(() -> ApiException.notFound("no finding " + id));
  }

  @GetMapping("/api/v1/advisories")
  @Operation(summary = "Stored advisories, most recently updated first, or one by key")
  List<AdvisoryJson> advisories(
      @RequestParam(name = "key", required = false) String key,
      @RequestParam(name = "limit", required = false) Integer limit) {
    Optional<String> k = Params.text("key", key, 300);
    if (k.isPresent()) {
      return findings.advisory(k.get()).map(AdvisoryJson::of).stream().toList();
    }
    return findings.advisories(Params.limit(limit, 100, 500)).stream()
        .map(AdvisoryJson::of)
        .toList();
  }
}
