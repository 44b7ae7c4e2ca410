package io.ward.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ward.engine.FindingsJson;
import io.ward.engine.VulnerabilityAssessment;
import io.ward.exposure.remediation.RemediationMetrics;
import io.ward.model.exposure.Decision;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The programme metrics of a {@code ward vulns} run: open findings by urgency and the share of
 * devices on supported software, computed by {@link RemediationMetrics} like the server's. Overdue
 * records and the mean time to remediate need remediation records, which only the server keeps: the
 * report says so instead of showing the zero or empty figure the metrics would give without any.
 */
final class VulnsMetrics {
  /** What the report says in place of the figures that need remediation records. */
  static final String NO_RECORDS = "not available without remediation records";

  private final RemediationMetrics metrics;
  private final int devices;
  private final LocalDate today;

  private VulnsMetrics(RemediationMetrics metrics, int devices, LocalDate today) {
    this.metrics = metrics;
    this.devices = devices;
    this.today = today;
  }

  /** The metrics of an assessment, over every device assessed, judged on {@code today}. */
  static VulnsMetrics of(VulnerabilityAssessment result, LocalDate today) {
    int devices = result.devices().size();
    return new VulnsMetrics(
        RemediationMetrics.of(result.report().findings(), List.of(), devices, today),
        devices,
        today);
  }

  /** The short block that ends the text report. */
  void print(PrintStream out) {
    out.println();
    out.println("Metrics");
    StringBuilder open = new StringBuilder();
    int total = 0;
    for (Decision d : Decision.values()) {
      int n = metrics.openByDecision().getOrDefault(d, 0);
      total += n;
      open.append(open.length() == 0 ? "" : ", ")
          .append(RemediationMetrics.label(d))
          .append(' ')
          .append(n);
    }
    out.println(
        "  open findings by urgency: "
            + open
            + "; "
            + total
            + " in all (Ward's decisions; track covers SSVC Track and Track*)");
    out.println("  overdue remediations: " + NO_RECORDS);
    out.println("  mean time to remediate: " + NO_RECORDS);
    long supported = Math.round(metrics.supportedShare() * devices);
    out.printf(
        Locale.ROOT,
        "  devices on supported software: %.1f%% (%d of %d, no end-of-life finding)%n",
        metrics.supportedShare() * 100,
        supported,
        devices);
  }

  /**
   * Writes the {@code ward.findings/1} document with this {@code metrics} object added after its
   * other keys (docs/findings-schema.md).
   */
  void writeJson(VulnerabilityAssessment result, OutputStream out) throws IOException {
    FindingsJson.write(result, out, this::writeMetrics);
  }

  private void writeMetrics(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("metrics");
    g.writeStringField("today", today.toString());
    g.writeArrayFieldStart("openByDecision");
    for (Decision d : Decision.values()) {
      g.writeStartObject();
      g.writeStringField("decision", d.id());
      // The server's key: the label of the figure, Ward's decision and not an SSVC outcome.
      g.writeStringField("ssvc", RemediationMetrics.label(d));
      g.writeNumberField("open", metrics.openByDecision().getOrDefault(d, 0));
      g.writeEndObject();
    }
    g.writeEndArray();
    // Every finding ward vulns makes has a decision; the key is kept for the server's shape.
    g.writeNumberField("openWithoutDecision", 0);
    g.writeNullField("overdue");
    g.writeNullField("meanDaysToRemediate");
    g.writeNullField("remediated");
    g.writeNullField("remediatedFrom");
    g.writeNullField("remediatedTo");
    g.writeStringField("unavailable", "overdue and meanDaysToRemediate: " + NO_RECORDS);
    g.writeNumberField("devices", devices);
    g.writeNumberField("supportedShare", metrics.supportedShare());
    g.writeEndObject();
  }
}
