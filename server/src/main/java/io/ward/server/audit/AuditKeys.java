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
 * new-key --key-lost}, which the log records). A damaged key file also stops appends, with the
 * reason, but not the process: {@code ward audit verify} still walks the chain's structure.
 *
 * <p>The head row names the key appends must use (its first entry and fingerprint, {@code
 * audit_head.key_from_seq} and {@code key_id}; null for the first key). Another process on the same
 * database may replace the key; an append that finds a key this process does not hold rereads the
 * file before it gives up.
 */
@Component
public class AuditKeys {
  private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

  private final Path file;
  private volatile AuditKeyRing ring = AuditKeyRing.empty();

  /** Why the key file could not be read, when it could not. */
  private volatile Optional<String> damaged = Optional.empty();

  AuditKeys(WardProperties properties, JdbcClient jdbc) {
    this.file = properties.dataDirectory().resolve(AuditKeyFile.NAME).toAbsolutePath();
    Optional<AuditKeyRing> found;
    try {
      found = AuditKeyFile.read(file);
    } catch (AuditKeyException e) {
      damaged = Optional.of(e.getMessage());
      if (properties.background()) {
        log.error("{}: appends are refused until it is repaired or restored", e.getMessage());
      }
      return;
    }
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
    } else if (found.isPresent() && AuditKeyFile.tooOpen(file)) {
      log.warn("the audit key {} can be read by others than its owner: chmod 600 it", file);
    }
    this.ring = found.orElse(AuditKeyRing.empty());
  }

  /** The key file's path. */
  public Path file() {
    return file;
  }

  /** The keys this process holds. */
  AuditKeyRing ring() {
    return ring;
  }

  /**
   * Rereads the key file and holds what it says (another process may have replaced the key).
   *
   * @throws AuditKeyException the file is damaged
   */
  AuditKeyRing reload() {
    try {
      ring = onDisk();
      damaged = Optional.empty();
    } catch (AuditKeyException e) {
      damaged = Optional.of(e.getMessage());
      throw e;
    }
    return ring;
  }

  /**
   * What the key file holds now, without changing what this process holds.
   *
   * @throws AuditKeyException the file is damaged
   */
  AuditKeyRing onDisk() {
    return AuditKeyFile.read(file).orElse(AuditKeyRing.empty());
  }

  /** Holds {@code replaced} from now on, after this process wrote it. */
  void use(AuditKeyRing replaced) {
    ring = replaced;
    damaged = Optional.empty();
  }

  /**
   * The key the locked head names, from the file when this process does not hold it (yet).
   *
   * @throws AuditKeyException the key is missing or the file damaged; rather than write entries
   *     nobody can check
   */
  AuditKey forAppend(AuditLog.Head head) {
    Optional<AuditKey> held = current(ring, head);
    if (held.isPresent()) {
      return held.get();
    }
    return current(reload(), head)
        .orElseThrow(() -> new AuditKeyException(missingMessage(head.keyFromSeq())));
  }

  /** The key the head names in {@code ring}: its first entry, and its fingerprint when set. */
  static Optional<AuditKey> current(AuditKeyRing ring, AuditLog.Head head) {
    Optional<AuditKey> key =
        head.keyFromSeq().isPresent()
            ? ring.startingAt(head.keyFromSeq().get())
            : ring.initialKey();
    return key.filter(k -> head.keyId().isEmpty() || head.keyId().get().equals(k.id()));
  }

  /** Why the key to append with is missing and what to do. */
  String missingMessage(Optional<Long> headKeyFromSeq) {
    return damaged.orElseGet(
        () ->
            "the audit key "
                + headKeyFromSeq.map(s -> "covering entries from " + s + " on ").orElse("")
                + "is missing from "
                + file
                + " but the audit log has keyed entries under it: restore the file from its"
                + " backup (it is kept apart from the database on purpose), or run with the"
                + " --data-dir that holds it. If it is lost for good, `ward audit new-key"
                + " --key-lost` makes a new one and records the loss in the log");
  }
}
