-- Which transactions wrote the device table. DeviceSearchIndex answers free-text searches from a
-- copy of the devices' search texts in the server's memory, labelled with the PostgreSQL snapshot
-- it was read in; before each use it asks whether a transaction not visible in that snapshot has
-- since written devices, here. One row per writing transaction (the trigger runs per statement and
-- records the transaction once), so a batch of updates adds one row, and no writer waits for
-- another: rows are only inserted, each transaction its own. DeviceSearchIndex deletes the rows
-- every snapshot in use already sees.
CREATE TABLE device_write (xid xid8 PRIMARY KEY);

CREATE FUNCTION device_write_record() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  -- A transaction-local setting remembers the schema this transaction was last recorded in (one
  -- transaction may write the devices of several Ward schemas); a rolled-back savepoint rolls it
  -- back with the row.
  IF current_setting('ward.device_write', true) IS DISTINCT FROM TG_TABLE_SCHEMA THEN
    INSERT INTO device_write (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    PERFORM set_config('ward.device_write', TG_TABLE_SCHEMA, true);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER device_write_recorded
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON device
  FOR EACH STATEMENT EXECUTE FUNCTION device_write_record();
