-- A capture's idempotency key is its content: the SHA-256 of the capture bytes after gunzipping.
-- The upload's SHA-256 (sha256) differed for the same packets sent as .pcap and as .pcap.gz, or
-- gzip-compressed twice with other levels or headers, so their flows were summed into flow_hour
-- again. sha256 stays: the audit trail names the file as it was uploaded.
--
-- Rows already stored: an uncompressed capture's content is its upload, so its key is known. A
-- gzip capture's is not, and cannot be computed any more: its upload was deleted when its job ended
-- (captures hold patient data, which Ward does not keep). Those rows keep NULL (a unique index
-- admits many NULLs on both databases) and are still found by their upload hash, so the very same
-- .gz file sent again is "already ingested" as before; the same capture in another container is
-- not recognised against them.
ALTER TABLE capture ADD COLUMN content_sha256 CHAR(64);
UPDATE capture SET content_sha256 = sha256 WHERE gzip = FALSE;
CREATE UNIQUE INDEX capture_content_sha256_uq ON capture (content_sha256);
