package io.ward.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The benchmark's own PostgreSQL database (trust authentication, as on the development machine):
 * created empty before the run, dropped after it, so the benchmark never touches anyone's data.
 */
final class ServerDatabase {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String serverUrl;
  private final String user;
  private final String name;

  /**
   * @param serverUrl the server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
   * @param user the PostgreSQL user
   * @param name the database to create, e.g. {@code ward_bench}
   */
  ServerDatabase(String serverUrl, String user, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
    this.user = user;
    this.name = name;
  }

  /** The database's JDBC URL. */
  String url() {
    return serverUrl + name;
  }

  String user() {
    return user;
  }

  String name() {
    return name;
  }

  /** Drops the database if it exists (closing its connections) and creates it empty. */
  void recreate() throws BenchmarkException {
    drop();
    admin("CREATE DATABASE " + name);
  }

  /** Drops the database, closing any connection left to it. */
  void drop() throws BenchmarkException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** A connection to the database. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user, "");
  }

  /**
   * Gathers planner statistics for every table and clears dead rows, as autovacuum would soon after
   * a migration that rewrites rows (V202611290200 rewrote every device).
   */
  void analyze() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
  }

  /** Drops a schema of the database and everything in it. */
  void dropSchema(String schema) throws SQLException {
    if (!NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("not a plain schema name: " + schema);
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** The process ids of the PostgreSQL backends connected to the database, but this one's. */
  List<Long> backendPids() throws SQLException {
    List<Long> pids = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()")) {
      while (r.next()) {
        pids.add(r.getLong(1));
      }
    }
    return pids;
  }

  /** The server's version and the settings that shape its speed, for the report. */
  List<String> describe() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT version()")) {
        r.next();
        out.add(r.getString(1));
      }
      for (String setting :
          List.of(
              "shared_buffers",
              "work_mem",
              "effective_cache_size",
              "max_connections",
              "synchronous_commit",
              "random_page_cost")) {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
          r.next();
          out.add(setting + " = " + r.getString(1));
        }
      }
    }
    return out;
  }

  private void admin(String sql) throws BenchmarkException {
    try (Connection c = DriverManager.getConnection(serverUrl + "postgres", user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new BenchmarkException(
          "PostgreSQL at " + serverUrl + " as " + user + ": " + sql + " failed: " + e.getMessage());
    }
  }
}
