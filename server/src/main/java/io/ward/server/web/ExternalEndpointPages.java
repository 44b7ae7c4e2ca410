package io.ward.server.web;

import io.ward.server.api.ExternalEndpointJson;
import io.ward.server.api.ExternalEndpointSearch;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.DeviceRow;
import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.server.inventory.ExternalEndpointQuery;
import io.ward.server.inventory.ExternalEndpointRow;
import io.ward.server.inventory.ExternalEndpointSort;
import io.ward.server.inventory.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /external-endpoints}: the internet hosts the devices talked to, with their devices
 * (search, site and device filters, sortable columns, server-side paging, htmx), as the inventory
 * table lists devices.
 */
@Controller
class ExternalEndpointPages {
  private static final int PAGE = 50;

  /** Devices a row names; the API names more. */
  static final int ROW_DEVICES = 5;

  private final ExternalEndpointQueries endpoints;
  private final DeviceQueryService devices;
  private final SiteOptions sites;

  ExternalEndpointPages(
      ExternalEndpointQueries endpoints, DeviceQueryService devices, SiteOptions sites) {
    this.endpoints = endpoints;
    this.devices = devices;
    this.sites = sites;
  }

  @GetMapping("/external-endpoints")
  String list(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "deviceId", required = false) Long deviceId,
      @RequestParam(name = "site", required = false) Long site,
      @RequestParam(name = "sort", defaultValue = "last-seen") String sort,
      @RequestParam(name = "order", required = false) String order,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    ExternalEndpointQuery query =
        ExternalEndpointSearch.query(q, deviceId, site, sort, order, cursor, PAGE);
    Page<ExternalEndpointRow> page = ExternalEndpointSearch.search(endpoints, query);
    String dir = query.descending() ? "desc" : "asc";
    model.addAttribute("page", "external");
    model.addAttribute("rows", page.items().stream().map(ExternalEndpointJson::of).toList());
    model.addAttribute("rowDevices", ROW_DEVICES);
    model.addAttribute("total", endpoints.count(query));
    model.addAttribute("q", query.text().orElse(""));
    model.addAttribute("site", query.siteId().map(String::valueOf).orElse(""));
    model.addAttribute("sites", sites.all());
    model.addAttribute(
        "device", query.deviceId().flatMap(devices::device).map(DeviceRow::name).orElse(null));
    model.addAttribute("deviceId", query.deviceId().map(String::valueOf).orElse(""));
    model.addAttribute("sort", query.sort().id());
    model.addAttribute("order", dir);
    model.addAttribute("paged", cursor != null && !cursor.isBlank());
    Map<String, String> base = new LinkedHashMap<>();
    base.put("q", query.text().orElse(""));
    base.put("deviceId", query.deviceId().map(String::valueOf).orElse(""));
    base.put("site", query.siteId().map(String::valueOf).orElse(""));
    model.addAttribute("firstUrl", url(base, query.sort().id(), dir, null));
    model.addAttribute(
        "nextUrl", page.nextCursor().map(c -> url(base, query.sort().id(), dir, c)).orElse(null));
    Map<String, String> sortUrls = new LinkedHashMap<>();
    for (ExternalEndpointSort s : ExternalEndpointSort.values()) {
      // Every column reads busiest or newest first; a second click turns it round.
      String next = s == query.sort() && query.descending() ? "asc" : "desc";
      sortUrls.put(s.id(), url(base, s.id(), next, null));
    }
    model.addAttribute("sortUrls", sortUrls);
    model.addAttribute("sorts", List.of(ExternalEndpointSort.values()));
    return htmx != null ? "external-endpoints :: results" : "external-endpoints";
  }

  static String url(Map<String, String> params, String sort, String order, String cursor) {
    return QueryUrl.listPage("/external-endpoints", params, sort, order, cursor);
  }
}
