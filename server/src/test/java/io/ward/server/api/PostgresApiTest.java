package io.ward.server.api;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The REST API on PostgreSQL, when {@code WARD_TEST_POSTGRES=1} (CI sets it; an unreachable server
 * then fails the tests).
 */
@EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
class PostgresApiTest extends ApiContract {
  @Override
  boolean postgres() {
    return true;
  }
}
