package io.ward.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2 trigger that refuses every UPDATE and DELETE of the audit log (it is append-only). */
public final class AppendOnlyTrigger implements Trigger {

  /** Called by H2 when the trigger is created. */
  public AppendOnlyTrigger() {}

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("audit_log is append-only");
  }
}
