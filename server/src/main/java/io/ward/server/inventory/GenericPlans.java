package io.ward.server.inventory;

import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs statements that PostgreSQL plans once, generically, rather than for each parameter value:
 * for statements whose best plan is the same whatever the value (a device's id) and whose planning
 * costs more than running them. The opposite of {@link ValuePlannedQueries}. Other databases, and
 * PostgreSQL before 12 (no {@code plan_cache_mode}), plan as they always do.
 */
final class GenericPlans {
  private GenericPlans() {}

  /**
   * Runs {@code body} with generic plans, then sets the planning back for the rest of the
   * transaction (a caller's outer transaction may run value-planned searches after it).
   *
   * @throws IllegalStateException when called outside a transaction (SET LOCAL would do nothing)
   */
  static <T> T run(JdbcTemplate jdbc, Supplier<T> body) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("generic plans are forced for a transaction; none is active");
    }
    boolean forced = planCacheMode(jdbc, "force_generic_plan");
    T result = body.get();
    // Not in a finally: after a failed statement PostgreSQL refuses every statement until the
    // transaction ends, and the end of the transaction resets the mode anyway.
    if (forced) {
      planCacheMode(jdbc, "DEFAULT");
    }
    return result;
  }

  private static boolean planCacheMode(JdbcTemplate jdbc, String mode) {
    Boolean set =
        jdbc.execute(
            (ConnectionCallback<Boolean>)
                con -> {
                  if (!con.isWrapperFor(PGConnection.class)
                      || con.getMetaData().getDatabaseMajorVersion() < 12) {
                    return false;
                  }
                  try (var st = con.createStatement()) {
                    st.execute("SET LOCAL plan_cache_mode TO " + mode);
                  }
                  return true;
                });
    return Boolean.TRUE.equals(set);
  }
}
