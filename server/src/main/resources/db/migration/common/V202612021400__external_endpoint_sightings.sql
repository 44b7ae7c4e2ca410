-- Which capture showed which external endpoint, and when: one row per endpoint and capture, as
-- device_sighting is for devices, so that the API and the console can say in how many captures an
-- internet host was seen (its flows, packets and bytes in external_endpoint are sums over them).
-- Each capture ingest adds a row for each endpoint it shows (ExternalEndpointSightings); a stale
-- internet-host device moved to its endpoint brings its device sightings along; an endpoint
-- removed because a device holds its address takes its rows with it.
--
-- Endpoints stored before this table have no rows: which captures showed them was not kept, so
-- they count from the next capture that shows them.
CREATE TABLE external_endpoint_sighting (
  endpoint_id BIGINT NOT NULL REFERENCES external_endpoint (id),
  capture_id BIGINT NOT NULL REFERENCES capture (id),
  first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (endpoint_id, capture_id)
);
