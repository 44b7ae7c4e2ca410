package io.ward.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ward.exposure.AssessedFinding;
import io.ward.exposure.ExposureReport;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.model.Evidence;
import io.ward.model.exposure.DeviceRisk;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Writes an exposure report as the {@code ward.findings/1} JSON document (docs/findings-schema.md).
 */
public final class FindingsJson {
  private FindingsJson() {}

  /** The format tag at the top of every document. */
  public static final String FORMAT = "ward.findings/1";

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Writes findings, device risks and the problems met while loading knowledge. */
  public static void write(ExposureReport report, OutputStream out) throws IOException {
    write(report, Optional.empty(), out);
  }

  /** Writes an assessment: findings, device risks, the CMDB merge and the problems. */
  public static void write(VulnerabilityAssessment assessment, OutputStream out)
      throws IOException {
    write(assessment.report(), assessment.cmdb(), out, g -> {});
  }

  /** Fields a caller adds after the document's own (e.g. the CLI's {@code metrics}). */
  @FunctionalInterface
  public interface MoreFields {
    void write(JsonGenerator g) throws IOException;
  }

  /** Writes an assessment as {@link #write(VulnerabilityAssessment, OutputStream)}, then more. */
  public static void write(VulnerabilityAssessment assessment, OutputStream out, MoreFields more)
      throws IOException {
    write(assessment.report(), assessment.cmdb(), out, more);
  }

  private static void write(
      ExposureReport report, Optional<CmdbReconciliation> cmdb, OutputStream out)
      throws IOException {
    write(report, cmdb, out, g -> {});
  }

  private static void write(
      ExposureReport report, Optional<CmdbReconciliation> cmdb, OutputStream out, MoreFields more)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeArrayFieldStart("findings");
      for (AssessedFinding a : report.findings()) {
        writeFinding(g, a);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("devices");
      for (DeviceRisk d : report.devices()) {
        writeDeviceRisk(g, d);
      }
      g.writeEndArray();
      CmdbJson.write(g, cmdb);
      writeProblems(g, report.problems());
      more.write(g);
      g.writeEndObject();
    }
  }

  private static void writeFinding(JsonGenerator g, AssessedFinding a) throws IOException {
    Finding f = a.finding();
    RiskAssessment r = a.risk();
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("kind", f.kind().id());
    g.writeStringField("device", f.deviceId());
    opt(g, "cve", f.cve());
    g.writeStringField("vulnerability", f.vulnerability());
    g.writeStringField("advisory", f.advisoryId());
    g.writeStringField("title", f.title());
    g.writeStringField("status", f.status().id());
    opt(g, "statusReason", f.statusReason());
    writeMatch(g, f.matchedBy());
    g.writeObjectFieldStart("cvss");
    opt(g, "vector", r.cvssVector());
    optNumber(g, "base", r.baseScore());
    optNumber(g, "clinical", r.clinicalScore());
    g.writeEndObject();
    g.writeBooleanField("kev", r.kev());
    g.writeBooleanField("ransomware", r.ransomware());
    opt(g, "kevDueDate", a.kevDueDate().map(Object::toString));
    optNumber(g, "epss", r.epss());
    g.writeObjectFieldStart("ssvc");
    g.writeStringField("exploitation", r.exploitation());
    g.writeBooleanField("automatable", r.automatable());
    g.writeStringField("technicalImpact", r.technicalImpact());
    g.writeStringField("missionWellbeing", r.missionWellbeing());
    g.writeEndObject();
    g.writeStringField("decision", r.decision().id());
    g.writeNumberField("score", r.score());
    strings(g, "rationale", r.rationale());
    g.writeArrayFieldStart("remediations");
    for (RemediationOption o : a.remediations()) {
      g.writeStartObject();
      g.writeStringField("kind", o.kind().id());
      g.writeStringField("text", o.text());
      opt(g, "fixedVersion", o.fixedVersion());
      opt(g, "url", o.url());
      g.writeStringField("source", o.source());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeMatch(JsonGenerator g, MatchReason m) throws IOException {
    g.writeObjectFieldStart("matchedBy");
    g.writeStringField("advisory", m.advisoryId());
    opt(g, "productId", m.productId());
    g.writeStringField("product", m.productName());
    g.writeStringField("rule", m.rule().id());
    opt(g, "constraint", m.constraint());
    g.writeStringField("deviceAttribute", m.deviceAttribute());
    g.writeStringField("deviceValue", m.deviceValue());
    g.writeNumberField("confidence", Math.round(m.confidence() * 1000) / 1000.0);
    g.writeStringField("explanation", m.explanation());
    g.writeArrayFieldStart("evidence");
    for (Evidence e : m.evidence()) {
      g.writeStartObject();
      g.writeStringField("attribute", e.attribute());
      g.writeStringField("value", e.value());
      g.writeStringField("source", e.source());
      g.writeStringField("observed", e.observed());
      g.writeNumberField("confidence", Math.round(e.confidence() * 1000) / 1000.0);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeDeviceRisk(JsonGenerator g, DeviceRisk d) throws IOException {
    g.writeStartObject();
    g.writeStringField("device", d.deviceId());
    g.writeStringField("decision", d.decision().id());
    g.writeNumberField("score", d.score());
    g.writeNumberField("affected", d.affected());
    g.writeNumberField("possiblyAffected", d.possiblyAffected());
    g.writeNumberField("notAffected", d.notAffected());
    strings(g, "worstFindings", d.worstFindings());
    strings(g, "rationale", d.rationale());
    g.writeEndObject();
  }

  private static void writeProblems(JsonGenerator g, List<FeedProblem> problems)
      throws IOException {
    g.writeArrayFieldStart("problems");
    for (FeedProblem p : problems) {
      g.writeStartObject();
      g.writeStringField("file", p.file());
      g.writeStringField("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
      opt(g, "location", p.location());
      g.writeStringField("message", p.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void opt(JsonGenerator g, String name, Optional<String> v) throws IOException {
    if (v.isPresent()) {
      g.writeStringField(name, v.get());
    } else {
      g.writeNullField(name);
    }
  }

  private static void optNumber(JsonGenerator g, String name, Optional<Double> v)
      throws IOException {
    if (v.isPresent()) {
      g.writeNumberField(name, v.get());
    } else {
      g.writeNullField(name);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }
}
