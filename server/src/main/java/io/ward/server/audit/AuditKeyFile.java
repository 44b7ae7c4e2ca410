package io.ward.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audit key on disk ({@code <data dir>/audit.key}): outside the database on purpose, so that
 * whoever can write to the database (a PostgreSQL on another host has admins of its own) cannot
 * recompute the chain. Text, owner-only (600) where the file system has POSIX permissions:
 *
 * <pre>
 * # comment lines
 * from-seq=1
 * hmac-sha256=&lt;32 bytes, base64&gt;
 * </pre>
 */
final class AuditKeyFile {
  /** The file name inside the data directory. */
  static final String NAME = "audit.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private AuditKeyFile() {}

  /**
   * The key in a file, empty when there is no such file.
   *
   * @throws IllegalStateException the file is unreadable or not an audit key
   */
  static Optional<AuditKey> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the audit key " + file + ": " + e, e);
    }
    Optional<String> fromSeq = value(lines, "from-seq");
    Optional<String> secret = value(lines, "hmac-sha256");
    if (fromSeq.isEmpty() || secret.isEmpty()) {
      throw new IllegalStateException(
          "the audit key " + file + " is damaged: it needs a from-seq= and an hmac-sha256= line");
    }
    try {
      return Optional.of(
          new AuditKey(
              Base64.getDecoder().decode(secret.get()), Long.parseLong(fromSeq.get().strip())));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the audit key " + file + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * Creates a new random key covering entries from {@code fromSeq} on, or returns the key another
   * process created first. The file appears whole or not at all (written aside, then linked).
   */
  static AuditKey create(Path file, long fromSeq) {
    byte[] secret = new byte[AuditKey.BYTES];
    RANDOM.nextBytes(secret);
    AuditKey key = new AuditKey(secret, fromSeq);
    String text =
        "# Ward audit key: authenticates the audit log's hash chain (HMAC-SHA256).\n"
            + "# Back it up, apart from the database. Without it `ward audit verify` can check the\n"
            + "# chain's structure but cannot authenticate entries from from-seq on.\n"
            + "from-seq="
            + fromSeq
            + "\nhmac-sha256="
            + Base64.getEncoder().encodeToString(secret)
            + "\n";
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path aside = Files.createTempFile(dir, ".audit-key-", ".tmp", ownerOnly(dir));
      try {
        Files.writeString(aside, text, StandardCharsets.UTF_8);
        publish(aside, file);
      } finally {
        Files.deleteIfExists(aside);
      }
    } catch (FileAlreadyExistsException e) {
      return read(file).orElseThrow(() -> new IllegalStateException("audit key vanished", e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit key " + file, e);
    }
    return key;
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
      return !OWNER_ONLY.containsAll(perms);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  /** The value of the first {@code name=value} line, stripped. */
  static Optional<String> value(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + "="))
        .map(l -> l.substring(name.length() + 1).strip())
        .findFirst();
  }
}
