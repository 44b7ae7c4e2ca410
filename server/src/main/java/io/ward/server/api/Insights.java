package io.ward.server.api;

import io.ward.server.exposure.StoredDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard shows beyond {@link io.ward.server.inventory.MetricsService}: work counts
 * (findings, remediation), the lists behind its KEV and end-of-life counts, cleartext traffic per
 * device pair, and utilisation per model.
 *
 * <p>Time windows end at the newest traffic stored, not at the wall clock: a capture replayed
 * months later still shows the week it recorded.
 */
@Service
@Transactional(readOnly = true)
public class Insights {
  private final JdbcClient jdbc;

  Insights(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A device in a short list, with the reason it is listed. */
  public record DeviceRef(
      long id, String name, String category, String criticality, int riskScore, String why) {}

  /** Headline counts. */
  public record Totals(
      long devices,
      long medicalDevices,
      long kevDevices,
      long endOfLifeMedical,
      long openFindings,
      long openRemediations,
      long overdueRemediations,
      long captures) {}

  /** Cleartext traffic of a clinical or management protocol between two devices. */
  public record CleartextPair(
      long clientId,
      String clientName,
      long serverId,
      String serverName,
      String protocol,
      long cleartextFlows,
      long bytes) {}

  /**
   * How much a model is used: hours with traffic per day, averaged over its devices and the window.
   */
  public record ModelUse(String model, long devices, double hoursPerDay) {}

  /** Headline counts. */
  public Totals totals() {
    return jdbc.sql(
            "SELECT"
                + " (SELECT COUNT(*) FROM device) AS devices,"
                + " (SELECT COUNT(*) FROM device WHERE medical = TRUE) AS medical,"
                + " (SELECT COUNT(*) FROM device WHERE kev = TRUE) AS kev,"
                + " (SELECT COUNT(*) FROM device WHERE medical = TRUE AND end_of_life = TRUE) AS eol,"
                + " (SELECT COUNT(*) FROM finding WHERE status IN ('AFFECTED', 'POSSIBLY_AFFECTED'))"
                + " AS findings,"
                + " (SELECT COUNT(*) FROM remediation"
                + "   WHERE status IN ('OPEN', 'PLANNED', 'IN_PROGRESS')) AS open_rem,"
                + " (SELECT COUNT(*) FROM remediation"
                + "   WHERE status IN ('OPEN', 'PLANNED', 'IN_PROGRESS') AND due < ?) AS overdue,"
                + " (SELECT COUNT(*) FROM capture) AS captures")
        .param(LocalDate.now(ZoneOffset.UTC))
        .query(
            (rs, n) ->
                new Totals(
                    rs.getLong("devices"),
                    rs.getLong("medical"),
                    rs.getLong("kev"),
                    rs.getLong("eol"),
                    rs.getLong("findings"),
                    rs.getLong("open_rem"),
                    rs.getLong("overdue"),
                    rs.getLong("captures")))
        .single();
  }

  /** Medical devices running software past its end of life. */
  public List<DeviceRef> medicalEndOfLife(int limit) {
    return refs(
        "SELECT * FROM device WHERE medical = TRUE AND end_of_life = TRUE"
            + " ORDER BY criticality_rank, risk_score DESC, id",
        limit,
        "eol");
  }

  /** Devices with a vulnerability in CISA's Known Exploited Vulnerabilities catalog. */
  public List<DeviceRef> withKev(int limit) {
    return refs(
        "SELECT * FROM device WHERE kev = TRUE ORDER BY risk_score DESC, criticality_rank, id",
        limit,
        "kev");
  }

  /** Device pairs exchanging clinical or management protocols in cleartext, most flows first. */
  public List<CleartextPair> cleartextClinical(int limit) {
    return jdbc.sql(
            "SELECT x.*, c.device_key AS c_device_key, c.hostnames AS c_hostnames,"
                + " c.vendor AS c_vendor, c.model AS c_model, s.device_key AS s_device_key,"
                + " s.hostnames AS s_hostnames, s.vendor AS s_vendor, s.model AS s_model FROM ("
                + " SELECT client_device_id, server_device_id, protocol,"
                + " SUM(cleartext_flows) AS clear, SUM(bytes) AS bytes FROM flow_hour"
                + " WHERE cleartext_flows > 0 GROUP BY client_device_id, server_device_id, protocol"
                + ") x JOIN device c ON c.id = x.client_device_id"
                + " JOIN device s ON s.id = x.server_device_id"
                + " ORDER BY x.clear DESC, x.client_device_id, x.server_device_id, x.protocol"
                + " FETCH FIRST "
                + clamp(limit)
                + " ROWS ONLY")
        .query(
            (rs, n) ->
                new CleartextPair(
                    rs.getLong("client_device_id"),
                    Names.device(rs, "c_"),
                    rs.getLong("server_device_id"),
                    Names.device(rs, "s_"),
                    rs.getString("protocol"),
                    rs.getLong("clear"),
                    rs.getLong("bytes")))
        .list();
  }

  /**
   * Hours with traffic per day of medical devices, averaged per model over the {@code days} days
   * that end with the newest traffic stored, busiest models first.
   */
  public List<ModelUse> utilisationByModel(int days, int limit) {
    Optional<Instant> until =
        jdbc.sql("SELECT MAX(hour_start) FROM device_hour")
            .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
            .single()
            .map(OffsetDateTime::toInstant);
    if (until.isEmpty()) {
      return List.of();
    }
    Instant from = until.get().plus(Duration.ofHours(1)).minus(Duration.ofDays(days));
    return jdbc.sql(
            "SELECT d.vendor, d.model, d.category, COUNT(DISTINCT d.id) AS devices,"
                + " COUNT(*) AS hours FROM device_hour h JOIN device d ON d.id = h.device_id"
                + " WHERE d.medical = TRUE AND h.hour_start >= ?"
                + " GROUP BY d.vendor, d.model, d.category ORDER BY hours DESC, d.vendor, d.model"
                + " FETCH FIRST "
                + clamp(limit)
                + " ROWS ONLY")
        .param(from.atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) -> {
              String name = (rs.getString("vendor") + " " + rs.getString("model")).strip();
              long devices = rs.getLong("devices");
              return new ModelUse(
                  name.isEmpty() ? rs.getString("category") + " (model unknown)" : name,
                  devices,
                  rs.getLong("hours") / (double) (devices * days));
            })
        .list();
  }

  private List<DeviceRef> refs(String sql, int limit, String kind) {
    return jdbc.sql(sql + " FETCH FIRST " + clamp(limit) + " ROWS ONLY")
        .query(
            (rs, n) ->
                new DeviceRef(
                    rs.getLong("id"),
                    Names.device(rs, ""),
                    rs.getString("category"),
                    rs.getString("criticality"),
                    rs.getInt("risk_score"),
                    why(kind, rs)))
        .list();
  }

  private static String why(String kind, java.sql.ResultSet rs) throws java.sql.SQLException {
    switch (kind) {
      case "eol":
        String sw = (rs.getString("os") + " " + rs.getString("firmware")).strip();
        return sw.isEmpty() ? "software past end of life" : sw + " is past end of life";
      case "kev":
        return rs.getInt("open_findings") + " open findings, known exploited";
      default:
        return StoredDecision.shown(rs.getString("risk_decision")).map(d -> d + ", ").orElse("")
            + rs.getInt("open_findings")
            + " open findings";
    }
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, 500));
  }
}
