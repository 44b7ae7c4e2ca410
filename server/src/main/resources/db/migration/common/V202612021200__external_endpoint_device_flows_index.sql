-- Each endpoint of a listed page names its busiest devices: ExternalEndpointQueries ranks the
-- page's links with ROW_NUMBER() OVER (PARTITION BY endpoint_id ORDER BY flows DESC, device_id).
-- This index holds each endpoint's links in that order, so the ranking reads them in order instead
-- of sorting every link of the page's endpoints (tens of thousands for a cloud service that every
-- workstation reaches), which spills to disk on PostgreSQL.
CREATE INDEX external_endpoint_device_flows_idx
  ON external_endpoint_device (endpoint_id, flows DESC, device_id);
