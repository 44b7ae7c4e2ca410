-- Free-text search matches each typed word as a substring of the device's searchable text. The
-- addresses (device key, MAC, IPs, host names) move to a column of their own: a word never holds a
-- space, so it lies within one stored value and matches the whole text exactly when it matches one
-- of the two columns. Apart, each has its own trigram index (PostgreSQL, V202611290201), and an
-- address prefix such as "10.0.8." no longer draws thousands of candidates from firmware versions
-- and other dotted numbers elsewhere in the text, each read from the table and tested again.
ALTER TABLE device ADD COLUMN search_addresses VARCHAR(8000) NOT NULL DEFAULT '';

UPDATE device SET
  search_addresses = LEFT(LOWER(CONCAT_WS(' ', device_key, mac, REPLACE(ips, ',', ' '),
      REPLACE(hostnames, ',', ' '))), 8000),
  search_text = LEFT(LOWER(CONCAT_WS(' ', vendor, model, os, firmware, serial, category, modality,
      REPLACE(ae_titles, ',', ' '), REPLACE(hl7_applications, ',', ' '),
      REPLACE(protocols_client, ',', ' '), REPLACE(protocols_server, ',', ' '))), 8000);
