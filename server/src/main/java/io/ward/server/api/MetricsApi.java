package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/metrics}: the dashboard's figures for scripts and reports. */
@RestController
@Tag(name = "Metrics")
class MetricsApi {
  private final Insights insights;

  MetricsApi(Insights insights) {
    this.insights = insights;
  }

  /** The headline figures and distributions. */
  record MetricsJson(
      Insights.Totals totals,
      List<Insights.Count> byCategory,
      List<Insights.Count> byCriticality,
      List<Insights.Count> riskBands,
      Insights.Utilisation utilisation) {}

  @GetMapping("/api/v1/metrics")
  @Operation(summary = "Counts, distributions and medical-device utilisation")
  MetricsJson metrics() {
    return new MetricsJson(
        insights.totals(),
        insights.byCategory(),
        insights.byCriticality(),
        insights.riskBands(),
        insights.utilisation(7, 20));
  }
}
