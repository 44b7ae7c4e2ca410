package io.ward.server.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Replaces the audit key ({@code ward audit new-key}): a routine rotation, or a key that may have
 * been exposed, keeps the old key in the file so that the entries it made stay authenticated (and
 * an exposed old key cannot rewrite them: the replacement's entry, hashed under the new key, links
 * to them). A key lost for good is declared so ({@code --key-lost=FROM}, naming the first entry of
 * each range the operator accepts as lost), and its entries are reported from then on as written
 * under a lost key instead of blocking every append. Either way the replacement is itself an audit
 * entry, the first under the new key: who replaced the key, when and why is in the log, and a gap
 * in authentication is recorded, never hidden.
 *
 * <p>Refused on a log that does not verify (tampering is investigated first, not papered over by a
 * new key), when the key file already holds ranges past the log's end (a database older than the
 * data directory), and when the ranges to declare lost are not exactly the ones whose key is
 * missing: the operator names them after reading who wrote each one's first entry, since a
 * replacement entry forged after the key file's last range cannot be told from a real one by the
 * keys alone.
 *
 * <p>The new key goes into the file as pending before the entry commits (an entry nobody could
 * check must never exist) and is confirmed after; readers settle one left pending from the log
 * ({@link AuditLog#settlePending}), and the next replacement writes it out of the file only when no
 * entry ever used it. No key that covers an entry is ever removed from the file.
 */
@Service
public class AuditKeyReplacement {
  private static final Logger logger = LoggerFactory.getLogger(AuditKeyReplacement.class);

  /** The action of the entry that starts a new key's range. */
  public static final String ACTION = "audit.key.replace";

  private final AuditLog log;
  private final AuditKeys keys;
  private final JdbcClient jdbc;

  AuditKeyReplacement(AuditLog log, AuditKeys keys, JdbcClient jdbc) {
    this.log = log;
    this.keys = keys;
    this.jdbc = jdbc;
  }

  /**
   * What a replacement did.
   *
   * @param entry the replacement's audit entry, the first the new key covers
   * @param keyFile the file that now holds the new key: back it up
   * @param declaredLost the ranges of entries whose key this replacement declared lost
   */
  public record Replaced(AuditEntry entry, Path keyFile, List<String> declaredLost) {}

  /**
   * Makes a new audit key for the entries from the next one on.
   *
   * @param reason why, for the log
   * @param declareLost the first entries of the ranges whose key is lost for good: exactly those
   *     whose key is missing; empty for a rotation, which needs every key present
   * @throws AuditKeyException refused, with why and what to do
   */
  @Transactional
  public Replaced replace(Actor actor, String reason, Set<Long> declareLost) {
    AuditLog.Checked before = log.check();
    if (before.damaged().isPresent()) {
      throw new AuditKeyException(
          before.damaged().get()
              + ": repair it or restore it from its backup first (if neither can be done, move it"
              + " aside and run this again with --key-lost)");
    }
    AuditVerification v = before.verification();
    if (!v.intact() && !v.keyMissing()) {
      throw new AuditKeyException(
          "the audit log does not verify, so no new key is made: "
              + v.message()
              + ". Find out what happened first (ward audit verify)");
    }
    AuditLog.Head head = log.lockHead();
    long next = head.seq();
    if (next != before.lastSeq() + 1) {
      throw new AuditKeyException(
          "entries were appended while the log was checked; run the command again");
    }
    AuditKeyRing ring = before.ring();
    SortedSet<Long> beyond = ring.rangeStarts().tailSet(next);
    if (!beyond.isEmpty()) {
      throw new AuditKeyException(
          "the audit key file "
              + keys.file()
              + " holds a key for entries from "
              + beyond.first()
              + " on, but the log ends at entry "
              + (next - 1)
              + (beyond.first() == next && beyond.size() == 1
                  ? ": that key covers no entry yet, so there is nothing to replace"
                  : ": the database is older than the data directory (restored from a backup?);"
                      + " restore the matching one"));
    }
    List<AuditChain.Range> missing = before.missing();
    SortedSet<Long> missingStarts =
        missing.stream().map(AuditChain.Range::from).collect(Collectors.toCollection(TreeSet::new));
    if (!declareLost.isEmpty() && missingStarts.isEmpty()) {
      throw new AuditKeyException(
          "no audit key is missing from "
              + keys.file()
              + ": leave out --key-lost to replace the key (the old one stays in the file, so the"
              + " entries it made stay authenticated)");
    }
    if (!missingStarts.equals(new TreeSet<>(declareLost))) {
      throw new AuditKeyException(
          (declareLost.isEmpty()
                  ? "the audit key file " + keys.file() + " lacks the key of "
                  : "--key-lost must name exactly the ranges whose key is missing from "
                      + keys.file()
                      + ": ")
              + describe(missing)
              + ". Restore the key file from its latest backup (it is kept apart from the"
              + " database on purpose), or run with the --data-dir that holds it. If no backup"
              + " holds it, check who wrote the first entry of each range, then run again with"
              + " --key-lost="
              + starts(missing)
              + ": their content can then no longer be authenticated, and the log records that");
    }
    AuditKey key = AuditKeyFile.newKey(next);
    AuditKeyRing pending = ring.withPending(key, missingStarts);
    AuditKeyFile.replace(keys.file(), pending);
    confirmAfterCommit(key);
    jdbc.sql("UPDATE audit_head SET key_from_seq = ?, key_id = ? WHERE id = 1")
        .params(next, key.id())
        .update();
    // Attested under the key it replaces, when held: verification then tells this entry from one
    // forged after the key file's last range (see AuditChain).
    String target =
        "audit-key:"
            + next
            + AuditKeys.current(ring, head)
                .map(previous -> ATTESTED + attestation(previous, next, head.hash()))
                .orElse("");
    List<String> lost = missing.stream().map(AuditChain.Range::toString).toList();
    String detail =
        "new audit key for entries from "
            + next
            + " on"
            + (lost.isEmpty()
                ? "; the keys before it stay in the key file"
                : "; declared lost: " + String.join(", ", lost))
            + (reason == null || reason.isBlank() ? "" : "; reason: " + reason.strip());
    AuditEntry entry = log.write(head, key, actor.name(), ACTION, target, detail, actor.address());
    return new Replaced(entry, keys.file(), lost);
  }

  /**
   * After the commit, writes the replacement into the file as made and has this process use it,
   * unless the file no longer holds it as pending (another replacement wrote since). A failure here
   * loses nothing: readers settle a pending replacement from the log.
   */
  private void confirmAfterCommit(AuditKey key) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            try {
              AuditKeyRing now = keys.onDisk();
              boolean ours =
                  now.pending()
                      .filter(p -> p.key().fromSeq() == key.fromSeq())
                      .filter(p -> p.key().id().equals(key.id()))
                      .isPresent();
              keys.use(ours ? now.confirmed() : now);
              if (ours) {
                AuditKeyFile.replace(keys.file(), now.confirmed());
              }
            } catch (AuditKeyException e) {
              logger.warn("{} (the replacement is committed; readers confirm it)", e.getMessage());
            }
          }
        });
  }

  /** Marks the attestation in a replacement's target. */
  static final String ATTESTED = " attested:";

  /**
   * The previous key's word that the replacement at {@code seq}, linking to {@code prevHash}, is
   * real.
   */
  static String attestation(AuditKey previous, long seq, String prevHash) {
    return previous.mac("ward-audit-key-replace|" + seq + "|" + prevHash);
  }

  /** The ranges with who wrote each one's first entry, for the operator to check. */
  private String describe(List<AuditChain.Range> ranges) {
    return ranges.stream()
        .map(
            r ->
                r
                    + jdbc.sql("SELECT * FROM audit_log WHERE seq = ?")
                        .param(r.from())
                        .query(AuditLog::row)
                        .optional()
                        .map(
                            e ->
                                " (from " + e.action() + " by " + e.actor() + " at " + e.at() + ")")
                        .orElse(""))
        .collect(Collectors.joining(", "));
  }

  /** The first entries of ranges, as --key-lost takes them. */
  static String starts(List<AuditChain.Range> ranges) {
    return ranges.stream().map(r -> String.valueOf(r.from())).collect(Collectors.joining(","));
  }
}
