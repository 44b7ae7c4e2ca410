package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.inventory.DashboardMetrics;
import io.ward.server.inventory.MetricsService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/metrics}: the dashboard's figures for scripts and reports. */
@RestController
@Tag(name = "Metrics")
class MetricsApi {
  private final MetricsService metrics;
  private final Insights insights;

  MetricsApi(MetricsService metrics, Insights insights) {
    this.metrics = metrics;
    this.insights = insights;
  }

  /**
   * The dashboard's figures.
   *
   * @param asOf the newest traffic hour stored: utilisation and idleness are measured up to it
   * @param remediation the remediation programme's metrics, as {@code /api/v1/metrics/remediation}
   *     serves them
   */
  record MetricsJson(
      long devices,
      Insights.Totals work,
      Map<String, Long> byCategory,
      Map<String, Long> byCriticality,
      Map<String, Long> riskDistribution,
      long medicalOnEndOfLife,
      long kevDevices,
      List<DeviceJson.Summary> topToAct,
      List<DashboardMetrics.Cleartext> cleartextClinical,
      Optional<Instant> asOf,
      List<DashboardMetrics.Utilisation> utilisation,
      List<Insights.ModelUse> utilisationByModel,
      long idleDevices,
      DashboardMetrics.Remediation remediation) {}

  @GetMapping("/api/v1/metrics")
  @Operation(summary = "Counts, distributions, devices to act on, cleartext traffic, utilisation")
  MetricsJson metrics() {
    DashboardMetrics m = metrics.dashboard();
    return new MetricsJson(
        m.devices(),
        insights.totals(),
        m.byCategory(),
        m.byCriticality(),
        m.riskDistribution(),
        m.medicalOnEndOfLife(),
        m.kevDevices(),
        m.topToAct().stream().map(DeviceJson.Summary::of).toList(),
        m.cleartextClinical(),
        m.asOf(),
        m.utilisation(),
        insights.utilisationByModel(7, 20),
        m.idleDeviceCount(),
        m.remediation());
  }

  @GetMapping("/api/v1/metrics/remediation")
  @Operation(
      summary =
          "Open findings by Ward's SSVC-based decision (act-now, act-soon, track, defer; track"
              + " covers SSVC Track and Track*), overdue records, mean days to remediate over the"
              + " records closed as patched or mitigated (with the closing days it covers), share"
              + " of devices on supported software",
      description =
          "Computed from the stored findings and remediation records alone, so it costs less"
              + " than the whole of /api/v1/metrics. Overdue is judged against today (UTC);"
              + " meanDaysToRemediate is null while no record was patched or mitigated, and risk"
              + " acceptances are not counted in it. openByDecision labels each figure ('ssvc')"
              + " with Ward's decision id, not an SSVC outcome: SSVC Act reads as act-now, Attend"
              + " as act-soon, both Track and Track* as track, and internet exposure or each"
              + " compensating control moves a decision a step; defer is no SSVC outcome (lowered"
              + " below track by segmentation or controls).")
  DashboardMetrics.Remediation remediation() {
    return metrics.remediation();
  }
}
