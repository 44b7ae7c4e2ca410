package io.ward.server.inventory;

import io.ward.server.config.Databases;
import io.ward.server.config.WardProperties;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs statements that PostgreSQL plans once, generically, rather than for each parameter value:
 * for statements whose best plan is the same whatever the value (a device's id) and whose planning
 * costs more than running them. The opposite of {@link ValuePlannedQueries}. H2 plans as it always
 * does. ({@code plan_cache_mode} came with PostgreSQL 12; Ward's PostgreSQL migrations already need
 * 13, for {@code xid8}.)
 */
@Component
class GenericPlans {
  private final JdbcTemplate jdbc;
  private final boolean postgres;

  GenericPlans(WardProperties properties, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.postgres = properties.db().kind() == Databases.POSTGRESQL;
  }

  /**
   * Runs {@code body} with generic plans, then sets the planning back for the rest of the
   * transaction (a caller's outer transaction may run value-planned searches after it).
   *
   * @throws IllegalStateException when called outside a transaction (SET LOCAL would do nothing)
   */
  <T> T run(Supplier<T> body) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("generic plans are forced for a transaction; none is active");
    }
    if (!postgres) {
      return body.get();
    }
    jdbc.execute("SET LOCAL plan_cache_mode TO force_generic_plan");
    T result = body.get();
    // Not in a finally: after a failed statement PostgreSQL refuses every statement until the
    // transaction ends, and the end of the transaction resets the mode anyway.
    jdbc.execute("SET LOCAL plan_cache_mode TO DEFAULT");
    return result;
  }
}
