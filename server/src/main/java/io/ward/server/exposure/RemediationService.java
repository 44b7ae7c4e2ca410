package io.ward.server.exposure;

import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remediation records: create, edit, move through the statuses {@link RemediationStatus#next()}
 * allows, list as a board. Every change is audited.
 *
 * <p>Errors: {@link NoSuchElementException} for an unknown record, finding or device; {@link
 * IllegalArgumentException} for a move the status does not allow or missing acceptance details;
 * {@link IllegalStateException} when the record changed since it was read (stale version).
 */
@Service
public class RemediationService {
  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;

  RemediationService(JdbcClient jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = Clock.systemUTC();
  }

  /** Opens a record. */
  @Transactional
  public Remediation create(Remediation.Draft draft, Actor actor) {
    requireAll("finding", draft.findingIds());
    requireAll("device", draft.deviceIds());
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO remediation (title, status, owner, opened, due, maintenance_window,"
                + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            draft.title(),
            RemediationStatus.OPEN.name(),
            clip(draft.owner().orElse(""), 100),
            today(),
            draft.due().orElse(null),
            clip(draft.maintenanceWindow().orElse(""), 200),
            actor.name(),
            now())
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    for (long f : draft.findingIds()) {
      jdbc.sql("INSERT INTO remediation_finding (remediation_id, finding_id) VALUES (?, ?)")
          .params(id, f)
          .update();
    }
    for (long d : draft.deviceIds()) {
      jdbc.sql("INSERT INTO remediation_device (remediation_id, device_id) VALUES (?, ?)")
          .params(id, d)
          .update();
    }
    audit.append(
        actor.name(), "remediation.create", "remediation:" + id, draft.title(), actor.address());
    return get(id).orElseThrow();
  }

  /** One record. */
  @Transactional(readOnly = true)
  public Optional<Remediation> get(long id) {
    return jdbc.sql("SELECT * FROM remediation WHERE id = ?").param(id).query(this::row).optional();
  }

  /**
   * The board: records by urgency (overdue first, then by due date, undated last).
   *
   * @param status only this status, when given
   * @param owner only this owner, when given
   * @param overdueOnly only open work past its due date
   */
  @Transactional(readOnly = true)
  public List<Remediation> board(
      Optional<RemediationStatus> status, Optional<String> owner, boolean overdueOnly) {
    List<String> terms = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    status.ifPresent(
        s -> {
          terms.add("status = ?");
          params.add(s.name());
        });
    owner.ifPresent(
        o -> {
          terms.add("owner = ?");
          params.add(o);
        });
    if (overdueOnly) {
      terms.add("due < ? AND status IN ('OPEN', 'PLANNED', 'IN_PROGRESS')");
      params.add(today());
    }
    String where = terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    return jdbc.sql(
            "SELECT * FROM remediation"
                + where
                + " ORDER BY CASE WHEN due IS NULL THEN 1 ELSE 0 END, due, id FETCH FIRST 500 ROWS"
                + " ONLY")
        .params(params)
        .query(this::row)
        .list();
  }

  /** Records covering a device. */
  @Transactional(readOnly = true)
  public List<Remediation> forDevice(long deviceId) {
    return jdbc.sql(
            "SELECT r.* FROM remediation r JOIN remediation_device x ON x.remediation_id = r.id"
                + " WHERE x.device_id = ? ORDER BY r.id")
        .param(deviceId)
        .query(this::row)
        .list();
  }

  /** Changes editable fields if the record is still at {@code expectedVersion}. */
  @Transactional
  public Remediation update(long id, int expectedVersion, Remediation.Edit edit, Actor actor) {
    Remediation r = get(id).orElseThrow(() -> new NoSuchElementException("no remediation " + id));
    int n =
        jdbc.sql(
                "UPDATE remediation SET owner = ?, due = ?, maintenance_window = ?,"
                    + " fixed_version = ?, version = version + 1 WHERE id = ? AND version = ?")
            .params(
                clip(edit.owner().or(r::owner).orElse(""), 100),
                edit.due().or(r::due).orElse(null),
                clip(edit.maintenanceWindow().or(r::maintenanceWindow).orElse(""), 200),
                clip(edit.fixedVersion().or(r::fixedVersion).orElse(""), 100),
                id,
                expectedVersion)
            .update();
    if (n == 0) {
      throw new IllegalStateException(
          "remediation " + id + " was changed by someone else; reload it");
    }
    audit.append(
        actor.name(), "remediation.update", "remediation:" + id, edit.toString(), actor.address());
    return get(id).orElseThrow();
  }

  /**
   * Moves a record to another status.
   *
   * @param acceptance required when moving to {@link RemediationStatus#RISK_ACCEPTED}
   */
  @Transactional
  public Remediation transition(
      long id,
      RemediationStatus to,
      String note,
      Optional<RiskAcceptance> acceptance,
      Actor actor) {
    Remediation r = get(id).orElseThrow(() -> new NoSuchElementException("no remediation " + id));
    if (!r.status().next().contains(to)) {
      throw new IllegalArgumentException(
          "a "
              + r.status().id()
              + " record cannot move to "
              + to.id()
              + "; allowed: "
              + r.status().next().stream().map(RemediationStatus::id).toList());
    }
    if (to == RemediationStatus.RISK_ACCEPTED && acceptance.isEmpty()) {
      throw new IllegalArgumentException("accepting a risk needs who, why and until when");
    }
    RiskAcceptance a = acceptance.filter(x -> to == RemediationStatus.RISK_ACCEPTED).orElse(null);
    int n =
        jdbc.sql(
                "UPDATE remediation SET status = ?, closed = ?, accepted_by = ?,"
                    + " acceptance_reason = ?, acceptance_expires = ?, version = version + 1"
                    + " WHERE id = ? AND version = ?")
            .params(
                to.name(),
                to.closed() ? today() : null,
                a == null ? "" : clip(a.by(), 100),
                a == null ? "" : clip(a.reason(), 2000),
                a == null ? null : a.expires(),
                id,
                r.version())
            .update();
    if (n == 0) {
      throw new IllegalStateException(
          "remediation " + id + " was changed by someone else; reload it");
    }
    jdbc.sql(
            "INSERT INTO remediation_change (remediation_id, changed_at, from_status, to_status,"
                + " changed_by, note) VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, now(), r.status().name(), to.name(), actor.name(), clip(note, 2000))
        .update();
    audit.append(
        actor.name(),
        "remediation.transition",
        "remediation:" + id,
        r.status().id() + " -> " + to.id() + (note.isEmpty() ? "" : ": " + note),
        actor.address());
    return get(id).orElseThrow();
  }

  private void requireAll(String table, List<Long> ids) {
    for (long id : ids) {
      boolean exists =
          jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ?")
                  .param(id)
                  .query(Long.class)
                  .single()
              > 0;
      if (!exists) {
        throw new NoSuchElementException("no " + table + " " + id);
      }
    }
  }

  private Remediation row(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong("id");
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
    boolean overdue = !status.closed() && due.filter(d -> d.isBefore(today())).isPresent();
    return new Remediation(
        id,
        rs.getString("title"),
        status,
        FindingService.text(rs.getString("owner")),
        date(rs, "opened").orElseThrow(),
        due,
        FindingService.text(rs.getString("maintenance_window")),
        acceptance,
        FindingService.text(rs.getString("fixed_version")),
        rs.getBoolean("verified"),
        date(rs, "closed"),
        ids("SELECT finding_id FROM remediation_finding WHERE remediation_id = ? ORDER BY 1", id),
        ids("SELECT device_id FROM remediation_device WHERE remediation_id = ? ORDER BY 1", id),
        history(id),
        rs.getInt("version"),
        overdue);
  }

  private List<Long> ids(String sql, long id) {
    return jdbc.sql(sql).param(id).query(Long.class).list();
  }

  private List<Remediation.Change> history(long id) {
    return jdbc.sql("SELECT * FROM remediation_change WHERE remediation_id = ? ORDER BY id")
        .param(id)
        .query(
            (rs, n) ->
                new Remediation.Change(
                    rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                    RemediationStatus.valueOf(rs.getString("from_status")),
                    RemediationStatus.valueOf(rs.getString("to_status")),
                    rs.getString("changed_by"),
                    rs.getString("note")))
        .list();
  }

  private static Optional<LocalDate> date(ResultSet rs, String col) throws SQLException {
    Date d = rs.getDate(col);
    return d == null ? Optional.empty() : Optional.of(d.toLocalDate());
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
