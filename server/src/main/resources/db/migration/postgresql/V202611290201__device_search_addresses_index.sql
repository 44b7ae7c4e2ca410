-- The trigram index of the addresses column (V202611290200), beside search_text's; where pg_trgm
-- could not be installed (V202611282201 warned), search works without it, only slower.
DO $$
DECLARE
  trgm_schema name;
BEGIN
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NULL THEN
    RAISE WARNING 'pg_trgm not available: address search runs without its index';
    RETURN;
  END IF;
  EXECUTE format(
    'CREATE INDEX device_search_addresses_trgm_idx ON device'
      || ' USING gin (search_addresses %I.gin_trgm_ops)',
    trgm_schema);
END
$$;
