-- A category's devices by last sighting ("which infusion pumps have we not seen lately"): the
-- search orders by category first (a range of one value), so this index gives the page in order
-- instead of walking every device's last sighting.
CREATE INDEX device_category_last_seen_idx ON device (category, last_seen, id);
