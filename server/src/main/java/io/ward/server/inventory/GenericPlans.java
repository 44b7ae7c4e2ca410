package io.ward.server.inventory;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Asks PostgreSQL to plan the current transaction's prepared statements once, generically, rather
 * than for each parameter value: for statements whose best plan is the same whatever the value (by
 * a device's id) and whose planning costs more than running them. The opposite of {@link
 * ValuePlannedQueries}. Other databases are left alone.
 */
final class GenericPlans {
  private GenericPlans() {}

  /**
   * Forces generic plans until the transaction ends.
   *
   * @throws IllegalStateException when called outside a transaction (SET LOCAL would do nothing)
   */
  static void force(JdbcTemplate jdbc) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("generic plans are forced for a transaction; none is active");
    }
    jdbc.execute(
        (org.springframework.jdbc.core.ConnectionCallback<Void>)
            con -> {
              if (con.isWrapperFor(PGConnection.class)) {
                try (var st = con.createStatement()) {
                  st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                }
              }
              return null;
            });
  }
}
