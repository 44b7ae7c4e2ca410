package io.ward.server.config;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes sure that what the database answered as committed is on its disk, for work that must know
 * before it goes on, such as a background job's outcome. PostgreSQL writes a commit before
 * answering it. The embedded H2 writes commits from a thread of its own, up to half a second later,
 * and a write that fails then (a full disk) loses them without telling whoever committed them:
 * {@code CHECKPOINT} writes them now, on the caller's thread, and fails as that write does.
 */
@Component
public class DurableCommits {
  private final JdbcClient jdbc;
  private final boolean embedded;

  DurableCommits(JdbcClient jdbc, WardProperties properties) {
    this.jdbc = jdbc;
    this.embedded = properties.db().kind() == Databases.H2;
  }

  /**
   * Returns once every change committed so far is on disk; throws what the database throws when it
   * cannot write them.
   */
  public void await() {
    if (embedded) {
      jdbc.sql("CHECKPOINT").update();
    }
  }
}
