-- The vendor filter compares LOWER(vendor): an expression index (riskiest first within a vendor)
-- serves it, as the composite indexes of V202611282200 serve the other filters.
CREATE INDEX device_vendor_lower_risk_idx ON device (LOWER(vendor), risk_score, id);

-- Free-text search is a case-insensitive substring match (LIKE '%word%') on search_text: a
-- trigram index finds the devices of a host name, serial, MAC or model without reading every
-- row. pg_trgm ships with PostgreSQL and is a trusted extension. It is installed once per
-- database, in public, so that dropping one Ward schema (tests use one each) never drops it
-- under another; where it cannot be installed, search still works, only slower.
DO $$
DECLARE
  trgm_schema name;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION pg_trgm SCHEMA public;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
      RAISE WARNING 'pg_trgm not available (%): free-text search runs without its index', SQLERRM;
      RETURN;
    END;
  END IF;
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  EXECUTE format(
    'CREATE INDEX device_search_trgm_idx ON device USING gin (search_text %I.gin_trgm_ops)',
    trgm_schema);
END
$$;
