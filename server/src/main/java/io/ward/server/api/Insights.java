package io.ward.server.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the dashboard and of {@code GET /api/v1/metrics}: counts, distributions, the
 * devices to act on first, cleartext clinical traffic and utilisation for clinical engineering.
 *
 * <p>Time windows (utilisation, idle devices) end at the newest traffic stored, not at the wall
 * clock: a capture replayed months later still shows the week it recorded.
 */
@Service
@Transactional(readOnly = true)
public class Insights {
  /** Risk score bands, lowest first: label and lower bound. */
  static final List<Map.Entry<String, Integer>> RISK_BANDS =
      List.of(
          Map.entry("none", 0),
          Map.entry("low", 1),
          Map.entry("medium", 40),
          Map.entry("high", 70),
          Map.entry("critical", 90));

  private final JdbcClient jdbc;

  Insights(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A label and how many. */
  public record Count(String label, long count) {}

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

  /** One day of the window and the device-hours active in it. */
  public record DayUse(LocalDate day, long deviceHours) {}

  /** Utilisation of medical devices over the {@code days} before {@code until}. */
  public record Utilisation(
      Optional<Instant> until, int days, List<DayUse> perDay, List<ModelUse> perModel) {}

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

  /** Devices per category, most first. */
  public List<Count> byCategory() {
    return counts("SELECT category AS label, COUNT(*) AS n FROM device GROUP BY category ORDER BY n DESC, label");
  }

  /** Devices per clinical criticality, most critical first. */
  public List<Count> byCriticality() {
    return counts(
        "SELECT criticality AS label, COUNT(*) AS n FROM device"
            + " GROUP BY criticality, criticality_rank ORDER BY criticality_rank");
  }

  /** Devices per risk band, lowest band first (every band listed, empty ones with 0). */
  public List<Count> riskBands() {
    StringBuilder sql = new StringBuilder("SELECT");
    for (int i = 0; i < RISK_BANDS.size(); i++) {
      int low = RISK_BANDS.get(i).getValue();
      int high = i + 1 < RISK_BANDS.size() ? RISK_BANDS.get(i + 1).getValue() : 1000;
      sql.append(i == 0 ? " " : ", ")
          .append("SUM(CASE WHEN risk_score >= ")
          .append(low)
          .append(" AND risk_score < ")
          .append(high)
          .append(" THEN 1 ELSE 0 END) AS b")
          .append(i);
    }
    sql.append(" FROM device");
    return jdbc.sql(sql.toString())
        .query(
            (rs, n) -> {
              List<Count> out = new ArrayList<>();
              for (int i = 0; i < RISK_BANDS.size(); i++) {
                out.add(new Count(RISK_BANDS.get(i).getKey(), rs.getLong("b" + i)));
              }
              return out;
            })
        .single();
  }

  /** The devices to act on first: highest risk, then most critical, then most open findings. */
  public List<DeviceRef> topToActOn(int limit) {
    return refs(
        "SELECT * FROM device WHERE risk_score > 0"
            + " ORDER BY risk_score DESC, criticality_rank, open_findings DESC, id",
        limit,
        "risk");
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

  /** Hours active per day of medical devices, per day and per model, over the last days of data. */
  public Utilisation utilisation(int days, int models) {
    Optional<Instant> until =
        jdbc.sql("SELECT MAX(hour_start) FROM device_hour")
            .query((rs, n) -> Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class)))
            .single()
            .map(java.time.OffsetDateTime::toInstant);
    if (until.isEmpty()) {
      return new Utilisation(until, days, List.of(), List.of());
    }
    LocalDate lastDay = until.get().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate firstDay = lastDay.minusDays(days - 1L);
    Instant from = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<LocalDate, Long> perDay = new TreeMap<>();
    for (int i = 0; i < days; i++) {
      perDay.put(firstDay.plusDays(i), 0L);
    }
    jdbc.sql(
            "SELECT h.hour_start, COUNT(*) AS n FROM device_hour h JOIN device d ON d.id = h.device_id"
                + " WHERE d.medical = TRUE AND h.hour_start >= ? GROUP BY h.hour_start")
        .param(from.atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) -> {
              LocalDate day = Names.instant(rs, "hour_start").atOffset(ZoneOffset.UTC).toLocalDate();
              perDay.merge(day, rs.getLong("n"), Long::sum);
              return day;
            })
        .list();
    List<ModelUse> perModel =
        jdbc.sql(
                "SELECT d.vendor, d.model, d.category, COUNT(DISTINCT d.id) AS devices,"
                    + " COUNT(*) AS hours FROM device_hour h JOIN device d ON d.id = h.device_id"
                    + " WHERE d.medical = TRUE AND h.hour_start >= ?"
                    + " GROUP BY d.vendor, d.model, d.category ORDER BY hours DESC, d.vendor, d.model"
                    + " FETCH FIRST "
                    + clamp(models)
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
    List<DayUse> dayUse = new ArrayList<>();
    perDay.forEach((day, n) -> dayUse.add(new DayUse(day, n)));
    return new Utilisation(until, days, dayUse, perModel);
  }

  /**
   * Medical devices without traffic for {@code days} before the newest traffic stored.
   */
  public List<DeviceRef> idleMedical(int days, int limit) {
    Optional<Instant> newest =
        jdbc.sql("SELECT MAX(last_seen) FROM device")
            .query((rs, n) -> Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class)))
            .single()
            .map(java.time.OffsetDateTime::toInstant);
    if (newest.isEmpty()) {
      return List.of();
    }
    Instant before = newest.get().minus(Duration.ofDays(days));
    return jdbc.sql(
            "SELECT * FROM device WHERE medical = TRUE AND last_seen < ?"
                + " ORDER BY last_seen, id FETCH FIRST "
                + clamp(limit)
                + " ROWS ONLY")
        .param(before.atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) ->
                new DeviceRef(
                    rs.getLong("id"),
                    Names.device(rs, ""),
                    rs.getString("category"),
                    rs.getString("criticality"),
                    rs.getInt("risk_score"),
                    "last seen " + Names.instant(rs, "last_seen")))
        .list();
  }

  private List<Count> counts(String sql) {
    return jdbc.sql(sql).query((rs, n) -> new Count(rs.getString("label"), rs.getLong("n"))).list();
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
        return rs.getString("risk_decision").isEmpty()
            ? rs.getInt("open_findings") + " open findings"
            : rs.getString("risk_decision") + ", " + rs.getInt("open_findings") + " open findings";
    }
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, 500));
  }
}
