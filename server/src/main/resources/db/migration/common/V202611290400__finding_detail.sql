-- What the exposure assessment says about a finding beyond its score, so the API and console carry
-- the same information as `ward vulns --json` (docs/findings-schema.md): the CVSS vector with its
-- base and clinical scores, KEV ransomware use, the SSVC inputs of the decision, and the
-- remediation options. Remediations are a JSON array of {kind, text, fixedVersion, url, source}:
-- they are only ever read with their finding, so a child table would buy nothing but joins.
-- Empty text is '' (absent) and an unknown score NULL, as elsewhere; rows stored before this
-- migration get the defaults until the next refresh re-assesses them.
ALTER TABLE finding ADD COLUMN cvss_vector VARCHAR(300) DEFAULT '' NOT NULL;
ALTER TABLE finding ADD COLUMN base_score DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN clinical_score DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN ransomware BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE finding ADD COLUMN exploitation VARCHAR(20) DEFAULT '' NOT NULL;
ALTER TABLE finding ADD COLUMN automatable BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE finding ADD COLUMN technical_impact VARCHAR(20) DEFAULT '' NOT NULL;
ALTER TABLE finding ADD COLUMN mission_wellbeing VARCHAR(20) DEFAULT '' NOT NULL;
ALTER TABLE finding ADD COLUMN remediations VARCHAR(100000) DEFAULT '[]' NOT NULL;
