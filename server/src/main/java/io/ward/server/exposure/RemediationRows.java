package io.ward.server.exposure;

import io.ward.model.exposure.Decision;
import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationStatus;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads remediation records with their findings, devices, history and urgency: the records first,
 * then one query per kind of detail for all of them, so a board of 500 records costs five queries
 * rather than a few per record.
 */
final class RemediationRows {
  /** Ids per {@code IN} list. */
  private static final int CHUNK = 500;

  /**
   * The statuses of open work as an SQL list, e.g. {@code ('OPEN', 'PLANNED', 'IN_PROGRESS')}:
   * those {@link RemediationStatus#closed()} does not close.
   */
  static final String OPEN_WORK =
      Arrays.stream(RemediationStatus.values())
          .filter(st -> !st.closed())
          .map(st -> "'" + st.name() + "'")
          .collect(Collectors.joining(", ", "(", ")"));

  /** A record's urgency rank: the decision's order ({@code act-now} first), 9 when unassessed. */
  static final String UNASSESSED_RANK = "9";

  private final JdbcClient jdbc;
  private final Supplier<LocalDate> today;

  RemediationRows(JdbcClient jdbc, Supplier<LocalDate> today) {
    this.jdbc = jdbc;
    this.today = today;
  }

  /**
   * The rank of the decision of finding {@code f} (stored as the enum name, older rows as the id),
   * as SQL: {@link Decision}'s order, {@value #UNASSESSED_RANK} for none.
   */
  static String rank(String f) {
    StringBuilder sql = new StringBuilder("CASE " + f + ".decision");
    for (Decision d : Decision.values()) {
      sql.append(" WHEN '")
          .append(d.name())
          .append("' THEN ")
          .append(d.ordinal())
          .append(" WHEN '")
          .append(d.id())
          .append("' THEN ")
          .append(d.ordinal());
    }
    return sql.append(" ELSE ").append(UNASSESSED_RANK).append(" END").toString();
  }

  /** The most urgent rank among the findings of the record {@code r}, as an SQL expression. */
  static String urgencyOf(String r) {
    return "COALESCE((SELECT MIN("
        + rank("uf")
        + ") FROM finding uf JOIN remediation_finding ux ON ux.finding_id = uf.id"
        + " WHERE ux.remediation_id = "
        + r
        + ".id), "
        + UNASSESSED_RANK
        + ")";
  }

  /** The records {@code sql} selects (whole {@code remediation} rows), in its order. */
  List<Remediation> query(String sql, List<?> params) {
    List<Head> heads = jdbc.sql(sql).params(new ArrayList<Object>(params)).query(this::head).list();
    if (heads.isEmpty()) {
      return List.of();
    }
    List<Long> ids = heads.stream().map(Head::id).toList();
    Map<Long, List<Long>> findings =
        pairs("SELECT remediation_id, finding_id FROM remediation_finding", "finding_id", ids);
    Map<Long, List<Long>> devices =
        pairs("SELECT remediation_id, device_id FROM remediation_device", "device_id", ids);
    Map<Long, List<Remediation.Change>> history = history(ids);
    Map<Long, Decision> urgency = urgency(ids);
    List<Remediation> out = new ArrayList<>(heads.size());
    for (Head h : heads) {
      out.add(
          h.with(
              findings.getOrDefault(h.id(), List.of()),
              devices.getOrDefault(h.id(), List.of()),
              history.getOrDefault(h.id(), List.of()),
              Optional.ofNullable(urgency.get(h.id())).map(Decision::id)));
    }
    return out;
  }

  /** A record's own columns, before its details are read. */
  private record Head(
      long id,
      String title,
      RemediationStatus status,
      Optional<String> owner,
      LocalDate opened,
      Optional<LocalDate> due,
      Optional<String> dueBasis,
      Optional<String> maintenanceWindow,
      Optional<RiskAcceptance> acceptance,
      Optional<String> fixedVersion,
      boolean verified,
      Optional<LocalDate> closed,
      int version,
      boolean overdue,
      Optional<String> group) {

    Remediation with(
        List<Long> findingIds,
        List<Long> deviceIds,
        List<Remediation.Change> history,
        Optional<String> urgency) {
      return new Remediation(
          id,
          title,
          status,
          owner,
          opened,
          due,
          dueBasis,
          maintenanceWindow,
          acceptance,
          fixedVersion,
          verified,
          closed,
          findingIds,
          deviceIds,
          history,
          version,
          overdue,
          group,
          urgency);
    }
  }

