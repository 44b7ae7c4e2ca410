package io.ward.server.audit;

import io.ward.server.config.WardProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit key of this data directory, loaded at start; created on the first start (covering the
 * entries from the next one on) unless the log already holds keyed entries. Then the key was lost
 * or this process runs on another data directory than the one that wrote them: no new key is made,
 * since entries under it would hide the gap, and appending fails until the key is restored.
 */
@Component
public class AuditKeys {
  private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

  private final Path file;
  private final Optional<AuditKey> key;
  private final Optional<Long> firstKeyedEntry;

  AuditKeys(WardProperties properties, JdbcClient jdbc) {
    this.file = properties.dataDirectory().resolve(AuditKeyFile.NAME).toAbsolutePath();
    Optional<AuditKey> found = AuditKeyFile.read(file);
    this.firstKeyedEntry =
        jdbc.sql("SELECT MIN(seq) FROM audit_log WHERE hash_alg <> ?")
            .param(HashAlgorithm.SHA256.id())
            .query(Long.class)
            .optional();
    if (found.isEmpty() && firstKeyedEntry.isEmpty()) {
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
          found.get().fromSeq());
    } else if (found.isEmpty()) {
      log.error("{}", missingMessage());
    } else if (AuditKeyFile.tooOpen(file)) {
      log.warn("the audit key {} can be read by others than its owner: chmod 600 it", file);
    }
    this.key = found;
  }

  /** The key file's path. */
  public Path file() {
    return file;
  }

  /** True when the key file was found or created. */
  public boolean present() {
    return key.isPresent();
  }

  Optional<AuditKey> key() {
    return key;
  }

  /**
   * The key to append with; fails when it is missing, rather than write entries nobody can check.
   */
  AuditKey forAppend() {
    return key.orElseThrow(() -> new IllegalStateException(missingMessage()));
  }

  /** Why the key is missing and what to do. */
  String missingMessage() {
    return "the audit key "
        + file
        + " is missing but the audit log has keyed entries"
        + firstKeyedEntry.map(s -> " from " + s + " on").orElse("")
        + ": restore the file from its backup (it is kept apart from the database on purpose), or"
        + " run with the --data-dir that holds it";
  }
}
