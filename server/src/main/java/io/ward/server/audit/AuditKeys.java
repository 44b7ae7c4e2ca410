package io.ward.server.audit;

import io.ward.server.config.WardProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit keys of this data directory ({@link AuditKeyRing}), loaded at start; the first key is
 * created on the first start (covering the entries from the next one on) unless the log already
 * holds keyed entries. Then the key was lost or this process runs on another data directory than
 * the one that wrote them: no key is made silently, since entries under it would hide the gap, and
 * appending fails until the key is restored or an operator declares it lost ({@code ward audit
 * new-key --key-lost}, which the log records).
 *
 * <p>The head row names the range appends must use ({@code audit_head.key_from_seq}, null for the
 * first key). Another process on the same database may replace the key; an append that finds a
 * range this process does not hold rereads the file before it gives up.
 */
@Component
public class AuditKeys {
  private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

  private final Path file;
  private volatile AuditKeyRing ring;

  AuditKeys(WardProperties properties, JdbcClient jdbc) {
    this.file = properties.dataDirectory().resolve(AuditKeyFile.NAME).toAbsolutePath();
    Optional<AuditKeyRing> found = AuditKeyFile.read(file);
    boolean keyedEntries =
        jdbc.sql("SELECT MIN(seq) FROM audit_log WHERE hash_alg <> ?")
            .param(HashAlgorithm.SHA256.id())
            .query(Long.class)
            .optional()
            .isPresent();
    if (found.isEmpty() && !keyedEntries) {
      long next =
          jdbc.sql("SELECT seq FROM audit_head WHERE id = 1")
                  .query(Long.class)
                  .optional()
                  .orElse(0L)
              + 1;
      found = Optional.of(AuditKeyFile.create(file, next));
      // Debug only: the command line keeps stderr to one line per message.
      log.debug(
          "created the audit key {} (entries from {} on); back it up apart from the database",
          file,
          next);
    } else if (found.isEmpty() && properties.background()) {
      // The server's log says it at start; a command line reports it where it matters, once.
      log.error("{}", missingMessage(Optional.empty()));
    } else if (AuditKeyFile.tooOpen(file)) {
      log.warn("the audit key {} can be read by others than its owner: chmod 600 it", file);
    }
    this.ring = found.orElse(AuditKeyRing.empty());
  }

  /** The key file's path. */
  public Path file() {
    return file;
  }

  /** True when the key file holds at least one key. */
  public boolean present() {
    return ring.oldest().isPresent();
  }

  /** The keys this process holds. */
  AuditKeyRing ring() {
    return ring;
  }

  /** Rereads the key file and holds what it says (another process may have replaced the key). */
  AuditKeyRing reload() {
    ring = onDisk();
    return ring;
  }

  /** What the key file holds now, without changing what this process holds. */
  AuditKeyRing onDisk() {
    return AuditKeyFile.read(file).orElse(AuditKeyRing.empty());
  }

  /** Holds {@code replaced} from now on, after this process wrote it. */
  void use(AuditKeyRing replaced) {
    ring = replaced;
  }

  /**
   * The key of the range the head row names ({@code headKeyFromSeq}, empty for the first key), from
   * the file when this process does not hold it yet.
   *
   * @throws AuditKeyException the key is missing; rather than write entries nobody can check
   */
  AuditKey forAppend(Optional<Long> headKeyFromSeq) {
    return current(ring, headKeyFromSeq)
        .or(() -> current(reload(), headKeyFromSeq))
        .orElseThrow(() -> new AuditKeyException(missingMessage(headKeyFromSeq)));
  }

  /** The key of the range the head row names, in {@code ring}. */
  static Optional<AuditKey> current(AuditKeyRing ring, Optional<Long> headKeyFromSeq) {
    return headKeyFromSeq.isPresent() ? ring.startingAt(headKeyFromSeq.get()) : ring.initialKey();
  }

  /** Why the key to append with is missing and what to do. */
  String missingMessage(Optional<Long> headKeyFromSeq) {
    return "the audit key "
        + headKeyFromSeq.map(s -> "covering entries from " + s + " on ").orElse("")
        + "is missing from "
        + file
        + " but the audit log has keyed entries under it: restore the file from its backup (it is kept"
        + " apart from the database on purpose), or run with the --data-dir that holds it. If it"
        + " is lost for good, `ward audit new-key --key-lost` makes a new one and records the loss"
        + " in the log";
  }
}
