package io.ward.server.audit;

import io.ward.server.TestStore;
import java.util.List;

/** What the audit tests do to a store: write a few entries, and lift its guards as a forger. */
final class AuditForger {
  private AuditForger() {}

  /** Three entries by three users. */
  static List<AuditEntry> appendThree(AuditLog log) {
    return List.of(
        log.append("alice", "test.one", "thing:1", "first", "127.0.0.1"),
        log.append("bob", "test.two", "thing:2", "second", "127.0.0.2"),
        log.append("carol", "test.three", "thing:3", "third", "127.0.0.3"));
  }

  /**
   * Lifts the database's append-only guards, as an owner of the database can: the triggers on
   * PostgreSQL, the row triggers on H2.
   */
  static void liftGuards(TestStore s) {
    if (s.isPostgres()) {
      s.jdbc().sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
    } else {
      s.jdbc().sql("DROP TRIGGER IF EXISTS audit_log_no_update").update();
      s.jdbc().sql("DROP TRIGGER IF EXISTS audit_log_no_delete").update();
    }
  }
}
