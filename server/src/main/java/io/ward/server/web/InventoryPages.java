package io.ward.server.web;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.api.ApiException;
import io.ward.server.api.CmdbConflictJson;
import io.ward.server.api.DeviceJson;
import io.ward.server.api.ExternalEndpointJson;
import io.ward.server.api.FindingJson;
import io.ward.server.api.InventorySearch;
import io.ward.server.api.RemediationJson;
import io.ward.server.api.TrafficQueries;
import io.ward.server.exposure.FindingService;
import io.ward.server.exposure.RemediationService;
import io.ward.server.inventory.CmdbConflicts;
import io.ward.server.inventory.DeviceDetail;
import io.ward.server.inventory.DeviceQuery;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.DeviceRow;
import io.ward.server.inventory.DeviceSort;
import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.server.inventory.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /devices}: the inventory table (server-side paging, htmx) and each device's page. */
@Controller
class InventoryPages {
  private static final int PAGE = 50;

  private final DeviceQueryService devices;
  private final FindingService findings;
  private final RemediationService remediations;
  private final TrafficQueries traffic;
  private final CmdbConflicts cmdb;
  private final ExternalEndpointQueries external;
  private final SiteOptions sites;

  InventoryPages(
      DeviceQueryService devices,
      FindingService findings,
      RemediationService remediations,
      TrafficQueries traffic,
      CmdbConflicts cmdb,
      ExternalEndpointQueries external,
      SiteOptions sites) {
    this.devices = devices;
    this.findings = findings;
    this.remediations = remediations;
    this.traffic = traffic;
    this.cmdb = cmdb;
    this.external = external;
    this.sites = sites;
  }