  private Head head(ResultSet rs, int n) throws SQLException {
    RemediationStatus status = RemediationStatus.valueOf(rs.getString("status"));
    Optional<LocalDate> due = date(rs, "due");
    Optional<RiskAcceptance> acceptance =
        rs.getString("accepted_by").isEmpty()
            ? Optional.empty()
            : Optional.of(
                new RiskAcceptance(
                    rs.getString("accepted_by"),
                    rs.getString("acceptance_reason"),
                    date(rs, "acceptance_expires").orElse(LocalDate.MAX)));
    boolean overdue = !status.closed() && due.filter(d -> d.isBefore(today.get())).isPresent();
    return new Head(
        rs.getLong("id"),
        rs.getString("title"),
        status,
        FindingService.text(rs.getString("owner")),
        date(rs, "opened").orElseThrow(),
        due,
        FindingService.text(rs.getString("due_basis")),
        FindingService.text(rs.getString("maintenance_window")),
        acceptance,
        FindingService.text(rs.getString("fixed_version")),
        rs.getBoolean("verified"),
        date(rs, "closed"),
        rs.getInt("version"),
        overdue,
        FindingService.text(rs.getString("group_basis")));
  }

  /** {@code select} (of remediation_id and {@code column}) for the records, by record, in order. */
  private Map<Long, List<Long>> pairs(String select, String column, List<Long> ids) {
    Map<Long, List<Long>> out = new HashMap<>();
    for (List<Long> chunk : chunks(ids)) {
      jdbc.sql(select + " WHERE remediation_id IN (" + marks(chunk) + ") ORDER BY " + column)
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) ->
                  out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
          .list();
    }
    return out;
  }

  private Map<Long, List<Remediation.Change>> history(List<Long> ids) {
    Map<Long, List<Remediation.Change>> out = new HashMap<>();
    for (List<Long> chunk : chunks(ids)) {
      jdbc.sql(
              "SELECT * FROM remediation_change WHERE remediation_id IN ("
                  + marks(chunk)
                  + ") ORDER BY id")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) ->
                  out.computeIfAbsent(rs.getLong("remediation_id"), k -> new ArrayList<>())
                      .add(
                          new Remediation.Change(
                              rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                              RemediationStatus.valueOf(rs.getString("from_status")),
                              RemediationStatus.valueOf(rs.getString("to_status")),
                              rs.getString("changed_by"),
                              rs.getString("note"))))
          .list();
    }
    return out;
  }

  /** The most urgent decision among each record's findings; records with none are absent. */
  private Map<Long, Decision> urgency(List<Long> ids) {
    Map<Long, Decision> out = new HashMap<>();
    Decision[] decisions = Decision.values();
    for (List<Long> chunk : chunks(ids)) {
      jdbc.sql(
              "SELECT x.remediation_id, MIN("
                  + rank("f")
                  + ") FROM finding f JOIN remediation_finding x ON x.finding_id = f.id"
                  + " WHERE x.remediation_id IN ("
                  + marks(chunk)
                  + ") GROUP BY x.remediation_id")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) -> {
                int rank = rs.getInt(2);
                if (rank < decisions.length) {
                  out.put(rs.getLong(1), decisions[rank]);
                }
                return rank;
              })
          .list();
    }
    return out;
  }

  private static List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return out;
  }

  private static String marks(List<Long> chunk) {
    return String.join(",", chunk.stream().map(id -> "?").toList());
  }

  private static Optional<LocalDate> date(ResultSet rs, String col) throws SQLException {
    Date d = rs.getDate(col);
    return d == null ? Optional.empty() : Optional.of(d.toLocalDate());
  }
}
