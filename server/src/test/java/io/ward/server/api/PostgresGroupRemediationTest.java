package io.ward.server.api;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Group remediation, findings filters and advisories on PostgreSQL, when {@code
 * WARD_TEST_POSTGRES=1}.
 */
@EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
class PostgresGroupRemediationTest extends GroupRemediationContract {
  @Override
  boolean postgres() {
    return true;
  }
}
