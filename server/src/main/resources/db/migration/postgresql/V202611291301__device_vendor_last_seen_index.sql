-- A maker's devices by last sighting, as V202611291300 does for a category. Without it, the
-- search walked the last-seen index through every other maker's devices (13 ms at 100k devices).
CREATE INDEX device_vendor_lower_last_seen_idx ON device (LOWER(vendor), last_seen, id);
