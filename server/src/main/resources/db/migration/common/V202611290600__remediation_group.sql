-- A remediation record may cover a group: every open finding of one advisory or CVE across the
-- devices it affects, optionally only the devices of one vendor and model (and firmware). The
-- record keeps, in words, what the group was chosen by (e.g. "advisory csaf|ICSMA-24-1, vendor
-- Baxter, model Sigma Spectrum"), so the board can tell a group record from a hand-picked one and
-- a reader can see why these devices are together. Empty text is '' (not a group), as elsewhere.
ALTER TABLE remediation ADD COLUMN group_basis VARCHAR(300) DEFAULT '' NOT NULL;
-- The advisory page counts and lists the devices of one advisory; the findings filters search by
-- advisory and CVE.
CREATE INDEX finding_advisory_idx ON finding (advisory_key, status);
CREATE INDEX finding_vulnerability_idx ON finding (vulnerability, status);
