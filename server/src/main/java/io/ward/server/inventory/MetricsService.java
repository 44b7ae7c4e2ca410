package io.ward.server.inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures, computed by SQL aggregates. Utilisation and idleness are measured
 * against the newest traffic stored (time comes from the captures, not the wall clock).
 */
@Service
@Transactional(readOnly = true)
public class MetricsService {
  static final int UTILISATION_DAYS = 7;
  static final int IDLE_DAYS = 30;
  private static final int UTILISATION_DEVICES = 20;

  private final JdbcClient jdbc;

  MetricsService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Everything the dashboard shows. */
  public DashboardMetrics dashboard() {
    long devices = jdbc.sql("SELECT COUNT(*) FROM device").query(Long.class).single();
    Optional<Instant> asOf =
        jdbc.sql("SELECT MAX(hour_start) FROM device_hour")
            .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
            .single()
            .map(t -> t.toInstant().plus(Duration.ofHours(1)));
    return new DashboardMetrics(
        devices,
        countBy("category"),
        countBy("criticality"),
        count("SELECT COUNT(*) FROM device WHERE medical = TRUE AND end_of_life = TRUE"),
        count("SELECT COUNT(*) FROM device WHERE kev = TRUE"),
        riskBands(),
        jdbc.sql(
                DeviceRows.SELECT
                    + " ORDER BY d.risk_score DESC, d.criticality_rank, d.last_seen DESC, d.id"
                    + " FETCH FIRST 10 ROWS ONLY")
            .query(DeviceRows::row)
            .list(),
        cleartext(),
        asOf,
        asOf.map(this::utilisation).orElse(List.of()),
        asOf.map(t -> idle(t, 50)).orElse(List.of()),
        asOf.map(this::idleCount).orElse(0L));
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private Map<String, Long> countBy(String column) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.sql("SELECT " + column + ", COUNT(*) FROM device GROUP BY " + column)
        .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2)))
        .list();
    return out;
  }

  private Map<String, Long> riskBands() {
    Map<String, Long> out = new LinkedHashMap<>();
    String sql =
        "SELECT COALESCE(SUM(CASE WHEN risk_score = 0 THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN risk_score BETWEEN 1 AND 39 THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN risk_score BETWEEN 40 AND 69 THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN risk_score BETWEEN 70 AND 89 THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN risk_score >= 90 THEN 1 ELSE 0 END), 0) FROM device";
    jdbc.sql(sql)
        .query(
            (rs, n) -> {
              out.put("0", rs.getLong(1));
              out.put("1-39", rs.getLong(2));
              out.put("40-69", rs.getLong(3));
              out.put("70-89", rs.getLong(4));
              out.put("90-100", rs.getLong(5));
              return out;
            })
        .single();
    return out;
  }

  private List<DashboardMetrics.Cleartext> cleartext() {
    return jdbc.sql(
            "SELECT protocol, SUM(cleartext_flows) AS flows, COUNT(DISTINCT client_device_id * 1000003"
                + " + server_device_id) AS pairs FROM flow_hour WHERE cleartext_flows > 0"
                + " GROUP BY protocol ORDER BY flows DESC, protocol")
        .query(
            (rs, n) ->
                new DashboardMetrics.Cleartext(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }

  private List<DashboardMetrics.Utilisation> utilisation(Instant asOf) {
    Instant from = asOf.minus(Duration.ofDays(UTILISATION_DAYS));
    Map<Long, Map<LocalDate, Integer>> hours = new HashMap<>();
    jdbc.sql(
            "SELECT device_id, hour_start FROM device_hour WHERE hour_start >= ? AND device_id IN ("
                + " SELECT device_id FROM device_hour WHERE hour_start >= ? GROUP BY device_id"
                + " ORDER BY COUNT(*) DESC, device_id FETCH FIRST "
                + UTILISATION_DEVICES
                + " ROWS ONLY)")
        .params(DeviceRows.utc(from), DeviceRows.utc(from))
        .query(
            (rs, n) -> {
              LocalDate day =
                  rs.getObject(2, OffsetDateTime.class)
                      .withOffsetSameInstant(ZoneOffset.UTC)
                      .toLocalDate();
              hours
                  .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                  .merge(day, 1, Integer::sum);
              return day;
            })
        .list();
    List<DashboardMetrics.Utilisation> out = new ArrayList<>();
    for (Map.Entry<Long, Map<LocalDate, Integer>> e : hours.entrySet()) {
      DeviceRow d =
          jdbc.sql(DeviceRows.SELECT + " WHERE d.id = ?")
              .param(e.getKey())
              .query(DeviceRows::row)
              .single();
      int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
      out.add(
          new DashboardMetrics.Utilisation(
              d.id(),
              d.name(),
              d.model(),
              d.category().id(),
              e.getValue(),
              (double) total / UTILISATION_DAYS));
    }
    out.sort(
        (a, b) ->
            a.averageHoursPerDay() != b.averageHoursPerDay()
                ? Double.compare(b.averageHoursPerDay(), a.averageHoursPerDay())
                : Long.compare(a.deviceId(), b.deviceId()));
    return out;
  }

  private List<DeviceRow> idle(Instant asOf, int limit) {
    return jdbc.sql(
            DeviceRows.SELECT
                + " WHERE d.last_seen < ? ORDER BY d.criticality_rank, d.last_seen, d.id FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .param(DeviceRows.utc(asOf.minus(Duration.ofDays(IDLE_DAYS))))
        .query(DeviceRows::row)
        .list();
  }

  private long idleCount(Instant asOf) {
    return jdbc.sql("SELECT COUNT(*) FROM device WHERE last_seen < ?")
        .param(DeviceRows.utc(asOf.minus(Duration.ofDays(IDLE_DAYS))))
        .query(Long.class)
        .single();
  }
}
