package io.ward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which database failures are a full disk: PostgreSQL's error as its JDBC driver reports it (built
 * from the fields of the server's error message) and as Spring's translator for PostgreSQL wraps
 * it, alone or behind a JDBC batch; only SQLSTATE 53100 of the insufficient-resources class. The
 * whole path, on a PostgreSQL whose disk is really full, is {@link PostgresDiskFullTest}'s.
 */
class DiskFullTest {
  private static final SQLErrorCodeSQLExceptionTranslator POSTGRES =
      new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

  /** PostgreSQL's error as the driver reads it off the wire: severity, SQLSTATE, message. */
  private static PSQLException postgres(String sqlState, String message) {
    return new PSQLException(
        new ServerErrorMessage("SERROR\0VERROR\0C" + sqlState + "\0M" + message + "\0"));
  }

  private static DataAccessException translated(SQLException e) {
    return POSTGRES.translate("merge", "INSERT INTO device VALUES (?)", e);
  }

  @Test
  void shouldTakePostgresDiskFullForAFullDatabaseBehindSpringsWrapper() {
    PSQLException full =
        postgres(
            "53100",
            "could not extend file \"pg_tblspc/16387/PG_15_202209061/16388/16389\": No space left"
                + " on device");
    assertThat(DiskFull.inDatabase(full)).isTrue();
    assertThat(DiskFull.inDatabase(translated(full))).isTrue();
    assertThat(DiskFull.inDatabase(new RuntimeException("merge failed", translated(full))))
        .isTrue();
  }

  @Test
  void shouldTakePostgresDiskFullReportedAsTheNextExceptionOfABatch() {
    BatchUpdateException batch =
        new BatchUpdateException("Batch entry 0 INSERT INTO flow_hour was aborted", new int[0]);
    batch.setNextException(postgres("53100", "could not extend file \"base/16388/16420\""));
    assertThat(DiskFull.inDatabase(translated(batch))).isTrue();
  }

  @Test
  void shouldTakePostgresDiskFullHiddenBehindAFailedRollback() {
    TransactionSystemException rollback =
        new TransactionSystemException("could not roll back: connection closed");
    rollback.initApplicationException(
        translated(postgres("53100", "could not extend file \"base/16388/16420\"")));
    assertThat(DiskFull.inDatabase(rollback)).isTrue();
  }

  @Test
  void shouldNotTakeOtherInsufficientResourcesForAFullDisk() {
    for (String state : new String[] {"53000", "53200", "53300", "53400"}) {
      PSQLException other = postgres(state, "out of memory");
      assertThat(DiskFull.inDatabase(other)).as(state).isFalse();
      assertThat(DiskFull.inDatabase(translated(other))).as(state).isFalse();
    }
  }

  @Test
  void shouldTakeAnEmbeddedDatabaseWriteRefusedForLackOfSpaceButNotAFullUploadDisk() {
    IOException noSpace = new IOException("No space left on device");
    assertThat(DiskFull.inDatabase(new SQLException("General error", "HY000", noSpace))).isTrue();
    assertThat(DiskFull.inDatabase(new java.io.UncheckedIOException(noSpace))).isFalse();
    assertThat(DiskFull.causes(new java.io.UncheckedIOException(noSpace))).isTrue();
  }
}
