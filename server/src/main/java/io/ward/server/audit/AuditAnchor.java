package io.ward.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The last audit entry this data directory saw committed, kept beside the audit key in {@code <data
 * dir>/audit.head} and authenticated with it. The hash chain finds an edited, removed or reordered
 * entry, and the head row finds entries cut from the end; but whoever can write to the database can
 * cut the end and reset the head row too, and the shorter log then holds. The anchor is outside the
 * database: {@link AuditLog#verify} reports a log that ends before it, or whose entry at its
 * sequence number is another one.
 *
 * <p>The anchor only moves forward along the chain: to an entry that links to the anchored one, or
 * past it while the anchored entry is still in the log (another server appended in between). When
 * the anchored entry is gone, the anchor stays where it is, so the evidence outlives new appends.
 * Written after the append's transaction commits (an anchor ahead of a rolled-back entry would be a
 * false alarm), whole or not at all; a failure to write it is logged, never fails the change.
 */
@Component
public class AuditAnchor {
  private static final Logger log = LoggerFactory.getLogger(AuditAnchor.class);

  /** The file name inside the data directory. */
  static final String NAME = "audit.head";

  /** Prefix of the authenticated text, so that an anchor's HMAC is never an entry's. */
  private static final String CONTEXT = "ward-audit-head|";

  /** An anchored entry. */
  record Head(long seq, String hash) {}

  /** What the anchor file says. */
  record Reading(Optional<Head> head, Optional<String> problem) {
    static Reading absent() {
      return new Reading(Optional.empty(), Optional.empty());
    }

    static Reading damaged(String problem) {
      return new Reading(Optional.empty(), Optional.of(problem));
    }
  }

  private final Path file;
  private final Optional<AuditKey> key;
  private final JdbcClient jdbc;

  /** The anchored entry; null when none is written (or the file is damaged: then never moved). */
  private Head anchored;

  private boolean frozen;

  AuditAnchor(AuditKeys keys, JdbcClient jdbc) {
    this.file = keys.file().resolveSibling(NAME);
    this.key = keys.key();
    this.jdbc = jdbc;
    Reading found = read();
    this.anchored = found.head().orElse(null);
    this.frozen = found.problem().isPresent();
    found.problem().ifPresent(p -> log.error("{}: the anchor is left as it is", p));
  }

  /** The anchor file's path. */
  public Path file() {
    return file;
  }

  /** Moves the anchor to an appended entry once the caller's transaction has committed. */
  void afterCommit(long seq, String hash) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              advance(seq, hash);
            }
          });
    } else {
      advance(seq, hash);
    }
  }

  /** Moves the anchor to a committed entry when it continues the anchored one. */
  synchronized void advance(long seq, String hash) {
    if (frozen || key.isEmpty() || anchored != null && seq <= anchored.seq()) {
      return;
    }
    if (anchored != null && !continues(anchored)) {
      frozen = true;
      log.error(
          "the audit entry {} anchored in {} is no longer in the log: the anchor is left there"
              + " for ward audit verify to report",
          anchored.seq(),
          file);
      return;
    }
    Head head = new Head(seq, hash);
    try {
      write(head);
      anchored = head;
    } catch (IOException e) {
      log.warn("cannot write the audit anchor {}: {}", file, e.toString());
    }
  }

  /** True when the log still holds the anchored entry, so an entry after it continues it. */
  private boolean continues(Head head) {
    return jdbc.sql("SELECT entry_hash FROM audit_log WHERE seq = ?")
        .param(head.seq())
        .query(String.class)
        .optional()
        .filter(head.hash()::equals)
        .isPresent();
  }

  /** What the file holds, authenticated when the key is there. */
  Reading read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Reading.absent();
    } catch (IOException e) {
      return Reading.damaged("cannot read the audit anchor " + file + ": " + e);
    }
    Optional<String> seq = value(lines, "seq");
    Optional<String> hash = value(lines, "hash");
    Optional<String> mac = value(lines, "hmac-sha256");
    if (seq.isEmpty() || hash.isEmpty() || mac.isEmpty()) {
      return Reading.damaged("the audit anchor " + file + " is damaged: a line is missing");
    }
    Head head;
    try {
      head = new Head(Long.parseLong(seq.get()), hash.get());
    } catch (NumberFormatException e) {
      return Reading.damaged("the audit anchor " + file + " is damaged: " + e.getMessage());
    }
    if (key.isPresent() && !key.get().authenticates(text(head), mac.get())) {
      return Reading.damaged(
          "the audit anchor " + file + " does not hold under the audit key (edited)");
    }
    return new Reading(Optional.of(head), Optional.empty());
  }

  private void write(Head head) throws IOException {
    String content =
        "# Ward audit anchor: the last audit entry committed through this data directory.\n"
            + "# ward audit verify reports a log that ends before it. Do not edit.\n"
            + "seq="
            + head.seq()
            + "\nhash="
            + head.hash()
            + "\nhmac-sha256="
            + key.orElseThrow().mac(text(head))
            + "\n";
    Path dir = file.toAbsolutePath().getParent();
    Path aside = Files.createTempFile(dir, ".audit-head-", ".tmp");
    try {
      Files.writeString(aside, content, StandardCharsets.UTF_8);
      try {
        Files.move(
            aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  private static String text(Head head) {
    return CONTEXT + head.seq() + "|" + head.hash();
  }

  private static Optional<String> value(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + "="))
        .map(l -> l.substring(name.length() + 1).strip())
        .findFirst();
  }
}
