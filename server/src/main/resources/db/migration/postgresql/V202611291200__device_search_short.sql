-- Free-text search ordered by risk (the inventory's default) walks the risk order and tests each
-- device's texts until it has a page. A common word held mostly by low-risk devices (a workstation
-- maker) made that walk fetch some 17,000 table rows at random: 20-30 ms. With the texts in the
-- index the walk is an index-only scan (7 ms). A B-tree entry holds at most about 2,700 bytes and a
-- device's addresses can outgrow that (V202611291100), so only devices whose texts are short are in
-- this index; the few others are found through the second, small index, and DeviceQueryService
-- searches both sets and merges them.
ALTER TABLE device ADD COLUMN search_short BOOLEAN
  GENERATED ALWAYS AS (octet_length(search_text) + octet_length(search_addresses) <= 2000) STORED;
CREATE INDEX device_risk_text_idx ON device (risk_score, id)
  INCLUDE (search_text, search_addresses) WHERE search_short;
CREATE INDEX device_search_long_idx ON device (risk_score, id) WHERE NOT search_short;
