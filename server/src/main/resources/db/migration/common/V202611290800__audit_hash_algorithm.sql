-- Which function made each audit entry's hash: 'sha256' (plain, recomputable by anyone who can
-- write to the database) for the entries written so far, 'hmac-sha256' under the audit key kept in
-- the data directory (audit.key) from then on. "ward audit verify" refuses an entry stored as
-- 'sha256' at or after the first entry the key covers (a downgrade).
-- Adding a column with a default rewrites no row through UPDATE, so the append-only triggers stay.
ALTER TABLE audit_log ADD COLUMN hash_alg VARCHAR(16) DEFAULT 'sha256' NOT NULL;
