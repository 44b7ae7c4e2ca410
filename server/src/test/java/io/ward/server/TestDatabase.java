package io.ward.server;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The database a {@link StoreContract} runs on, named by the interface its test class implements.
 */
public interface TestDatabase {

  /** A new store on this database; a test that opens one of its own closes it. */
  TestStore newStore() throws Exception;

  /** An in-memory H2 database. */
  interface H2 extends TestDatabase {
    @Override
    default TestStore newStore() throws Exception {
      return TestStore.h2();
    }
  }

  /**
   * A new schema in the test PostgreSQL, only when {@code WARD_TEST_POSTGRES=1}; then an
   * unreachable server fails the tests rather than skipping them.
   */
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  interface Postgres extends TestDatabase {
    @Override
    default TestStore newStore() throws Exception {
      return TestStore.postgres();
    }
  }
}
