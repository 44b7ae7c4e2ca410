-- The audit key appends must use: the first entry of its range, set by `ward audit new-key`, and
-- the key's fingerprint (an HMAC of a fixed text under it, which says nothing of the key); both
-- null for the data directory's first key. A process holding an older key, or a key of a
-- replacement that rolled back, rereads the key file when the head names another.
ALTER TABLE audit_head ADD COLUMN key_from_seq BIGINT;
ALTER TABLE audit_head ADD COLUMN key_id VARCHAR(64);
