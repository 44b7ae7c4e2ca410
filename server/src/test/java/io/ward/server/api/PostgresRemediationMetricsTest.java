package io.ward.server.api;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The remediation programme's metrics on PostgreSQL, when {@code WARD_TEST_POSTGRES=1} (CI sets it;
 * an unreachable server then fails the tests).
 */
@EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
class PostgresRemediationMetricsTest extends RemediationMetricsContract {
  @Override
  boolean postgres() {
    return true;
  }
}
