package io.ward.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A database of its own in the test PostgreSQL whose disk a test can fill for real: a tablespace on
 * a small {@link Tmpfs}, and a new database created in that tablespace, so that its tables, indexes
 * and catalogs all live there. Filled, PostgreSQL refuses to extend any of them (SQLSTATE 53100,
 * disk_full). Its write-ahead log stays in PostgreSQL's own data directory, so nothing it answered
 * as committed is at risk.
 *
 * <p>It needs {@code WARD_TEST_POSTGRES=1}, root (to mount) and a superuser of the test PostgreSQL
 * (to create a tablespace); {@link #open} skips the calling test, saying which is missing, when one
 * is. {@link #close} drops the database and the tablespace and unmounts the tmpfs, each even if an
 * earlier step failed.
 */
public final class FullTablespace implements FullDisk {
  private static final String SUPERUSER =
      "a superuser of the test PostgreSQL, to make a tablespace";

  private final String name;
  private Optional<Tmpfs> disk = Optional.empty();
  private boolean tablespace;
  private boolean database;

  private FullTablespace(String name) {
    this.name = name;
  }

  /**
   * Mounts a tmpfs of {@code sizeMiB} and creates a tablespace and a database in it, or skips the
   * calling test (a JUnit assumption) when this machine cannot.
   */
  public static FullTablespace open(int sizeMiB) throws Exception {
    assumeTrue(
        TestStore.postgresEnabled(),
        "WARD_TEST_POSTGRES=1 (the test PostgreSQL at 127.0.0.1:5432) is not set");
    FullTablespace t =
        new FullTablespace(
            "ward_full_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    try {
      Optional<Path> pgData = dataDirectory();
      assumeTrue(pgData.isPresent(), SUPERUSER);
      t.disk = Optional.of(Tmpfs.mount(sizeMiB));
      Path location = Files.createDirectory(t.disk.get().dir().resolve("tablespace"));
      // PostgreSQL takes only a directory of its own server's user for a tablespace.
      Files.setOwner(location, Files.getOwner(pgData.get()));
      t.tablespace =
          sql(
              "CREATE TABLESPACE " + t.name + " LOCATION '" + location + "'",
              /* mayBeRefused= */ true);
      assumeTrue(t.tablespace, SUPERUSER);
      sql("CREATE DATABASE " + t.name + " TABLESPACE " + t.name, /* mayBeRefused= */ false);
      t.database = true;
      return t;
    } catch (Throwable e) {
      try {
        t.close();
      } catch (Throwable cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** The JDBC URL of the database. */
  public String url() {
    return TestStore.PG_URL.substring(0, TestStore.PG_URL.lastIndexOf('/') + 1) + name;
  }

  /** Settings for a Ward server on the database, with {@code elsewhere} as its data directory. */
  @Override
  public ServerSettings settings(Path elsewhere) {
    return ServerSettings.fromEnvironment()
        .withPort(0)
        .withDataDir(elsewhere)
        .withDatabase(url(), Optional.of(TestStore.pgUser()), Optional.empty());
  }

  @Override
  public long fill() throws IOException {
    return disk.orElseThrow().fill();
  }

  @Override
  public void free() throws IOException {
    disk.orElseThrow().free();
  }

  @Override
  public void close() throws Exception {
    List<String> failed = new ArrayList<>();
    if (database) {
      // WITH (FORCE) ends the connections a server that failed to stop may have left.
      attempt(
          failed,
          () ->
              sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", /* mayBeRefused= */ false));
    }
    if (tablespace) {
      attempt(failed, () -> sql("DROP TABLESPACE IF EXISTS " + name, /* mayBeRefused= */ false));
    }
    if (disk.isPresent()) {
      attempt(failed, disk.get()::close);
    }
    if (!failed.isEmpty()) {
      throw new AssertionError("could not clean up the full tablespace " + name + ": " + failed);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void attempt(List<String> failed, Step step) {
    try {
      step.run();
    } catch (Exception | AssertionError e) {
      failed.add(e.toString());
    }
  }

  /**
   * Runs a statement in the test database; false when it was refused for lack of privilege and
   * {@code mayBeRefused}.
   */
  private static boolean sql(String statement, boolean mayBeRefused) throws SQLException {
    try (Connection c = DriverManager.getConnection(TestStore.PG_URL, TestStore.pgUser(), "");
        Statement s = c.createStatement()) {
      s.execute(statement);
      return true;
    } catch (SQLException e) {
      if (mayBeRefused && notAllowed(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * PostgreSQL's data directory, whose owner is the user its server runs as; empty when the test
   * user may not know it (no superuser).
   */
  private static Optional<Path> dataDirectory() throws SQLException {
    try (Connection c = DriverManager.getConnection(TestStore.PG_URL, TestStore.pgUser(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      return Optional.of(Path.of(rs.getString(1)));
    } catch (SQLException e) {
      if (notAllowed(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** PostgreSQL's insufficient_privilege. */
  private static boolean notAllowed(SQLException e) {
    return "42501".equals(e.getSQLState());
  }
}
