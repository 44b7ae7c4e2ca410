-- H2 fires no trigger on TRUNCATE, so the row triggers of V202611281646 cannot stop
-- "TRUNCATE TABLE audit_log". H2 does refuse to truncate a table that a foreign key references,
-- so this table (always empty) references the log to make TRUNCATE fail as UPDATE and DELETE do.
--
-- The limit of the embedded database: whoever can run SQL as its owner (or open its file) can
-- still drop these guards (SET REFERENTIAL_INTEGRITY FALSE, DROP TRIGGER) and rewrite the log.
-- That is not prevented, only detected: "ward audit verify" (GET /api/v1/audit/verify) walks the
-- hash chain, checks it ends at the head row, and reports a log emptied while users exist.
-- PostgreSQL refuses TRUNCATE with a statement trigger (db/migration/postgresql).
CREATE TABLE audit_log_truncate_guard (
  seq BIGINT NOT NULL REFERENCES audit_log (seq)
);
