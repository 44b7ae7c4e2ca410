package io.ward.server.audit;

import io.ward.server.config.DurableCommits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * the anchored entry is gone, the anchor records that, under the key, and stays where it is, so the
 * evidence outlives new appends and restarts. Written after the append's transaction commits (an
 * anchor ahead of a rolled-back entry would be a false alarm), synced, whole or not at all; a
 * failure to write it is logged, never fails the change.
 *
 * <p>Every change is audited, so this is also where an answered change is made durable: before the
 * anchor moves, the committed change and its entry are on the database's disk ({@link
 * DurableCommits}; the embedded H2 otherwise writes them up to half a second after answering). A
 * full disk then fails the change that meets it, answered 507, instead of losing the changes
 * answered just before it, and the anchor never names an entry that a failed write lost, which
 * {@code ward audit verify} would report as entries cut from the log.
 */
@Component
public class AuditAnchor {
  private static final Logger log = LoggerFactory.getLogger(AuditAnchor.class);

  /** The file name inside the data directory. */
  static final String NAME = "audit.head";

  /** Prefix of the authenticated text, so that an anchor's HMAC is never an entry's. */
  private static final String CONTEXT = "ward-audit-head|";

  /**
   * An anchored entry.
   *
   * @param brokenAt the entry whose append found the anchored one gone from the log, when that
   *     happened: the anchor then stays here for good, and verification reports it
   */
  record Head(long seq, String hash, Optional<Long> brokenAt) {}

  /**
   * A head and the audit key it is written under ({@code key-from-seq=}; absent: the first key).
   */
  private record Signed(Head head, Optional<Long> keyFromSeq) {}

  /** What the anchor file says. */
  record Reading(Optional<Head> head, Optional<String> problem, boolean unauthenticated) {
    static Reading absent() {
      return new Reading(Optional.empty(), Optional.empty(), false);
    }

    static Reading damaged(String problem) {
      return new Reading(Optional.empty(), Optional.of(problem), false);
    }
  }

  private final Path file;
  private final AuditKeys keys;
  private final JdbcClient jdbc;
  private final DurableCommits durable;

  /** The anchored entry; null when none is written yet. */
  private Head anchored;

  /** True when the anchor must stay as it is: damaged, or it recorded a cut. */
  private boolean frozen;

  /** The file's problem last logged, so that each append does not log it again. */
  private Optional<String> reported = Optional.empty();

  AuditAnchor(AuditKeys keys, JdbcClient jdbc, DurableCommits durable) {
    this.file = keys.file().resolveSibling(NAME);
    this.keys = keys;
    this.jdbc = jdbc;
    this.durable = durable;
    Reading found = read();
    this.anchored = found.head().orElse(null);
    this.frozen = found.problem().isPresent() || found.head().flatMap(Head::brokenAt).isPresent();
  }

  /** The anchor file's path. */
  public Path file() {
    return file;
  }

