-- V202611290700 put the search texts in the risk index so that free-text search could test them
-- without reading the table. A B-tree entry holds at most about 2,700 bytes, and search_addresses
-- grows with every address a device has held (a DHCP client over months, a server with many
-- names): such a device would have made its ingest fail with "index row size exceeds maximum".
-- Back to the narrow index; free-text search still reads the page's ids before their rows and tries
-- the riskiest devices first for several words (DeviceQueryService).
DROP INDEX IF EXISTS device_risk_text_idx;
CREATE INDEX IF NOT EXISTS device_risk_idx ON device (risk_score, id);
