package io.ward.server.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Directories (700) and files (600) only their owner can read, where the file system has POSIX
 * permissions; elsewhere (Windows, some network file systems) they are created as the file system
 * creates them. The data directory holds patient data while captures are analysed, the embedded
 * database (password hashes, the audit log) and the audit keys: none is for other local users.
 */
public final class OwnerOnly {
  /** rwx------ */
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /** rw------- */
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /**
   * Creates {@code dir} and its missing parents as owner-only directories (parents that exist are
   * left as they are); returns it.
   *
   * @throws IOException it cannot be created
   */
  public static Path createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return dir;
    }
    List<Path> missing = new ArrayList<>();
    for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p, directoryAttributes(p));
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
    }
    return dir;
  }

  /**
   * {@link #createDirectories}, and an existing directory made owner-only too: for directories only
   * Ward writes into (the uploads), which older versions created readable by all.
   *
   * @throws IOException it cannot be created
   */
  public static Path ensureDirectory(Path dir) throws IOException {
    createDirectories(dir);
    restrict(dir, DIRECTORY);
    return dir;
  }

  /**
   * A new file, owner-only, opened for writing; an existing one is replaced (and made owner-only).
   *
   * @throws IOException it cannot be created
   */
  public static OutputStream newOutputStream(Path file) throws IOException {
    if (!posix(file)) {
      return Files.newOutputStream(file);
    }
    if (Files.exists(file)) {
      restrict(file, FILE);
      return Files.newOutputStream(file);
    }
    return Files.newOutputStream(
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE)),
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Sets the permissions where the file system has POSIX ones; does nothing elsewhere. */
  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix(path)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  /** Owner-only file attributes for a file created in {@code dir}; none without POSIX ones. */
  public static FileAttribute<?>[] fileAttributes(Path dir) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] directoryAttributes(Path dir) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
