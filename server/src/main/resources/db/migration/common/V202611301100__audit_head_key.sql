-- The audit key appends must use: the first entry of its range, set by `ward audit new-key`; null
-- for the data directory's first key. A process holding an older key rereads the key file when the
-- head names a range it does not hold, instead of hashing under a replaced key.
ALTER TABLE audit_head ADD COLUMN key_from_seq BIGINT;