  /**
   * Moves the anchor to an appended entry once the caller's transaction has committed and is on the
   * database's disk.
   *
   * @param prevHash the hash the entry links to
   * @throws RuntimeException what the database throws when it cannot write the committed change (a
   *     full disk): the caller's change fails, and the anchor stays where it is
   */
  void afterCommit(long seq, String prevHash, String hash, AuditKey key) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              durable.await();
              advance(seq, prevHash, hash, key);
            }
          });
    } else {
      durable.await();
      advance(seq, prevHash, hash, key);
    }
  }

  /**
   * Moves the anchor to a committed entry that continues the anchored one: it links to it, or the
   * log still holds it (another server appended in between, or commits finished out of order).
   * Otherwise the anchored entry was cut: that is written into the anchor, which stays there. Never
   * throws: the change is committed already.
   *
   * @param key the key the entry was hashed under, which the anchor is written under too
   */
  synchronized void advance(long seq, String prevHash, String hash, AuditKey key) {
    try {
      catchUp();
      if (frozen || anchored != null && seq <= anchored.seq()) {
        return;
      }
      boolean follows =
          anchored == null
              || seq == anchored.seq() + 1 && prevHash.equals(anchored.hash())
              || inLog(anchored);
      if (!follows) {
        frozen = true;
        anchored = new Head(anchored.seq(), anchored.hash(), Optional.of(seq));
        write(anchored, key);
        log.error(
            "the audit entry {} anchored in {} was gone from the log when entry {} was appended;"
                + " ward audit verify reports it",
            anchored.seq(),
            file,
            seq);
        return;
      }
      Head head = new Head(seq, hash, Optional.empty());
      write(head, key);
      anchored = head;
    } catch (IOException | RuntimeException e) {
      log.warn("cannot move the audit anchor {}: {}", file, e.toString());
    }
  }

  /**
   * Takes what the file says now when it differs from what this process wrote last: another process
   * on the same data directory (a {@code ward user} command beside {@code ward serve}) moved it
   * further, so this one must not move it back; or it was moved aside on purpose (a database
   * restored from an older backup), and anchoring starts again.
   */
  private void catchUp() {
    Reading now = read();
    if (now.problem().isPresent()) {
      if (!frozen || !now.problem().equals(reported)) {
        // Said when an append finds it (not at start: ward audit verify reports it itself).
        log.error("{}: the anchor is left as it is", now.problem().get());
        reported = now.problem();
      }
      frozen = true;
      return;
    }
    if (now.head().isEmpty()) {
      if (anchored != null) {
        anchored = null;
        frozen = false;
      }
      return;
    }
    Head head = now.head().get();
    if (anchored == null || head.seq() > anchored.seq() || head.brokenAt().isPresent()) {
      anchored = head;
      frozen = head.brokenAt().isPresent();
    }
  }

  /** True when the log still holds the anchored entry. */
  boolean inLog(Head head) {
    return jdbc.sql("SELECT entry_hash FROM audit_log WHERE seq = ?")
        .param(head.seq())
        .query(String.class)
        .optional()
        .filter(head.hash()::equals)
        .isPresent();
  }

  /**
   * What the file holds, for an append: authenticated under the key this process holds, or under
   * the key file's when another process replaced the key; a key file that cannot be read makes the
   * anchor unusable (the append goes on, the anchor stays).
   */
  private Reading read() {
    Reading held = read(keys.ring());
    if (!held.unauthenticated()) {
      return held;
    }
    try {
      return read(keys.reload());
    } catch (AuditKeyException e) {
      return Reading.damaged(e.getMessage());
    }
  }

  /**
   * What the file holds, authenticated under the key it names in {@code ring}; taken
   * unauthenticated when the ring lacks that key (lost, or not restored: verification reports the
   * entries under it as such, the anchor cannot say more).
   */
  Reading read(AuditKeyRing ring) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Reading.absent();
    } catch (IOException e) {
      return Reading.damaged("cannot read the audit anchor " + file + ": " + e);
    }
    Optional<String> seq = AuditKeyFile.value(lines, "seq");
    Optional<String> hash = AuditKeyFile.value(lines, "hash");
    Optional<String> brokenAt = AuditKeyFile.value(lines, "broken-at");
    Optional<String> mac = AuditKeyFile.value(lines, "hmac-sha256");
    Optional<String> keyFromSeq = AuditKeyFile.value(lines, "key-from-seq");
    if (seq.isEmpty() || hash.isEmpty() || mac.isEmpty()) {
      return Reading.damaged("the audit anchor " + file + " is damaged: a line is missing");
    }
    Signed signed;
    try {
      signed =
          new Signed(
              new Head(Long.parseLong(seq.get()), hash.get(), brokenAt.map(Long::parseLong)),
              keyFromSeq.map(Long::parseLong));
    } catch (NumberFormatException e) {
      return Reading.damaged("the audit anchor " + file + " is damaged: " + e.getMessage());
    }
    Optional<AuditKey> key =
        signed.keyFromSeq().isPresent()
            ? ring.startingAt(signed.keyFromSeq().get())
            : ring.initialKey();
    if (key.isEmpty()) {
      return new Reading(Optional.of(signed.head()), Optional.empty(), true);
    }
    if (!key.get().authenticates(text(signed), mac.get())) {
      return Reading.damaged(
          "the audit anchor " + file + " does not hold under the audit key (edited)");
    }
    return new Reading(Optional.of(signed.head()), Optional.empty(), false);
  }

  private void write(Head head, AuditKey key) throws IOException {
    Signed signed = new Signed(head, Optional.of(key.fromSeq()));
    String content =
        "# Ward audit anchor: the last audit entry committed through this data directory.\n"
            + "# ward audit verify reports a log that ends before it. Do not edit.\n"
            + "seq="
            + head.seq()
            + "\nhash="
            + head.hash()
            + head.brokenAt().map(b -> "\nbroken-at=" + b).orElse("")
            + "\nkey-from-seq="
            + key.fromSeq()
            + "\nhmac-sha256="
            + key.mac(text(signed))
            + "\n";
    Path dir = file.toAbsolutePath().getParent();
    Path aside = Files.createTempFile(dir, ".audit-head-", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true); // on disk before it replaces the anchor: never an empty file
      }
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

  /** The authenticated text; the key's range only when named (anchors before key replacement). */
  private static String text(Signed signed) {
    Head head = signed.head();
    return CONTEXT
        + head.seq()
        + "|"
        + head.hash()
        + "|"
        + head.brokenAt().map(String::valueOf).orElse("")
        + signed.keyFromSeq().map(k -> "|" + k).orElse("");
  }
}
