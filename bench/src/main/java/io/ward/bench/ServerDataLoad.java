package io.ward.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the server's schema (made by its own Flyway migrations) with the fleet, its traffic and its
 * findings, by COPY in one transaction, then lets PostgreSQL gather statistics as it would after a
 * day of autovacuum.
 *
 * @param rows rows loaded per table
 * @param seconds wall-clock seconds of the COPY and the statistics
 */
record ServerDataLoad(Map<String, Long> rows, double seconds) {

  /** Tables whose ids the loader chose; their identity sequences continue after them. */
  private static final List<String> EXPLICIT_IDS =
      List.of("site", "capture", "device", "finding", "remediation");

  ServerDataLoad {
    rows = Map.copyOf(rows);
  }

  /** Loads {@code fleet} with about {@code flows} flow hours and {@code findings} findings. */
  static ServerDataLoad load(
      ServerDatabase db, ServerFleet fleet, long flows, long findings, long seed, PrintStream log)
      throws SQLException, IOException {
    long start = System.nanoTime();
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      log.println("bench: loading devices, evidence, history and sightings…");
      new ServerDeviceRows(fleet, seed).write(c, rows);
      log.println("bench: loading flow hours…");
      new ServerFlowRows(fleet, seed).write(c, flows, rows);
      log.println("bench: loading findings, advisories and remediation records…");
      new ServerFindingRows(fleet, seed).write(c, findings, rows);
      ServerFindingRows.summarise(c);
      try (Statement s = c.createStatement()) {
        for (String table : EXPLICIT_IDS) {
          s.execute(
              "SELECT setval(pg_get_serial_sequence('"
                  + table
                  + "', 'id'), GREATEST(1, (SELECT MAX(id) FROM "
                  + table
                  + ")))");
        }
      }
      c.commit();
      c.setAutoCommit(true);
      log.println("bench: VACUUM ANALYZE…");
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE");
      }
    }
    return new ServerDataLoad(rows, (System.nanoTime() - start) / 1e9);
  }
}
