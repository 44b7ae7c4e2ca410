-- Stored internet-host devices (key ip:..., no MAC) that capture ingest kept as devices although a
-- capture showed their address as an external endpoint, for the work people attached to them
-- (remediation records, CMDB data, open findings, rows of other tables; see
-- ExternalEndpointReconciler and AttachedWork), with that work as it was when they were kept. A
-- later capture that shows the address again names the device in its job message, and audits
-- device.keep, only when the work differs from what is recorded here: the decision is announced
-- once, not at every capture. A device moved to its endpoint later takes its row with it
-- (DeviceRemover); one found clinical later loses it.
--
-- work: the kinds of work, AttachedWork.Kind names, sorted and comma-separated.
CREATE TABLE kept_internet_host (
  device_id BIGINT NOT NULL PRIMARY KEY REFERENCES device (id),
  work VARCHAR(200) NOT NULL,
  capture_id BIGINT NOT NULL REFERENCES capture (id),
  kept_at TIMESTAMP WITH TIME ZONE NOT NULL
);