  @GetMapping("/devices")
  String inventory(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "category", required = false) String category,
      @RequestParam(name = "criticality", required = false) String criticality,
      @RequestParam(name = "vendor", required = false) String vendor,
      @RequestParam(name = "site", required = false) Long site,
      @RequestParam(name = "minRisk", required = false) Integer minRisk,
      @RequestParam(name = "medical", defaultValue = "false") boolean medical,
      @RequestParam(name = "kev", defaultValue = "false") boolean kev,
      @RequestParam(name = "sort", defaultValue = "risk") String sort,
      @RequestParam(name = "order", required = false) String order,
      @RequestParam(name = "cursor", required = false) String cursor,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    DeviceQuery query =
        InventorySearch.query(
            q,
            category,
            criticality,
            vendor,
            site,
            minRisk,
            medical,
            kev,
            sort,
            order,
            cursor,
            PAGE);
    Page<DeviceRow> page = InventorySearch.search(devices, query);
    model.addAttribute("page", "devices");
    model.addAttribute("rows", page.items().stream().map(DeviceJson.Summary::of).toList());
    model.addAttribute("total", devices.count(query));
    model.addAttribute("q", query.text().orElse(""));
    model.addAttribute("category", query.category().map(Category::id).orElse(""));
    model.addAttribute("criticality", query.criticality().map(Criticality::id).orElse(""));
    model.addAttribute("vendor", query.vendor().orElse(""));
    model.addAttribute("site", query.siteId().map(String::valueOf).orElse(""));
    model.addAttribute("sites", sites.all());
    model.addAttribute("minRisk", minRisk);
    model.addAttribute("medical", medical);
    model.addAttribute("kev", kev);
    model.addAttribute("sort", query.sort().id());
    model.addAttribute("order", query.descending() ? "desc" : "asc");
    model.addAttribute("categories", List.of(Category.values()));
    model.addAttribute("criticalities", List.of(Criticality.values()));
    model.addAttribute("paged", cursor != null && !cursor.isBlank());
    Map<String, String> base = new LinkedHashMap<>();
    base.put("q", query.text().orElse(""));
    base.put("category", query.category().map(Category::id).orElse(""));
    base.put("criticality", query.criticality().map(Criticality::id).orElse(""));
    base.put("vendor", query.vendor().orElse(""));
    base.put("site", query.siteId().map(String::valueOf).orElse(""));
    base.put("minRisk", minRisk == null ? "" : minRisk.toString());
    base.put("medical", medical ? "true" : "");
    base.put("kev", kev ? "true" : "");
    model.addAttribute(
        "firstUrl", url(base, query.sort().id(), query.descending() ? "desc" : "asc", null));
    model.addAttribute(
        "nextUrl",
        page.nextCursor()
            .map(c -> url(base, query.sort().id(), query.descending() ? "desc" : "asc", c))
            .orElse(null));
    Map<String, String> sortUrls = new LinkedHashMap<>();
    for (DeviceSort s : DeviceSort.values()) {
      boolean same = s == query.sort();
      boolean defaultDesc = s == DeviceSort.RISK || s == DeviceSort.LAST_SEEN;
      String dir = same ? (query.descending() ? "asc" : "desc") : (defaultDesc ? "desc" : "asc");
      sortUrls.put(s.id(), url(base, s.id(), dir, null));
    }
    model.addAttribute("sortUrls", sortUrls);
    return htmx != null ? "devices :: results" : "devices";
  }

  static String url(Map<String, String> params, String sort, String order, String cursor) {
    return QueryUrl.listPage("/devices", params, sort, order, cursor);
  }

  /**
   * Peers the device page's table lists (the busiest); the graph and the API give more. Each row
   * costs some twenty template expressions: at 100 rows the table was most of the page's CPU.
   */
  static final int PAGE_PEERS = 25;

  /** Traffic hours the device page shows when its section is opened. */
  static final int PAGE_FLOW_HOURS = 48;

  /** External endpoints the device page lists (its busiest); their page lists them all. */
  static final int PAGE_EXTERNAL = 10;

  @GetMapping("/devices/{id}")
  String device(@PathVariable("id") long id, Model model) {
    DeviceDetail d = devices.detail(id).orElseThrow(() -> ApiException.notFound("no device " + id));
    DeviceJson.Detail detail = DeviceJson.Detail.of(d);
    Map<String, List<DeviceJson.Evidence>> evidence = new LinkedHashMap<>();
    for (DeviceJson.Evidence e : detail.evidence()) {
      evidence.computeIfAbsent(e.attribute(), k -> new java.util.ArrayList<>()).add(e);
    }
    List<FindingJson> found = findings.forDevice(id).stream().map(FindingJson::of).toList();
    model.addAttribute("page", "devices");
    model.addAttribute("d", detail);
    model.addAttribute("evidence", evidence);
    model.addAttribute("findings", found);
    model.addAttribute(
        "cmdbConflicts", cmdb.forDevice(id).stream().map(CmdbConflictJson::of).toList());
    List<RemediationJson.View> work =
        remediations.forDevice(id).stream().map(RemediationJson.View::of).toList();
    model.addAttribute("remediations", work);
    model.addAttribute("names", DeviceNames.of(devices, work));
    List<DeviceJson.Peer> peers =
        devices.peers(id, PAGE_PEERS + 1).stream().map(DeviceJson.Peer::of).toList();
    model.addAttribute("peers", peers.subList(0, Math.min(peers.size(), PAGE_PEERS)));
    model.addAttribute("morePeers", peers.size() > PAGE_PEERS);
    List<ExternalEndpointJson.Contact> outside =
        external.forDevice(id, PAGE_EXTERNAL).stream()
            .map(ExternalEndpointJson.Contact::of)
            .toList();
    model.addAttribute("externalEndpoints", outside);
    model.addAttribute(
        "externalTotal",
        outside.size() < PAGE_EXTERNAL ? outside.size() : external.countForDevice(id));
    model.addAttribute("statuses", RemediationStatus.values());
    model.addAttribute("returnTo", "/devices/" + id);
    return "device";
  }

  /** The device page's hour-by-hour traffic, loaded when its section is opened (htmx). */
  @GetMapping("/devices/{id}/traffic")
  String traffic(@PathVariable("id") long id, Model model) {
    devices.device(id).orElseThrow(() -> ApiException.notFound("no device " + id));
    model.addAttribute("flows", traffic.flowHours(id, PAGE_FLOW_HOURS));
    return "fragments/traffic :: traffic";
  }
}
