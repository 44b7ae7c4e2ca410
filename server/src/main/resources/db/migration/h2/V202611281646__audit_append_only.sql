-- The audit log is append-only: refuse UPDATE and DELETE at the database (H2 Java trigger).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  CALL 'io.ward.server.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  CALL 'io.ward.server.audit.AppendOnlyTrigger';
