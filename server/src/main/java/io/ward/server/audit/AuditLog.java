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
import java.util.SortedSet;
import java.util.stream.Collectors;
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
    if (AuditKeyReplacement.ACTION.equals(action)) {
      // Such an entry starts a key range; only the replacement writes one, under the new key.
      throw new IllegalArgumentException(action + " is written by AuditKeyReplacement only");
    }
    Head head = lockHead();
    return write(head, keys.forAppend(head), actor, action, target, detail, sourceAddress);
  }

  /**
   * The head row, locked until the transaction ends (appenders chain one after another), with its
   * sequence number already moved to the entry about to be written.
   */
  Head lockHead() {
    jdbc.sql("UPDATE audit_head SET seq = seq + 1 WHERE id = 1").update();
    return jdbc.sql("SELECT seq, head_hash, key_from_seq, key_id FROM audit_head WHERE id = 1")
        .query(
            (rs, n) ->
                new Head(
                    rs.getLong(1),
                    rs.getString(2),
                    Optional.ofNullable(rs.getObject(3, Long.class)),
                    Optional.ofNullable(rs.getString(4))))
        .single();
  }

  /**
   * The locked head: the sequence number of the entry to write, the hash it links to, and the first
   * entry and fingerprint of the key appends use (empty for the first key).
   */
  record Head(long seq, String hash, Optional<Long> keyFromSeq, Optional<String> keyId) {}

  /** Writes the entry at the locked head, hashed under {@code key}, and moves the head to it. */
  AuditEntry write(
      Head head,
      AuditKey key,
      String actor,
      String action,
      String target,
      String detail,
      String sourceAddress) {
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
    anchor.afterCommit(entry.seq(), head.hash, hash, key);
    return entry;
  }

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
    return check().verification();
  }

  /**
   * A walk of the chain.
   *
   * @param ring the key file as the walk used it, a pending replacement confirmed or dropped
   * @param missing keyed entries whose key the file lacks
   * @param lastSeq the last entry walked
   * @param damaged why the key file could not be read, when it could not
   */
  record Checked(
      AuditVerification verification,
      AuditKeyRing ring,
      List<AuditChain.Range> missing,
      long lastSeq,
      Optional<String> damaged) {}

  /** Walks the chain (see {@link #verify}); joins the caller's transaction. */
  Checked check() {
    AuditKeyRing ring = AuditKeyRing.empty();
    Optional<String> damaged = Optional.empty();
    try {
      ring = settlePending(keys.onDisk());
    } catch (AuditKeyException e) {
      // The structure is still walked; nothing keyed can be authenticated, and this says why.
      damaged = Optional.of(e.getMessage());
    }
    // The anchor first: it names only committed entries, which the reads below then all see.
    AuditAnchor.Reading anchored = anchor.read(ring);
    AuditChain chain = new AuditChain(ring);
    while (true) {
      List<AuditEntry> page =
          jdbc.sql(
                  "SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq FETCH FIRST "
                      + PAGE
                      + " ROWS ONLY")
              .param(chain.expectedSeq())
              .query(AuditLog::row)
              .list();
      long lastSeq = chain.expectedSeq() - 1;
      if (page.isEmpty()) {
        AuditVerification structure = checkHead(chain.checked(), lastSeq, chain.lastHash());
        if (!structure.intact()) {
          return new Checked(structure, ring, chain.missing(), lastSeq, damaged);
        }
        AuditVerification reached = checkAnchor(anchored, chain.checked(), lastSeq);
        return new Checked(
            reached.intact() ? authenticated(chain, ring, damaged) : reached,
            ring,
            chain.missing(),
            lastSeq,
            damaged);
      }
      for (AuditEntry e : page) {
        Optional<String> problem = chain.next(e);
        if (problem.isPresent()) {
          return new Checked(
              new AuditVerification(
                  chain.checked(), chain.keyed(), Optional.of(e.seq()), problem, false),
              ring,
              chain.missing(),
              chain.expectedSeq() - 1,
              damaged);
        }
      }
    }
  }

  /**
   * The key file with its pending replacement settled. It never happened when no entry holds its
   * place yet, or when the entry there is an ordinary one under the key before it (the replacement
   * rolled back and an append took its place). Otherwise it is taken as made, and the entry there
   * is checked under it: a replacement whose entry was edited is then reported as edited, never as
   * a key merely missing.
   */
  AuditKeyRing settlePending(AuditKeyRing ring) {
    if (ring.pending().isEmpty()) {
      return ring;
    }
    long from = ring.pending().get().key().fromSeq();
    Optional<AuditEntry> there =
        jdbc.sql("SELECT * FROM audit_log WHERE seq = ?")
            .param(from)
            .query(AuditLog::row)
            .optional();
    if (there.isEmpty()) {
      return ring.withoutPending();
    }
    AuditEntry e = there.get();
    SortedSet<Long> before = ring.rangeStarts().headSet(from);
    Optional<AuditKey> previous =
        before.isEmpty() ? Optional.empty() : ring.startingAt(before.last());
    boolean ordinary =
        !AuditKeyReplacement.ACTION.equals(e.action())
            && HashAlgorithm.HMAC_SHA256.id().equals(e.hashAlgorithm())
            && previous.filter(k -> k.authenticates(AuditHash.canonical(e), e.hash())).isPresent();
    return ordinary ? ring.withoutPending() : ring.confirmed();
  }

  /**
   * The result of a chain whose structure holds: intact (with a caveat for ranges whose key was
   * declared lost), or keyed entries left unchecked for want of their key.
   */
  private AuditVerification authenticated(
      AuditChain chain, AuditKeyRing ring, Optional<String> damaged) {
    Optional<String> caveat =
        chain.lost().isEmpty()
            ? Optional.empty()
            : Optional.of(
                ranges(chain.lost())
                    + " (written under a key declared lost with `ward audit new-key --key-lost`;"
                    + " see the audit.key.replace entry after them): order and links checked,"
                    + " content not authenticated");
    List<AuditChain.Range> missing = chain.missing();
    if (damaged.isPresent() && missing.isEmpty()) {
      // Nothing keyed was met, but nothing could have been checked: never "intact".
      return new AuditVerification(
          chain.checked(),
          chain.keyed(),
          Optional.of(chain.expectedSeq()),
          Optional.of(damaged.get() + ": repair it or restore it from its backup"),
          /* keyMissing= */ true,
          caveat);
    }
    if (missing.isEmpty()) {
      return new AuditVerification(
          chain.checked(), chain.keyed(), Optional.empty(), Optional.empty(), false, caveat);
    }
    StringBuilder why = new StringBuilder();
    if (damaged.isPresent()) {
      why.append(damaged.get())
          .append(", so ")
          .append(ranges(missing))
          .append(" cannot be authenticated");
    } else if (ring.isEmpty()) {
      why.append("the audit key ").append(keys.file());
      why.append(" is missing, so ").append(ranges(missing)).append(" cannot be authenticated");
    } else {
      why.append("the audit key ").append(keys.file());
      why.append(" is missing the key of ")
          .append(ranges(missing))
          .append(", so they cannot be authenticated");
    }
    why.append(
            " (the chain's links and order hold; an edit with recomputed hashes would not show)."
                + (damaged.isPresent()
                    ? " Repair the key file or restore it from its latest backup; if neither can"
                        + " be done, move it aside, then `ward audit new-key --key-lost="
                    : " Restore the key file from its latest backup; if the key is lost for good,"
                        + " `ward audit new-key --key-lost="))
        .append(AuditKeyReplacement.starts(missing))
        .append("` records that.");
    missing.stream()
        .filter(AuditChain.Range::replaced)
        .findFirst()
        .ifPresent(
            r ->
                why.append(" Entry ")
                    .append(r.from())
                    .append(" says the key was replaced there: if nobody ran `ward audit new-key`")
                    .append(" then, that entry is forged."));
    return new AuditVerification(
        chain.checked(),
        chain.keyed(),
        Optional.of(missing.get(0).from()),
        Optional.of(why.toString()),
        /* keyMissing= */ true,
        caveat);
  }

  private static String ranges(List<AuditChain.Range> ranges) {
    return ranges.stream().map(AuditChain.Range::toString).collect(Collectors.joining(", "));
  }

  /**
   * The head row must name the last entry: entries cut from the end (or all of them, by TRUNCATE)
   * are found here. A log emptied together with its head would chain correctly from nothing, so an
   * empty log is also checked against the users, each of whose creation was logged.
   */
  private AuditVerification checkHead(long checked, long lastSeq, String lastHash) {
    Optional<Head> found =
        jdbc.sql("SELECT seq, head_hash FROM audit_head WHERE id = 1")
            .query(
                (rs, n) ->
                    new Head(rs.getLong(1), rs.getString(2), Optional.empty(), Optional.empty()))
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

  /**
   * The text as stored: at most {@code max} chars, never ending in half a surrogate pair, and with
   * NUL (which PostgreSQL's text cannot hold; the insert would fail and the change with it) shown
   * as U+FFFD. The entry's hash is of this text, so it verifies against what was stored.
   */
  static String clip(String s, int max) {
    String v = s == null ? "" : s.replace('\0', '\uFFFD');
    if (v.length() <= max) {
      return v;
    }
    int end = Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max;
    return v.substring(0, end);
  }
}
