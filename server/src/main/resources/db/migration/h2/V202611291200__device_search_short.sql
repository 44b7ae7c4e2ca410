-- Whether a device's search texts are short enough for an index entry (see the PostgreSQL
-- migration of the same version, which indexes them; H2 only needs the column, so that one query
-- serves both databases).
ALTER TABLE device ADD COLUMN search_short BOOLEAN
  GENERATED ALWAYS AS (OCTET_LENGTH(search_text) + OCTET_LENGTH(search_addresses) <= 2000);
