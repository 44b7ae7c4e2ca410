-- A category's devices by last sighting ("which infusion pumps have we not seen lately"): with
-- the category fixed by the filter, this index gives the page in order instead of walking every
-- device's last sighting.
CREATE INDEX device_category_last_seen_idx ON device (category, last_seen, id);
