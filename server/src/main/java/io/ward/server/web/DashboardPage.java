package io.ward.server.web;

import io.ward.model.Criticality;
import io.ward.server.api.DeviceJson;
import io.ward.server.api.Insights;
import io.ward.server.api.JobJson;
import io.ward.server.ingest.JobService;
import io.ward.server.inventory.DashboardMetrics;
import io.ward.server.inventory.MetricsService;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/** {@code /}: the dashboard. */
@Controller
class DashboardPage {
  private final MetricsService metrics;
  private final Insights insights;
  private final JobService jobs;
  private final Charts charts;

  DashboardPage(MetricsService metrics, Insights insights, JobService jobs, JsonMapper json) {
    this.metrics = metrics;
    this.insights = insights;
    this.jobs = jobs;
    this.charts = new Charts(json);
  }

  @GetMapping("/")
  String dashboard(Model model) {
    DashboardMetrics m = metrics.dashboard();
    model.addAttribute("page", "dashboard");
    model.addAttribute("m", m);
    model.addAttribute("totals", insights.totals());
    model.addAttribute(
        "categoryChart", charts.counts("bar", "categories", byCount(m.byCategory())));
    model.addAttribute(
        "criticalityChart", charts.counts("doughnut", "criticality", byRank(m.byCriticality())));
    model.addAttribute("riskChart", charts.counts("bar", "risk", byBand(m.riskDistribution())));
    model.addAttribute("top", m.topToAct().stream().map(DeviceJson.Summary::of).toList());
    model.addAttribute("eol", insights.medicalEndOfLife(10));
    model.addAttribute("kev", insights.withKev(10));
    model.addAttribute("cleartextPairs", insights.cleartextClinical(10));
    model.addAttribute("jobs", jobs.recent(6).stream().map(JobJson::of).toList());
    model.addAttribute("asOf", m.asOf().map(Times::minute).orElse(""));
    model.addAttribute("days", days(m));
    model.addAttribute("models", insights.utilisationByModel(7, 10));
    model.addAttribute(
        "idle", m.idleDevices().stream().limit(10).map(DeviceJson.Summary::of).toList());
    return "dashboard";
  }

  /** The days of the utilisation window, oldest first. */
  private static List<LocalDate> days(DashboardMetrics m) {
    List<LocalDate> out = new ArrayList<>();
    m.asOf()
        .ifPresent(
            t -> {
              LocalDate last = t.minusSeconds(1).atOffset(ZoneOffset.UTC).toLocalDate();
              for (int i = 6; i >= 0; i--) {
                out.add(last.minusDays(i));
              }
            });
    return out;
  }

  /** Risk bands in order, named for people. */
  private static final List<String[]> BANDS =
      List.of(
          new String[] {"0", "none (0)"},
          new String[] {"1-39", "low (1–39)"},
          new String[] {"40-69", "medium (40–69)"},
          new String[] {"70-89", "high (70–89)"},
          new String[] {"90-100", "critical (90–100)"});

  private static Map<String, Long> byCount(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey().replace('-', ' '), e.getValue()));
    return out;
  }

  private static Map<String, Long> byRank(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Criticality c : Criticality.values()) {
      out.put(c.id().replace('-', ' '), counts.getOrDefault(c.id(), 0L));
    }
    return out;
  }

  private static Map<String, Long> byBand(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String[] band : BANDS) {
      out.put(band[1], counts.getOrDefault(band[0], 0L));
    }
    return out;
  }
}
