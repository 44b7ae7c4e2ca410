package io.ward.server.exposure;

import io.ward.exposure.remediation.RemediationPolicy;
import io.ward.exposure.remediation.RemediationTracker;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.RemediationRecord;
import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationRecord.StatusChange;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.WardProperties;
import io.ward.server.inventory.SoftwareColumn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remediation records: create, edit, move through the statuses {@link RemediationStatus#next()}
 * allows, list as a board. Every change is audited.
 *
 * <p>The rules are the exposure module's: a record opened without a due date gets one from the
 * {@link RemediationPolicy} (settings {@code ward.remediation.due.*}); after an inventory change
 * {@link #afterInventory} verifies patched records with {@link RemediationTracker#verify}; and a
 * risk acceptance past its expiry goes back to open ({@link RemediationTracker#expire}) when the
 * records are read or the inventory changes.
 *
 * <p>Errors: {@link NoSuchElementException} for an unknown record, finding or device; {@link
 * IllegalArgumentException} for a move the status does not allow or missing acceptance details;
 * {@link IllegalStateException} when the record changed since it was read (stale version).
 */
@Service
public class RemediationService {
  /** The prefix of the settings of the due-date policy, e.g. {@code ward.remediation.due.kev}. */
  public static final String POLICY_PREFIX = "ward.remediation.due.";

  /** Who Ward's own changes (expiry, verification) are recorded as. */
  static final String WARD = "ward";

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;
  private final RemediationPolicy policy;
  private final RemediationRows rows;

  /** Records on one board page. */
  private static final int BOARD_MAX = 500;

  /**
   * Closed records after open ones, as SQL: the board groups them in a column of their own after
   * the urgency and owner columns, so they must not take the page's places first.
   */
  private static final String CLOSED_LAST =
      "CASE WHEN status IN ("
          + String.join(
              ", ",
              java.util.Arrays.stream(RemediationStatus.values())
                  .filter(RemediationStatus::closed)
                  .map(st -> "'" + st.name() + "'")
                  .toList())
          + ") THEN 1 ELSE 0 END";

  RemediationService(JdbcClient jdbc, AuditLog audit, Environment env) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = Clock.systemUTC();
    this.policy = policy(env);
    this.rows = new RemediationRows(jdbc, this::today);
  }

  /**
   * The due-date policy from the settings {@code ward.remediation.due.kev}, {@code .act-now},
   * {@code .act-soon}, {@code .track} and {@code .defer} (days); an unset one keeps {@link
   * RemediationPolicy#defaults()}.
   *
   * @throws IllegalArgumentException when a setting is not a positive number of days (the server
   *     then refuses to start rather than run with deadlines nobody chose)
   */
  static RemediationPolicy policy(Environment env) {
    RemediationPolicy defaults = RemediationPolicy.defaults();
    int kev = days(env, "kev", defaults.kevDays());
    Map<Decision, Integer> byDecision = new EnumMap<>(Decision.class);
    for (Decision d : Decision.values()) {
      byDecision.put(d, days(env, d.id(), defaults.daysByDecision().get(d)));
    }
    return new RemediationPolicy(kev, byDecision);
  }

  private static int days(Environment env, String name, int fallback) {
    String key = POLICY_PREFIX + name;
    String text = env.getProperty(key);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int days = Integer.parseInt(text.strip());
      if (days > 0) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below, with the setting's name
    }
    throw new IllegalArgumentException(
        key
            + " ("
            + WardProperties.environmentVariable(key)
            + ") must be a positive number of days, not '"
            + text
            + "'");
  }

  /** The due-date policy in force. */
  public RemediationPolicy policy() {
    return policy;
  }

  /** Opens a record; without a due date, the policy sets one from its findings. */
  @Transactional
  public Remediation create(Remediation.Draft draft, Actor actor) {
    requireAll("finding", draft.findingIds());
    requireAll("device", draft.deviceIds());
    LocalDate opened = today();
    Optional<PolicyDue> fromPolicy =
        draft.due().isPresent() ? Optional.empty() : policyDue(draft.findingIds(), opened);
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO remediation (title, status, owner, opened, due, due_basis,"
                + " maintenance_window, group_basis, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            draft.title(),
            RemediationStatus.OPEN.name(),
            clip(draft.owner().orElse(""), 100),
            opened,
            draft.due().or(() -> fromPolicy.map(PolicyDue::due)).orElse(null),
            clip(fromPolicy.map(PolicyDue::basis).orElse(""), 200),
            clip(draft.maintenanceWindow().orElse(""), 200),
            clip(draft.group().orElse(""), 300),
            actor.name(),
            now())
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    insertPairs("remediation_finding", "finding_id", id, draft.findingIds());
    insertPairs("remediation_device", "device_id", id, draft.deviceIds());
    audit.append(
        actor.name(),
        "remediation.create",
        "remediation:" + id,
        createdDetail(draft, fromPolicy),
        actor.address());
    return get(id).orElseThrow();
  }

  /** Longest audit detail of a new record that lists its ids (the audit log keeps 4,000). */
  static final int MAX_LISTED_DETAIL = 3_900;

  /**
   * The audit detail of a new record: title, policy due date, group basis and the ids of its
   * findings and devices. A group can hold a thousand findings, more ids than an audit entry keeps;
   * the entry then counts them instead of being cut in the middle of the list (the basis says how
   * the group chose them, and the record itself lists them).
   */
  static String createdDetail(Remediation.Draft draft, Optional<PolicyDue> fromPolicy) {
    String head =
        draft.title()
            + fromPolicy.map(p -> " (due " + p.due() + ", " + p.basis() + ")").orElse("")
            + draft.group().map(g -> " [group: " + g + "]").orElse("");
    String listed = head + "; findings " + draft.findingIds() + ", devices " + draft.deviceIds();
    if (listed.length() <= MAX_LISTED_DETAIL) {
      return listed;
    }
    return head
        + "; "
        + draft.findingIds().size()
        + " findings, "
        + draft.deviceIds().size()
        + " devices (too many to list here; the record lists them)";
  }

  /** A due date the policy set, and why. */
  record PolicyDue(LocalDate due, String basis) {}

  /**
   * The policy's due date for findings: the earliest over them (the most urgent finding decides) of
   * {@link RemediationPolicy#due(LocalDate, Decision, boolean, Optional)}, so a KEV finding is due
   * no later than CISA's KEV due date, even one already past. A finding whose decision is not known
   * counts as {@link Decision#DEFER}, so only its KEV entry can shorten the deadline. Empty without
   * findings.
   */
  Optional<PolicyDue> policyDue(List<Long> findingIds, LocalDate opened) {
    record Row(
        String vulnerability, String decision, boolean kev, Optional<LocalDate> kevDueDate) {}
    Map<Long, Row> rows = new HashMap<>();
    for (List<Long> chunk : SqlLists.chunks(findingIds)) {
      jdbc.sql(
              "SELECT id, vulnerability, decision, kev, kev_due_date FROM finding WHERE id IN ("
                  + SqlLists.marks(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) ->
                  rows.put(
                      rs.getLong("id"),
                      new Row(
                          rs.getString("vulnerability"),
                          rs.getString("decision"),
                          rs.getBoolean("kev"),
                          Optional.ofNullable(rs.getObject("kev_due_date", LocalDate.class)))))
          .list();
    }
    PolicyDue best = null;
    for (long f : findingIds) {
      Row row = rows.get(f);
      if (row == null) {
        throw new NoSuchElementException("no finding " + f);
      }
      Decision decision = StoredDecision.parse(row.decision()).orElse(Decision.DEFER);
      LocalDate due = policy.due(opened, decision, row.kev(), row.kevDueDate());
      if (best == null || due.isBefore(best.due())) {
        best = new PolicyDue(due, basis(row.vulnerability(), decision, row.kev(), due, opened));
      }
    }
    return Optional.ofNullable(best);
  }

  /** Why the policy gave {@code due}: CISA's own date, the KEV deadline or the decision's. */
  private String basis(
      String vulnerability, Decision decision, boolean kev, LocalDate due, LocalDate opened) {
    LocalDate ours = policy.due(opened, decision, kev);
    if (due.isBefore(ours)) {
      return "CISA KEV due date: "
          + vulnerability
          + " due "
          + due
          + (due.isBefore(opened) ? " (already past)" : "")
          + ", before the policy's "
          + ours;
    }
    long days = ChronoUnit.DAYS.between(opened, due);
    String why = kev && days == policy.kevDays() ? "in CISA KEV" : "decision " + decision.id();
    return "policy: " + vulnerability + " " + why + ", " + days + " days";
  }

  /** One record (an expired risk acceptance is reopened first). */
  @Transactional
  public Optional<Remediation> get(long id) {
    expireAcceptances();
    return rows.query("SELECT * FROM remediation WHERE id = ?", List.of(id)).stream().findFirst();
  }

  /** How the board is ordered. */
  public enum BoardOrder {
    /** Overdue first, then by due date, undated last. */
    DUE,
    /**
     * Open records before closed ones, then the most urgent decision of the findings first ({@code
     * act-now} … {@code defer}, unassessed last), then by due date.
     */
    URGENCY,
    /** Open records before closed ones, then by owner (unassigned last), then by due date. */
    OWNER;

    /** The kebab-case id used in requests. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The board by due date; see {@link #board(Optional, Optional, boolean, BoardOrder)}. */
  @Transactional
  public List<Remediation> board(
      Optional<RemediationStatus> status, Optional<String> owner, boolean overdueOnly) {
    return board(status, owner, overdueOnly, BoardOrder.DUE);
  }

  /**
   * The board: records in the order asked for (ties by due date, undated last, then id).
   *
   * @param status only this status, when given
   * @param owner only this owner, when given
   * @param overdueOnly only open work past its due date
   */
  @Transactional
  public List<Remediation> board(
      Optional<RemediationStatus> status,
      Optional<String> owner,
      boolean overdueOnly,
      BoardOrder order) {
    expireAcceptances();
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
      terms.add("due < ? AND status IN " + RemediationRows.OPEN_WORK);
      params.add(today());
    }
    String where = terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    // Ordered and cut in SQL, so the first page is the most urgent (or first owners') records of
    // all of them, not a regrouping of the 500 due first.
    String first =
        switch (order) {
          case DUE -> "";
          case URGENCY -> CLOSED_LAST + ", urgency_rank, ";
          case OWNER ->
              CLOSED_LAST
                  + ", CASE WHEN owner IS NULL OR owner = '' THEN 1 ELSE 0 END, LOWER(owner), ";
        };
    // Only the urgency order needs each record's urgency before the cut (a subquery per record);
    // the page's urgencies are read afterwards for the 500 shown, whatever the order.
    String from =
        order == BoardOrder.URGENCY
            ? "(SELECT r.*, "
                + RemediationRows.urgencyOf("r")
                + " AS urgency_rank FROM remediation r"
                + where
                + ") b"
            : "remediation" + where;
    return rows.query(
        "SELECT * FROM "
            + from
            + " ORDER BY "
            + first
            + "CASE WHEN due IS NULL THEN 1 ELSE 0 END, due, id FETCH FIRST "
            + BOARD_MAX
            + " ROWS ONLY",
        params);
  }

  /** Records covering a device. */
  @Transactional
  public List<Remediation> forDevice(long deviceId) {
    expireAcceptances();
    return rows.query(
        "SELECT r.* FROM remediation r JOIN remediation_device x ON x.remediation_id = r.id"
            + " WHERE x.device_id = ? ORDER BY r.id",
        List.of(deviceId));
  }

  /**
   * Changes editable fields if the record is still at {@code expectedVersion}. A due date given
   * here is a person's (no longer the policy's); a new fixed version must be verified again.
   */
  @Transactional
  public Remediation update(long id, int expectedVersion, Remediation.Edit edit, Actor actor) {
    Remediation r = get(id).orElseThrow(() -> new NoSuchElementException("no remediation " + id));
    String fixed = clip(edit.fixedVersion().or(r::fixedVersion).orElse(""), 100);
    boolean verified = r.verified() && fixed.equals(r.fixedVersion().orElse(""));
    int n =
        jdbc.sql(
                "UPDATE remediation SET owner = ?, due = ?, due_basis = ?, maintenance_window = ?,"
                    + " fixed_version = ?, verified = ?, version = version + 1"
                    + " WHERE id = ? AND version = ?")
            .params(
                clip(edit.owner().or(r::owner).orElse(""), 100),
                edit.due().or(r::due).orElse(null),
                edit.due().isPresent() ? "" : r.dueBasis().orElse(""),
                clip(edit.maintenanceWindow().or(r::maintenanceWindow).orElse(""), 200),
                fixed,
                verified,
                id,
                expectedVersion)
            .update();
    if (n == 0) {
      throw new IllegalStateException(
          "remediation " + id + " was changed by someone else; reload it");
    }
    audit.append(
        actor.name(), "remediation.update", "remediation:" + id, edit.describe(), actor.address());
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
                    + " acceptance_reason = ?, acceptance_expires = ?, verified = FALSE,"
                    + " version = version + 1 WHERE id = ? AND version = ?")
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

  /**
   * After devices were stored or changed (an ingest): reopens expired risk acceptances, and checks
   * the patched records covering any of these devices against the stored firmware with {@link
   * RemediationTracker#verify}. A record verifies when every device it covers (its own and its
   * findings') shows the fixed version or newer. One whose device still shows an older version, or
   * none, stays patched and unverified: a capture uploaded late may predate the patch, so Ward does
   * not undo a person's status on it. Joins the caller's transaction.
   *
   * @return the records verified now
   */
  @Transactional
  public List<Long> afterInventory(Collection<Long> deviceIds) {
    expireAcceptances();
    Set<Long> changed = new HashSet<>(deviceIds);
    List<Long> verified = new ArrayList<>();
    if (changed.isEmpty()) {
      return verified;
    }
    List<Remediation> patched =
        rows.query(
            "SELECT * FROM remediation WHERE status = 'PATCHED' AND verified = FALSE"
                + " AND fixed_version <> '' ORDER BY id",
            List.of());
    for (Remediation r : patched) {
      Set<Long> devices = new LinkedHashSet<>(r.deviceIds());
      for (long f : r.findingIds()) {
        jdbc.sql("SELECT device_id FROM finding WHERE id = ?")
            .param(f)
            .query(Long.class)
            .optional()
            .ifPresent(devices::add);
      }
      if (devices.isEmpty() || devices.stream().noneMatch(changed::contains)) {
        continue;
      }
      Map<String, Device> inventory = new HashMap<>();
      for (long d : devices) {
        releaseShown(d).ifPresent(fw -> inventory.put(String.valueOf(d), withFirmware(d, fw)));
      }
      RemediationRecord checked;
      try {
        checked = RemediationTracker.verify(record(r, devices), inventory, today());
      } catch (IllegalArgumentException e) {
        continue; // a fixed version that is not a version cannot be compared
      }
      if (!checked.verified()) {
        continue;
      }
      int n =
          jdbc.sql(
                  "UPDATE remediation SET verified = TRUE, version = version + 1"
                      + " WHERE id = ? AND version = ? AND status = 'PATCHED'")
              .params(r.id(), r.version())
              .update();
      if (n == 0) {
        continue; // changed meanwhile; the next inventory checks it again
      }
      String note =
          "verified: the inventory shows "
              + r.fixedVersion().orElseThrow()
              + " or newer on "
              + devices.size()
              + (devices.size() == 1 ? " device" : " devices");
      change(r.id(), RemediationStatus.PATCHED, RemediationStatus.PATCHED, note);
      audit.append(WARD, "remediation.verify", "remediation:" + r.id(), note, "local");
      verified.add(r.id());
    }
    return verified;
  }

  /**
   * Reopens every risk acceptance whose expiry has come ({@link RemediationTracker#expire}: on the
   * expiry date itself), recorded and audited as a status change by Ward.
   */
  private void expireAcceptances() {
    LocalDate today = today();
    List<Remediation> accepted =
        rows.query(
            "SELECT * FROM remediation WHERE status = 'RISK_ACCEPTED'"
                + " AND acceptance_expires <= ? ORDER BY id",
            List.of(today));
    for (Remediation r : accepted) {
      RemediationRecord after =
          RemediationTracker.expire(record(r, new LinkedHashSet<>(r.deviceIds())), today);
      if (after.status() == r.status()) {
        continue;
      }
      int n =
          jdbc.sql(
                  "UPDATE remediation SET status = ?, closed = NULL, accepted_by = '',"
                      + " acceptance_reason = '', acceptance_expires = NULL, verified = FALSE,"
                      + " version = version + 1 WHERE id = ? AND version = ?")
              .params(after.status().name(), r.id(), r.version())
              .update();
      if (n == 0) {
        continue; // another reader reopened it at the same moment
      }
      StatusChange c = after.history().get(after.history().size() - 1);
      String note =
          c.note()
              + " ("
              + r.acceptance().map(a -> a.by() + " until " + a.expires()).orElse("")
              + ")";
      change(r.id(), r.status(), after.status(), note);
      audit.append(
          WARD,
          "remediation.transition",
          "remediation:" + r.id(),
          r.status().id() + " -> " + after.status().id() + ": " + note,
          "local");
    }
  }

  private void change(long id, RemediationStatus from, RemediationStatus to, String note) {
    jdbc.sql(
            "INSERT INTO remediation_change (remediation_id, changed_at, from_status, to_status,"
                + " changed_by, note) VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, now(), from.name(), to.name(), WARD, clip(note, 2000))
        .update();
  }

  /**
   * The release a stored device shows: its firmware, or else the version of the one software item
   * seen on it with a version (a DICOM toolkit, an interface engine: the inventory lists these as
   * software, not firmware). With several versioned items and no firmware, Ward cannot tell which
   * one a record's fixed version is about, and verifies nothing.
   */
  private Optional<String> releaseShown(long deviceId) {
    return jdbc.sql("SELECT firmware, software FROM device WHERE id = ?")
        .param(deviceId)
        .query(
            (rs, n) -> {
              Optional<String> firmware = FindingService.text(rs.getString("firmware"));
              if (firmware.isPresent()) {
                return firmware;
              }
              List<String> versions =
                  SoftwareColumn.read(rs.getString("software")).stream()
                      .flatMap(sw -> sw.version().stream())
                      .distinct()
                      .toList();
              return versions.size() == 1 ? Optional.of(versions.get(0)) : Optional.<String>empty();
            })
        .optional()
        .flatMap(v -> v);
  }

  /** A stored device as the tracker reads it: only its firmware matters there. */
  private static Device withFirmware(long id, String firmware) {
    return new Device(
        String.valueOf(id),
        Optional.empty(),
        List.of(),
        List.of(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(firmware),
        Optional.empty(),
        Category.UNKNOWN,
        Optional.empty(),
        false,
        Criticality.LOW,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        0,
        0,
        List.of());
  }

  /** The stored record as the exposure module's value, devices keyed by their storage ids. */
  private static RemediationRecord record(Remediation r, Set<Long> devices) {
    return new RemediationRecord(
        String.valueOf(r.id()),
        r.findingIds().stream().map(String::valueOf).toList(),
        devices.stream().map(String::valueOf).toList(),
        r.status(),
        r.owner(),
        r.opened(),
        r.due(),
        r.maintenanceWindow(),
        r.acceptance(),
        r.fixedVersion(),
        r.verified(),
        r.closed(),
        r.history().stream()
            .map(
                c ->
                    new StatusChange(
                        c.at().atOffset(java.time.ZoneOffset.UTC).toLocalDate(),
                        c.from(),
                        c.to(),
                        c.by().isBlank() ? WARD : c.by(),
                        c.note()))
            .toList());
  }

  /** Refuses the first of {@code ids}, in their order, that {@code table} does not hold. */
  private void requireAll(String table, List<Long> ids) {
    for (List<Long> chunk : SqlLists.chunks(ids)) {
      Set<Long> found =
          new HashSet<>(
              jdbc.sql(
                      "SELECT id FROM "
                          + table
                          + " WHERE id IN ("
                          + SqlLists.marks(chunk.size())
                          + ")")
                  .params(new ArrayList<Object>(chunk))
                  .query(Long.class)
                  .list());
      for (long id : chunk) {
        if (!found.contains(id)) {
          throw new NoSuchElementException("no " + table + " " + id);
        }
      }
    }
  }

  /** Links record {@code id} to {@code ids} in {@code table}, a chunk of rows per statement. */
  private void insertPairs(String table, String column, long id, List<Long> ids) {
    for (List<Long> chunk : SqlLists.chunks(ids)) {
      List<Object> params = new ArrayList<>();
      for (long other : chunk) {
        params.add(id);
        params.add(other);
      }
      jdbc.sql(
              "INSERT INTO "
                  + table
                  + " (remediation_id, "
                  + column
                  + ") VALUES "
                  + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)")))
          .params(params)
          .update();
    }
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
