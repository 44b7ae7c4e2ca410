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
 * by an HMAC-SHA256 under the audit key ({@link AuditKeys}, a file in the data directory, not in
 * the database) so that an edited, removed or reordered entry is found by {@link #verify}, even
 * when whoever edited it recomputed every later hash. Entries written before the key existed keep
 * their plain SHA-256 and are checked as such.
 *
 * <p>The database refuses UPDATE, DELETE and TRUNCATE of the log (PostgreSQL triggers; on H2 row
 * triggers and a foreign key, since H2 has no TRUNCATE trigger). A database owner can lift those
 * guards, on H2 by anyone who can open its file; such tampering is detected, not prevented.
 */
@Service
public class AuditLog {
  private static final int PAGE = 1000;

  private final JdbcClient jdbc;
  private final AuditKeys keys;
  private final AuditAnchor anchor;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, AuditKeys keys, AuditAnchor anchor) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.anchor = anchor;
    this.clock = Clock.systemUTC();
  }

  /**
   * Appends an entry; joins the caller's transaction, so a change that rolls back leaves no entry.
   *
   * @return the entry written
   * @throws IllegalStateException the audit key is missing while the log holds keyed entries
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public AuditEntry append(
      String actor, String action, String target, String detail, String sourceAddress) {
    AuditKey key = keys.forAppend();
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
    String hash = key.mac(AuditHash.canonical(head.seq, at, a, act, t, d, src, head.hash));
    AuditEntry entry =
        new AuditEntry(
            head.seq, at, a, act, t, d, src, head.hash, hash, HashAlgorithm.HMAC_SHA256.id());
    insert(entry);
    jdbc.sql("UPDATE audit_head SET head_hash = ? WHERE id = 1").param(hash).update();
    anchor.afterCommit(entry.seq(), head.hash, hash);
    return entry;
  }

  private record Head(long seq, String hash) {}

  private void insert(AuditEntry e) {
    jdbc.sql(
            "INSERT INTO audit_log (seq, logged_at, actor, action, target, detail, source_address,"
                + " prev_hash, entry_hash, hash_alg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            e.seq(),
            OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC),
            e.actor(),
            e.action(),
            e.target(),
            e.detail(),
            e.sourceAddress(),
            e.prevHash(),
            e.hash(),
            e.hashAlgorithm())
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

  /**
   * Walks the whole chain in order and reports the first entry that does not hold; keyed entries
   * are authenticated with the audit key, or reported as unauthenticated when it is missing.
   */
  @Transactional(readOnly = true)
  public AuditVerification verify() {
    // The anchor first: it names only committed entries, which the reads below then all see.
    AuditAnchor.Reading anchored = anchor.read();
    AuditChain chain = new AuditChain(keys.key());
    while (true) {
      List<AuditEntry> page =
          jdbc.sql(
                  "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq FETCH FIRST "
                      + PAGE
                      + " ROWS ONLY")
              .param(chain.expectedSeq())
              .query(AuditLog::row)
              .list();
      if (page.isEmpty()) {
        long lastSeq = chain.expectedSeq() - 1;
        AuditVerification structure = checkHead(chain.checked(), lastSeq, chain.lastHash());
        if (!structure.intact()) {
          return structure;
        }
        AuditVerification reached = checkAnchor(anchored, chain.checked(), lastSeq);
        return reached.intact() ? authenticated(chain) : reached;
      }
      for (AuditEntry e : page) {
        Optional<String> problem = chain.next(e);
        if (problem.isPresent()) {
          return new AuditVerification(
              chain.checked(), chain.keyed(), Optional.of(e.seq()), problem, false);
        }
      }
    }
  }

  /** The result of a chain whose structure holds: intact, or keyed entries left unchecked. */
  private AuditVerification authenticated(AuditChain chain) {
    Optional<Long> unchecked = chain.firstUnauthenticated();
    if (unchecked.isEmpty()) {
      return new AuditVerification(
          chain.checked(), chain.keyed(), Optional.empty(), Optional.empty(), false);
    }
    return new AuditVerification(
        chain.checked(),
        0,
        unchecked,
        Optional.of(
            "the audit key "
                + keys.file()
                + " is missing, so entries from "
                + unchecked.get()
                + " on cannot be authenticated (the chain's links and order hold; an edit with"
                + " recomputed hashes would not show). Restore the key from its backup."),
        /* keyMissing= */ true);
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

  /**
   * The log must reach the entry anchored in the data directory ({@link AuditAnchor}) and hold it:
   * entries cut from the end with the head row reset to match are found here.
   */
  private AuditVerification checkAnchor(AuditAnchor.Reading reading, long checked, long lastSeq) {
    if (reading.problem().isPresent()) {
      return new AuditVerification(checked, Optional.of(lastSeq + 1), reading.problem());
    }
    if (reading.head().isEmpty()) {
      return new AuditVerification(checked, Optional.empty(), Optional.empty());
    }
    AuditAnchor.Head head = reading.head().get();
    if (head.brokenAt().isPresent()) {
      return new AuditVerification(
          checked,
          Optional.of(head.seq()),
          Optional.of(
              "was gone from the log when entry "
                  + head.brokenAt().get()
                  + " was appended, as the audit anchor "
                  + anchor.file()
                  + " recorded"));
    }
    if (head.seq() > lastSeq) {
      return new AuditVerification(
          checked,
          Optional.of(lastSeq + 1),
          Optional.of(
              "the log ends at entry "
                  + lastSeq
                  + " but the audit anchor "
                  + anchor.file()
                  + " says entry "
                  + head.seq()
                  + " was committed: entries were removed from the end (or the database was"
                  + " restored from a backup older than the data directory; if so on purpose,"
                  + " move the anchor aside to accept the shorter log)"));
    }
    if (!anchor.inLog(head)) {
      return new AuditVerification(
          checked,
          Optional.of(head.seq()),
          Optional.of(
              "is not the entry the audit anchor "
                  + anchor.file()
                  + " holds for it: the log was cut there and written again"));
    }
    return new AuditVerification(checked, Optional.empty(), Optional.empty());
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
        rs.getString("entry_hash"),
        rs.getString("hash_alg"));
  }

  private static String clip(String s, int max) {
    String v = s == null ? "" : s;
    return v.length() <= max ? v : v.substring(0, max);
  }
}
