package io.ward.server;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostgreSQL trigger that refuses to store one kind of audit entry about one target, as a full
 * disk or a dropped connection would refuse it: for tests that a change and its audit entry are
 * stored together or not at all. Only entries with that action and target fail, so other work on
 * the same database goes on. Dropped on close.
 */
public final class RefusedAuditEntry implements AutoCloseable {
  /** The error the trigger raises. */
  public static final String MESSAGE = "audit entry refused by the test";

  private final JdbcClient jdbc;
  private final String name;

  private RefusedAuditEntry(JdbcClient jdbc, String name) {
    this.jdbc = jdbc;
    this.name = name;
  }

  /** Refuses, from now until closed, every audit entry with this action and target. */
  public static RefusedAuditEntry of(JdbcClient jdbc, String action, String target) {
    String name = "ward_test_refuse_" + UUID.randomUUID().toString().replace("-", "");
    jdbc.sql(
            "CREATE FUNCTION "
                + name
                + "() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '"
                + MESSAGE
                + "'; END; $$ LANGUAGE plpgsql")
        .update();
    jdbc.sql(
            "CREATE TRIGGER "
                + name
                + " BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = "
                + literal(action)
                + " AND NEW.target = "
                + literal(target)
                + ") EXECUTE FUNCTION "
                + name
                + "()")
        .update();
    return new RefusedAuditEntry(jdbc, name);
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @Override
  public void close() {
    jdbc.sql("DROP TRIGGER " + name + " ON audit_log").update();
    jdbc.sql("DROP FUNCTION " + name + "()").update();
  }
}
