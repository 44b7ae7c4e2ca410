package io.ward.server.config;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.ward.server.DiskFull;
import java.sql.SQLException;

/**
 * Drops the pool's connections to the embedded database (H2) once that database has closed itself:
 * H2 closes its store when a write to its file fails (a full disk), and every open connection then
 * only answers "the database has been closed" (90098), which the pool does not take for a broken
 * connection: each would have failed one more request, a read included, even once there was space
 * again. Dropped, the next connection opens the file again from its last write, so the server goes
 * on once there is space, without a restart.
 */
final class EmbeddedDatabaseClosed implements SQLExceptionOverride {
  /** H2's {@code ErrorCode.DATABASE_IS_CLOSED}. */
  static final int DATABASE_IS_CLOSED = 90098;

  private volatile HikariDataSource pool;

  /** Drops the connections of {@code pool} when one of them finds the database closed. */
  void watch(HikariDataSource pool) {
    this.pool = pool;
  }

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    if (e.getErrorCode() != DATABASE_IS_CLOSED && !DiskFull.causes(e)) {
      return Override.CONTINUE_EVICT;
    }
    HikariDataSource p = pool;
    if (p != null && p.getHikariPoolMXBean() != null) {
      // Connections in use are closed when they are given back.
      p.getHikariPoolMXBean().softEvictConnections();
    }
    return Override.MUST_EVICT;
  }
}
