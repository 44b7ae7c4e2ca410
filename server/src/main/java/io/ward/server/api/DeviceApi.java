package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.exposure.FindingService;
import io.ward.server.exposure.RemediationService;
import io.ward.server.inventory.CmdbConflicts;
import io.ward.server.inventory.DeviceQuery;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.server.inventory.Page;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/devices}: the inventory, one device's story, its traffic, findings and work. */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Devices")
class DeviceApi {
  private final DeviceQueryService devices;
  private final TrafficQueries traffic;
  private final FindingService findings;
  private final RemediationService remediations;
  private final CmdbConflicts cmdb;
  private final ExternalEndpointQueries external;

  /** External endpoints a device's detail lists; the endpoint listing's deviceId filter has all. */
  static final int DETAIL_EXTERNAL = 100;

  DeviceApi(
      DeviceQueryService devices,
      TrafficQueries traffic,
      FindingService findings,
      RemediationService remediations,
      CmdbConflicts cmdb,
      ExternalEndpointQueries external) {
    this.devices = devices;
    this.traffic = traffic;
    this.findings = findings;
    this.remediations = remediations;
    this.cmdb = cmdb;
    this.external = external;
  }

  @GetMapping
  @Operation(summary = "Search the inventory, a page at a time (cursor pagination)")
  PageJson<DeviceJson.Summary> list(
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
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "total", defaultValue = "false") boolean total) {
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
            Params.limit(limit, 50, DeviceQuery.MAX_LIMIT));
    Page<io.ward.server.inventory.DeviceRow> page = InventorySearch.search(devices, query);
    return new PageJson<>(
        page.items().stream().map(DeviceJson.Summary::of).toList(),
        page.nextCursor(),
        total ? Optional.of(devices.count(query)) : Optional.empty());
  }

  @GetMapping("/{id}")
  @Operation(
      summary =
          "One device with the evidence behind each attribute, its history, what the last"
              + " CMDB import disagrees with (cmdbConflicts), and the internet hosts it talked with"
              + " (externalEndpoints: the 100 it exchanged the most flows with, with its own"
              + " traffic with each; /api/v1/external-endpoints?deviceId= lists them all)")
  DeviceDetailJson get(@PathVariable("id") long id) {
    DeviceJson.Detail detail =
        devices.detail(id).map(DeviceJson.Detail::of).orElseThrow(() -> missing(id));
    return new DeviceDetailJson(
        detail,
        cmdb.forDevice(id).stream().map(CmdbConflictJson::of).toList(),
        external.forDevice(id, DETAIL_EXTERNAL).stream()
            .map(ExternalEndpointJson.Contact::of)
            .toList());
  }

  @GetMapping("/{id}/peers")
  @Operation(
      summary =
          "The device's peers per protocol, both directions, most flows first (at most limit,"
              + " default 1,000, at most 10,000)")
  List<DeviceJson.Peer> peers(
      @PathVariable("id") long id, @RequestParam(name = "limit", required = false) Integer limit) {
    requireDevice(id);
    return devices.peers(id, Params.limit(limit, 1_000, DeviceQueryService.MAX_PEERS)).stream()
        .map(DeviceJson.Peer::of)
        .toList();
  }

  @GetMapping("/{id}/flows")
  @Operation(summary = "The device's traffic hour by hour, newest first")
  List<TrafficQueries.FlowHour> flows(
      @PathVariable("id") long id, @RequestParam(name = "limit", required = false) Integer limit) {
    requireDevice(id);
    return traffic.flowHours(id, Params.limit(limit, 200, 1000));
  }

  @GetMapping("/{id}/findings")
  @Operation(summary = "The device's findings, highest score first, with rationale")
  List<FindingJson> findings(@PathVariable("id") long id) {
    requireDevice(id);
    return findings.forDevice(id).stream().map(FindingJson::of).toList();
  }

  @GetMapping("/{id}/remediations")
  @Operation(summary = "Remediation records covering the device")
  List<RemediationJson.View> remediations(@PathVariable("id") long id) {
    requireDevice(id);
    return remediations.forDevice(id).stream().map(RemediationJson.View::of).toList();
  }

  private void requireDevice(long id) {
    if (devices.device(id).isEmpty()) {
      throw missing(id);
    }
  }

  private static ApiException missing(long id) {
    return ApiException.notFound("no device " + id);
  }
}
