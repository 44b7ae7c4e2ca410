package io.ward.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests written once and run on each database, every class on a store of its own. A test class
 * keeps its tests in an abstract subclass and runs them through two {@code @Nested} classes that
 * only name their database:
 *
 * <pre>
 * &#64;Nested class OnH2 extends Contract implements TestDatabase.H2 {}
 * &#64;Nested class OnPostgres extends Contract implements TestDatabase.Postgres {}
 * </pre>
 *
 * {@link #store} is open from before the first test of such a class to after its last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract implements TestDatabase {

  /** The class's store. */
  protected TestStore store;

  @BeforeAll
  protected final void openStore() throws Exception {
    store = newStore();
    seed();
  }

  /** Stores what every test of the class reads; nothing unless overridden. */
  protected void seed() throws Exception {}

  @AfterAll
  protected final void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }
}
