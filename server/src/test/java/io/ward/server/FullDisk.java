package io.ward.server;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A disk a test fills for real, under a Ward database: {@link Tmpfs} for the embedded one, {@link
 * FullTablespace} for PostgreSQL.
 */
public interface FullDisk extends AutoCloseable {

  /**
   * Settings for a Ward server whose database is on this disk; {@code elsewhere} is a directory
   * (not on it) for a data directory that need not be.
   */
  ServerSettings settings(Path elsewhere) throws IOException;

  /** Fills the disk to its last byte, as a full disk is (ENOSPC); returns the bytes it took. */
  long fill() throws IOException;

  /** Frees what {@link #fill} took. */
  void free() throws IOException;
}
