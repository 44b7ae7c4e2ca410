package io.ward.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log: every change and every login, each entry chained to the previous one
 * by SHA-256 so that an edited, removed or reordered entry is found by {@link #verify}.
 *
 * <p>The database refuses UPDATE, DELETE and TRUNCATE of the log (PostgreSQL triggers; on H2 row
 * triggers and a foreign key, since H2 has no TRUNCATE trigger). A database owner can lift those
 * guards, on H2 by anyone who can open its file; such tampering is detected, not prevented.
 */
@Service
public class AuditLog {
  private static final int PAGE = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /**
   * Appends an entry; joins the caller's transaction, so a change that rolls back leaves no entry.
   *
   * @return the entry written
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public AuditEntry append(
      String actor, String action, String target, String detail, String sourceAddress) {
    // Locks the head row until the transaction ends: appenders chain one after another.
    jdbc.sql("UPDATE audit_head SET seq = seq + 1 WHERE id = 1").update();
    Head head =
        jdbc.sql("SELECT seq, head_hash FROM audit_head WHERE id = 1")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
            .single();
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String a = clip(actor, 100);
    String act = clip(action, 60);
    String t = clip(target, 300);
    String d = clip(detail, 4000);
    String src = clip(sourceAddress, 64);
    String hash = AuditHash.of(head.seq, at, a, act, t, d, src, head.hash);
    AuditEntry entry = new AuditEntry(head.seq, at, a, act, t, d, src, head.hash, hash);
    insert(entry);
    jdbc.sql("UPDATE audit_head SET head_hash = ? WHERE id = 1").param(hash).update();
    return entry;
  }

  private record Head(long seq, String hash) {}

  private void insert(AuditEntry e) {
    jdbc.sql(
            "INSERT INTO audit_log (seq, logged_at, actor, action, target, detail, source_address,"
                + " prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            e.seq(),
            OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC),
            e.actor(),
            e.action(),
            e.target(),
            e.detail(),
            e.sourceAddress(),
            e.prevHash(),
            e.hash())
        .update();
  }

  /** Entries with {@code seq} below {@code beforeSeq} (or the newest when empty), newest first. */
  @Transactional(readOnly = true)
  public List<AuditEntry> recent(Optional<Long> beforeSeq, int limit) {
    int n = Math.max(1, Math.min(limit, 500));
    return jdbc.sql(
            "SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC FETCH FIRST "
                + n
                + " ROWS ONLY")
        .param(beforeSeq.orElse(Long.MAX_VALUE))
        .query(AuditLog::row)
        .list();
  }

  /** Walks the whole chain in order and reports the first entry that does not hold. */
  @Transactional(readOnly = true)
  public AuditVerification verify() {
    String prev = AuditHash.GENESIS;
    long expectedSeq = 1;
    long checked = 0;
    while (true) {
      List<AuditEntry> page =
          jdbc.sql(
                  "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq FETCH FIRST "
                      + PAGE
                      + " ROWS ONLY")
              .param(expectedSeq)
              .query(AuditLog::row)
              .list();
      if (page.isEmpty()) {
        return checkHead(checked, expectedSeq - 1, prev);
      }
      for (AuditEntry e : page) {
        Optional<String> problem = check(e, expectedSeq, prev);
        if (problem.isPresent()) {
          return new AuditVerification(checked, Optional.of(e.seq()), problem);
        }
        checked++;
        prev = e.hash();
        expectedSeq = e.seq() + 1;
      }
    }
  }

  /**
   * The head row must name the last entry: entries cut from the end (or all of them, by TRUNCATE)
   * are found here. A log emptied together with its head would chain correctly from nothing, so an
   * empty log is also checked against the users, each of whose creation was logged.
   */
  private AuditVerification checkHead(long checked, long lastSeq, String lastHash) {
    Optional<Head> found =
        jdbc.sql("SELECT seq, head_hash FROM audit_head WHERE id = 1")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
            .optional();
    if (found.isEmpty()) {
      return new AuditVerification(
          checked,
          Optional.of(lastSeq + 1),
          Optional.of("the head of the chain is missing (removed after entry " + lastSeq + ")"));
    }
    Head head = found.get();
    if (head.seq != lastSeq || !head.hash.equals(lastHash)) {
      return new AuditVerification(
          checked,
          Optional.of(lastSeq + 1),
          Optional.of("the log ends at entry " + lastSeq + " but " + head.seq + " were written"));
    }
    if (checked == 0) {
      long users = jdbc.sql("SELECT COUNT(*) FROM ward_user").query(Long.class).single();
      if (users > 0) {
        return new AuditVerification(
            0,
            Optional.of(1L),
            Optional.of(
                "the log is empty but " + users + " users exist, whose creation was logged"));
      }
    }
    return new AuditVerification(checked, Optional.empty(), Optional.empty());
  }

  private static Optional<String> check(AuditEntry e, long expectedSeq, String prev) {
    if (e.seq() != expectedSeq) {
      return Optional.of("entries " + expectedSeq + " to " + (e.seq() - 1) + " are missing");
    }
    if (!e.prevHash().equals(prev)) {
      return Optional.of("does not link to the entry before it");
    }
    String actual =
        AuditHash.of(
            e.seq(),
            e.at(),
            e.actor(),
            e.action(),
            e.target(),
            e.detail(),
            e.sourceAddress(),
            e.prevHash());
    if (!actual.equals(e.hash())) {
      return Optional.of("content does not match its hash (edited)");
    }
    return Optional.empty();
  }

  static AuditEntry row(ResultSet rs, int n) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getObject("logged_at", OffsetDateTime.class).toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("detail"),
        rs.getString("source_address"),
        rs.getString("prev_hash"),
        rs.getString("entry_hash"));
  }

  private static String clip(String s, int max) {
    String v = s == null ? "" : s;
    return v.length() <= max ? v : v.substring(0, max);
  }
}
