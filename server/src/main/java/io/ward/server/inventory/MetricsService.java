package io.ward.server.inventory;

import io.ward.exposure.AssessedFinding;
import io.ward.exposure.remediation.RemediationMetrics;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.RemediationRecord;
import io.ward.model.exposure.RemediationStatus;
import io.ward.model.exposure.RiskAssessment;
import io.ward.server.exposure.StoredDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractList;
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
        asOf.map(this::idleCount).orElse(0L),
        remediation(devices));
  }

  /**
   * The programme metrics, computed by {@link RemediationMetrics} (the logic {@code ward} itself
   * uses) from the stored findings and records. Findings reach it as {@link FindingTally}: one
   * stand-in per stored finding, made from grouped counts, so a hospital's hundreds of thousands of
   * findings are never all loaded.
   */
  public DashboardMetrics.Remediation remediation() {
    return remediation(count("SELECT COUNT(*) FROM device"));
  }

  private DashboardMetrics.Remediation remediation(long devices) {
    // The same day Insights judges overdue records against, so the two figures agree.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    FindingTally findings = new FindingTally();
    long[] withoutDecision = {0};
    // Only end-of-life findings need their device (the supported share counts devices); the others
    // are counted per kind, status and decision alone.
    jdbc.sql(
            "SELECT kind, status, decision, COUNT(*) FROM finding WHERE kind <> 'END_OF_LIFE'"
                + " GROUP BY kind, status, decision")
        .query(
            (rs, n) -> {
              tally(findings, "-", rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))
                  .ifPresent(open -> withoutDecision[0] += open);
              return n;
            })
        .list();
    jdbc.sql(
            "SELECT device_id, status, decision, COUNT(*) FROM finding WHERE kind = 'END_OF_LIFE'"
                + " GROUP BY device_id, status, decision")
        .query(
            (rs, n) -> {
              tally(
                      findings,
                      Long.toString(rs.getLong(1)),
                      "END_OF_LIFE",
                      rs.getString(2),
                      rs.getString(3),
                      rs.getLong(4))
                  .ifPresent(open -> withoutDecision[0] += open);
              return n;
            })
        .list();
    List<RemediationRecord> records =
        jdbc.sql("SELECT id, status, opened, due, closed FROM remediation")
            .query(MetricsService::record)
            .list();
    RemediationMetrics metrics =
        RemediationMetrics.of(findings, records, Math.toIntExact(devices), today);
    List<DashboardMetrics.Urgency> open = new ArrayList<>();
    for (Decision d : Decision.values()) {
      open.add(
          new DashboardMetrics.Urgency(
              d.id(), RemediationMetrics.label(d), metrics.openByDecision().getOrDefault(d, 0)));
    }
    List<LocalDate> closed = records.stream().flatMap(r -> r.closed().stream()).sorted().toList();
    return new DashboardMetrics.Remediation(
        today,
        open,
        withoutDecision[0],
        metrics.overdue(),
        metrics.meanDaysToRemediate(),
        closed.size(),
        closed.stream().findFirst(),
        closed.isEmpty() ? Optional.empty() : Optional.of(closed.get(closed.size() - 1)),
        devices,
        metrics.supportedShare());
  }

  /**
   * Adds {@code count} findings of one group to the tally; answers how many open findings were left
   * out because their stored decision is none of Ward's (only stored by hand).
   */
  private static Optional<Long> tally(
      FindingTally findings,
      String device,
      String kindName,
      String statusName,
      String decisionName,
      long count) {
    Optional<FindingStatus> status = parse(FindingStatus.class, statusName);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    FindingKind kind = parse(FindingKind.class, kindName).orElse(FindingKind.VULNERABILITY);
    // Its name or, in rows of an early version, its id: both are the decision (StoredDecision).
    Optional<Decision> decision = StoredDecision.parse(decisionName);
    if (decision.isPresent()) {
      findings.add(FindingTally.standIn(device, kind, status.get(), decision.get()), count);
      return Optional.empty();
    }
    if (kind == FindingKind.END_OF_LIFE) {
      // The device still runs end-of-life software: one not-affected stand-in counts the device
      // for the supported share without counting an open finding under a decision it lacks.
      findings.add(
          FindingTally.standIn(device, kind, FindingStatus.NOT_AFFECTED, Decision.DEFER), 1);
    }
    return status.get() == FindingStatus.NOT_AFFECTED ? Optional.empty() : Optional.of(count);
  }

  private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
    try {
      return Optional.of(Enum.valueOf(type, name));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /**
   * A stored record as far as the metrics read it. Only records closed as patched or mitigated keep
   * their closing day: a risk acceptance ends the work without remediating anything, so its day
   * would shorten the mean time to remediate. It stays closed by its status, so it is never
   * overdue.
   */
  private static RemediationRecord record(java.sql.ResultSet rs, int n)
      throws java.sql.SQLException {
    RemediationStatus status = RemediationStatus.valueOf(rs.getString("status"));
    Optional<LocalDate> closed =
        status == RemediationStatus.PATCHED || status == RemediationStatus.MITIGATED
            ? Optional.ofNullable(rs.getObject("closed", LocalDate.class))
            : Optional.empty();
    return new RemediationRecord(
        Long.toString(rs.getLong("id")),
        List.of(),
        List.of(),
        status,
        Optional.empty(),
        rs.getObject("opened", LocalDate.class),
        Optional.ofNullable(rs.getObject("due", LocalDate.class)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        closed,
        List.of());
  }

  /**
   * The stored findings as {@link RemediationMetrics} reads them: group after group, each a
   * stand-in finding repeated as often as the group counts. Only the fields the metrics read are
   * real (kind, status, decision, and the device of end-of-life findings).
   */
  static final class FindingTally extends AbstractList<AssessedFinding> {
    private static final MatchReason STORED =
        new MatchReason(
            "stored",
            Optional.empty(),
            "",
            MatchRule.PRODUCT_ONLY,
            Optional.empty(),
            "",
            "",
            List.of(),
            1.0,
            "counted from the stored findings");

    private final List<AssessedFinding> groups = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private long size;

    static AssessedFinding standIn(
        String device, FindingKind kind, FindingStatus status, Decision decision) {
      Finding f =
          new Finding(
              "stored", kind, device, "stored", "stored", "", status, Optional.empty(), STORED);
      RiskAssessment r =
          new RiskAssessment(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false,
              false,
              Optional.empty(),
              "stored",
              false,
              "stored",
              "stored",
              decision,
              0,
              List.of());
      return new AssessedFinding(f, r, List.of());
    }

    void add(AssessedFinding standIn, long count) {
      if (count > 0) {
        groups.add(standIn);
        size += count;
        ends.add(size);
      }
    }

    @Override
    public AssessedFinding get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      // The first group whose end lies past the index holds it.
      int lo = 0;
      int hi = ends.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (ends.get(mid) > index) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return groups.get(lo);
    }

    @Override
    public int size() {
      return Math.toIntExact(size);
    }
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
