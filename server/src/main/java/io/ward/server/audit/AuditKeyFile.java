package io.ward.server.audit;

import io.ward.server.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit keys on disk ({@code <data dir>/audit.key}): outside the database on purpose, so that
 * whoever can write to the database (a PostgreSQL on another host has admins of its own) cannot
 * recompute the chain. Text, owner-only (600) where the file system has POSIX permissions; one key
 * until {@code ward audit new-key} adds another ({@link AuditKeyRing}):
 *
 * <pre>
 * # comment lines
 * from-seq=1
 * hmac-sha256=&lt;32 bytes, base64&gt;
 * lost-from-seq=57
 * from-seq=120
 * hmac-sha256=&lt;32 bytes, base64&gt;
 * </pre>
 */
final class AuditKeyFile {
  /** The file name inside the data directory. */
  static final String NAME = "audit.key";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AuditKeyFile() {}

  /**
   * The keyring in a file, empty when there is no such file.
   *
   * @throws AuditKeyException the file is unreadable or not an audit keyring
   */
  static Optional<AuditKeyRing> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (CharacterCodingException e) {
      throw new AuditKeyException(
          "the audit key " + file + " is damaged: it is not text (bytes that are not UTF-8)", e);
    } catch (IOException e) {
      throw new AuditKeyException("cannot read the audit key " + file + ": " + e, e);
    }
    try {
      return Optional.of(parse(lines));
    } catch (IllegalArgumentException e) {
      throw new AuditKeyException("the audit key " + file + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * The keys, lost ranges and pending replacement of a file's lines: each key is a {@code
   * from-seq=} (or {@code pending-from-seq=}) line followed by its {@code hmac-sha256=} line; a
   * file of Ward before key replacement holds one such pair.
   */
  static AuditKeyRing parse(List<String> lines) {
    List<AuditKey> keys = new ArrayList<>();
    List<Long> lost = new ArrayList<>();
    List<Long> pendingLost = new ArrayList<>();
    AuditKey pendingKey = null;
    String startName = null;
    long start = 0;
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq);
      String value = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (startName != null && !name.equals("hmac-sha256")) {
        throw new IllegalArgumentException(
            startName + "=" + start + " has no hmac-sha256= line after it");
      }
      switch (name) {
        case "from-seq", "pending-from-seq" -> {
          startName = name;
          start = sequence(n, name, value);
        }
        case "hmac-sha256" -> {
          if (startName == null) {
            throw new IllegalArgumentException(
                "line " + n + ": an hmac-sha256= line without a from-seq= before it");
          }
          AuditKey key = new AuditKey(secret(n, value), start);
          if (startName.equals("from-seq")) {
            keys.add(key);
          } else if (pendingKey == null) {
            pendingKey = key;
          } else {
            throw new IllegalArgumentException("line " + n + ": a second pending key");
          }
          startName = null;
        }
        case "lost-from-seq" -> lost.add(sequence(n, name, value));
        case "pending-lost-from-seq" -> pendingLost.add(sequence(n, name, value));
        default ->
            throw new IllegalArgumentException("line " + n + ": unknown line '" + name + "='");
      }
    }
    if (startName != null) {
      throw new IllegalArgumentException(
          startName + "=" + start + " has no hmac-sha256= line after it");
    }
    if (keys.isEmpty() && pendingKey == null) {
      throw new IllegalArgumentException("it needs a from-seq= and an hmac-sha256= line");
    }
    if (pendingKey == null && !pendingLost.isEmpty()) {
      throw new IllegalArgumentException("pending-lost-from-seq= without a pending key");
    }
    Optional<AuditKeyRing.Pending> pending =
        pendingKey == null
            ? Optional.empty()
            : Optional.of(
                new AuditKeyRing.Pending(pendingKey, new java.util.TreeSet<>(pendingLost)));
    return AuditKeyRing.of(keys, lost, pending);
  }

  private static long sequence(int line, String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "line " + line + ": " + name + "=" + value + " is not an entry number", e);
    }
  }

  private static byte[] secret(int line, String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + line + ": hmac-sha256= is not base64", e);
    }
  }

  /**
   * Creates a new random key covering entries from {@code fromSeq} on, or returns the keyring
   * another process created first. The file appears whole or not at all (written aside, then
   * linked).
   */
  static AuditKeyRing create(Path file, long fromSeq) {
    AuditKeyRing ring = AuditKeyRing.of(newKey(fromSeq));
    try {
      Path aside = writeAside(file, ring);
      try {
        publish(aside, file);
      } finally {
        Files.deleteIfExists(aside);
      }
    } catch (FileAlreadyExistsException e) {
      return read(file).orElseThrow(() -> new IllegalStateException("audit key vanished", e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit key " + file, e);
    }
    return ring;
  }

  /** A new random key covering entries from {@code fromSeq} on. */
  static AuditKey newKey(long fromSeq) {
    byte[] secret = new byte[AuditKey.BYTES];
    RANDOM.nextBytes(secret);
    return new AuditKey(secret, fromSeq);
  }

  /**
   * Writes {@code ring} over the file, whole or not at all (written aside, synced, then moved into
   * place), for a key replacement; the ring holds every key the file held.
   *
   * @throws AuditKeyException the file cannot be written
   */
  static void replace(Path file, AuditKeyRing ring) {
    try {
      Path aside = writeAside(file, ring);
      try {
        try {
          Files.move(
              aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.toAbsolutePath().getParent());
      } finally {
        Files.deleteIfExists(aside);
      }
    } catch (IOException e) {
      throw new AuditKeyException("cannot write the audit key " + file + ": " + e, e);
    }
  }

  /**
   * Makes the rename durable before the database commit that relies on it: on Linux a directory
   * opened for reading can be synced; elsewhere this is skipped.
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // Not supported here (some file systems and platforms): the file itself was synced.
    }
  }

  private static String key(String name, AuditKey k) {
    return name
        + "="
        + k.fromSeq()
        + "\nhmac-sha256="
        + Base64.getEncoder().encodeToString(k.secret())
        + "\n";
  }

  /** The file's text for a ring, owner-only, synced, beside the file. */
  private static Path writeAside(Path file, AuditKeyRing ring) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    OwnerOnly.createDirectories(dir);
    Path aside = Files.createTempFile(dir, ".audit-key-", ".tmp", OwnerOnly.fileAttributes(dir));
    try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(text(ring).getBytes(StandardCharsets.UTF_8)));
      channel.force(true); // on disk before it becomes the key: never an empty key file
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(aside);
      throw e;
    }
    return aside;
  }

  /** The keys and lost ranges in entry order, after a comment that says what the file is. */
  static String text(AuditKeyRing ring) {
    StringBuilder b =
        new StringBuilder(
            "# Ward audit key: authenticates the audit log's hash chain (HMAC-SHA256).\n"
                + "# Back it up, apart from the database, and again after every `ward audit"
                + " new-key`.\n"
                + "# Without it `ward audit verify` can check the chain's structure but cannot\n"
                + "# authenticate its entries. Each key covers the entries from its from-seq to"
                + " the next\n"
                + "# key's; lost-from-seq marks a range whose key was lost and declared so.\n");
    TreeMap<Long, String> lines = new TreeMap<>();
    for (AuditKey k : ring.keys()) {
      lines.put(k.fromSeq(), key("from-seq", k));
    }
    for (long from : ring.lostRanges()) {
      lines.put(from, "lost-from-seq=" + from + "\n");
    }
    lines.values().forEach(b::append);
    ring.pending()
        .ifPresent(
            p -> {
              b.append(
                  "# A replacement written before its audit entry committed: taken as made when\n"
                      + "# an entry holds its place that is not an ordinary one under the key\n"
                      + "# before it; left out otherwise, and replaced by the next new-key.\n");
              p.lostFrom().forEach(l -> b.append("pending-lost-from-seq=").append(l).append('\n'));
              b.append(key("pending-from-seq", p.key()));
            });
    return b.toString();
  }

  /** Moves the finished file into place, never over an existing key. */
  private static void publish(Path aside, Path file) throws IOException {
    try {
      Files.createLink(file, aside);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileAlreadyExistsException exists) {
        throw exists;
      }
      // No hard links here (some network or Windows file systems): a plain move, which still
      // refuses to replace a key that exists.
      Files.move(aside, file);
    }
  }

  /** True when the file system says the file is readable or writable by others than its owner. */
  static boolean tooOpen(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return !OwnerOnly.FILE.containsAll(perms);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  /** The value of the first {@code name=value} line, stripped. */
  static Optional<String> value(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + "="))
        .map(l -> l.substring(name.length() + 1).strip())
        .findFirst();
  }
}
