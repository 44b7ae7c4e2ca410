package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.server.inventory.ExternalEndpointQuery;
import io.ward.server.inventory.ExternalEndpointRow;
import io.ward.server.inventory.Page;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/external-endpoints}: the internet hosts the devices talked to, which ingest keeps
 * apart from the devices, with the devices that talked with each.
 */
@RestController
@RequestMapping("/api/v1/external-endpoints")
@Tag(name = "External endpoints")
class ExternalEndpointApi {
  private final ExternalEndpointQueries endpoints;

  ExternalEndpointApi(ExternalEndpointQueries endpoints) {
    this.endpoints = endpoints;
  }

  @GetMapping
  @Operation(
      summary =
          "The internet hosts the devices talked to, a page at a time (cursor pagination), each"
              + " with its 20 busiest devices",
      description =
          "An external endpoint is a public address outside ward.ingest.internal-nets that"
              + " spoke no clinical protocol, and that a capture showed only behind a router"
              + " (reasons: behind-router) or, carrying no MAC for it, talking with a private or"
              + " internal address (reasons: no-link-layer); reasons is empty for endpoints"
              + " stored before it was recorded. Its flows, packets and bytes are summed over"
              + " every capture ingested. Filters: q (words in the"
              + " address or a host name), deviceId (endpoints that device talked with), site"
              + " (endpoints a device of that site talked with). sort: last-seen (default),"
              + " flows, bytes, devices; order desc (default) or asc.")
  PageJson<ExternalEndpointJson> list(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "deviceId", required = false) Long deviceId,
      @RequestParam(name = "site", required = false) Long site,
      @RequestParam(name = "sort", defaultValue = "last-seen") String sort,
      @RequestParam(name = "order", required = false) String order,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "total", defaultValue = "false") boolean total) {
    ExternalEndpointQuery query =
        ExternalEndpointSearch.query(
            q,
            deviceId,
            site,
            sort,
            order,
            cursor,
            Params.limit(limit, 50, ExternalEndpointQuery.MAX_LIMIT));
    Page<ExternalEndpointRow> page = ExternalEndpointSearch.search(endpoints, query);
    return new PageJson<>(
        page.items().stream().map(ExternalEndpointJson::of).toList(),
        page.nextCursor(),
        total ? Optional.of(endpoints.count(query)) : Optional.empty());
  }

  @GetMapping("/{id}")
  @Operation(
      summary =
          "One external endpoint with the devices that talked with it, most flows first (at"
              + " most limit, default 1,000)")
  ExternalEndpointJson get(
      @PathVariable("id") long id, @RequestParam(name = "limit", required = false) Integer limit) {
    int devices =
        Params.limit(
            limit, ExternalEndpointQueries.MAX_DEVICES, ExternalEndpointQueries.MAX_DEVICES);
    return endpoints
        .endpoint(id, devices)
        .map(ExternalEndpointJson::of)
        .orElseThrow(() -> ApiException.notFound("no external endpoint " + id));
  }
}
