package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.exposure.AdvisoryQueries;
import io.ward.server.exposure.AdvisoryRow;
import io.ward.server.exposure.FindingFilter;
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
  private final AdvisoryQueries advisories;

  FindingApi(FindingService findings, AdvisoryQueries advisories) {
    this.findings = findings;
    this.advisories = advisories;
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
  @Operation(
      summary =
          "Findings by score (highest first unless sort=score-asc), a page at a time; every"
              + " filter given must hold, and an unknown value is a 400 naming the parameter")
  PageJson<FindingJson> list(
      @Parameter(description = "affected, possibly-affected or not-affected")
          @RequestParam(name = "status", required = false)
          String status,
      @Parameter(description = "only CVEs in CISA KEV")
          @RequestParam(name = "kev", defaultValue = "false")
          boolean kev,
      @Parameter(description = "act-now, act-soon, track or defer")
          @RequestParam(name = "decision", required = false)
          String decision,
      @Parameter(description = "vulnerability, recall, end-of-life or outdated-firmware")
          @RequestParam(name = "kind", required = false)
          String kind,
      @Parameter(description = "the device's category id, e.g. infusion-pump")
          @RequestParam(name = "category", required = false)
          String category,
      @Parameter(description = "part of the device's vendor, any case")
          @RequestParam(name = "vendor", required = false)
          String vendor,
      @Parameter(description = "part of the CVE, advisory key or title, any case")
          @RequestParam(name = "q", required = false)
          String q,
      @Parameter(description = "score-desc (default) or score-asc")
          @RequestParam(name = "sort", required = false)
          String sort,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "limit", required = false) Integer limit) {
    FindingFilter filter =
        FindingParams.filter(status, kev, decision, kind, category, vendor, q, sort);
    Page<FindingRow> page;
    try {
      page =
          findings.search(filter, Params.text("cursor", cursor, 100), Params.limit(limit, 50, 500));
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

  /**
   * An advisory with its reach in this hospital.
   *
   * @param id storage id, for {@code /api/v1/advisories/{id}}
   * @param cves the CVEs of its findings
   * @param affected devices affected
   * @param possiblyAffected devices possibly affected (and not affected)
   * @param kev one of its findings' CVEs is in CISA KEV
   */
  record AdvisorySummaryJson(
      long id,
      AdvisoryJson advisory,
      List<String> cves,
      int affected,
      int possiblyAffected,
      boolean kev) {
    static AdvisorySummaryJson of(AdvisoryQueries.Summary s) {
      return new AdvisorySummaryJson(
          s.advisory().id(),
          AdvisoryJson.of(s.advisory()),
          s.cves(),
          s.affected(),
          s.possiblyAffected(),
          s.kev());
    }
  }

  /** One advisory, its reach and its open findings (each naming its device). */
  record AdvisoryDetailJson(AdvisorySummaryJson summary, List<FindingJson> findings) {}

  @GetMapping("/api/v1/advisories")
  @Operation(
      summary =
          "Stored advisories, most recently updated first, or one by key; q searches key, title,"
              + " publisher and CVEs")
  List<AdvisoryJson> advisories(
      @RequestParam(name = "key", required = false) String key,
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "offset", defaultValue = "0") int offset,
      @RequestParam(name = "limit", required = false) Integer limit) {
    Optional<String> k = Params.text("key", key, 300);
    if (k.isPresent()) {
      return findings.advisory(k.get()).map(AdvisoryJson::of).stream().toList();
    }
    Optional<String> text = Params.text("q", q, Params.MAX_SEARCH);
    if (offset < 0) {
      throw ApiException.badRequest("offset must not be negative");
    }
    try {
      return advisories
          .rows(text, offset, Params.limit(limit, 100, AdvisoryQueries.MAX_ROWS))
          .stream()
          .map(AdvisoryJson::of)
          .toList();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @GetMapping("/api/v1/advisories/{id}")
  @Operation(
      summary =
          "One advisory by storage id: its CVEs, affected and possibly affected devices, KEV, and"
              + " its open findings")
  AdvisoryDetailJson advisory(@PathVariable("id") long id) {
    AdvisoryQueries.Summary s =
        advisories.byId(id).orElseThrow(() -> ApiException.notFound("no advisory " + id));
    return new AdvisoryDetailJson(
        AdvisorySummaryJson.of(s),
        findings.ofAdvisory(s.advisory().key()).stream().map(FindingJson::of).toList());
  }
}
