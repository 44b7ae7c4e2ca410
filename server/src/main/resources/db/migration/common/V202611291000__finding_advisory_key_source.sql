-- Findings named their advisory by its bare id (ICSMA-24-1) while the advisory table keys it by
-- source and id (csaf|ICSMA-24-1), so the advisory pages and group remediations found none of an
-- imported advisory's findings. Qualify the stored findings as the refresher now does; when two
-- sources carry the id, the smaller key, as AdvisoryKeys.byId picks. The prefixes are the
-- AdvisorySource names in lower case, listed so the unique index on advisory_key is used. Findings
-- of recalls and of end of life match no advisory row and keep their keys.
UPDATE finding SET advisory_key = (
    SELECT MIN(a.advisory_key) FROM advisory a
    WHERE a.advisory_key IN ('csaf|' || finding.advisory_key, 'nvd|' || finding.advisory_key,
        'cve5|' || finding.advisory_key, 'cyclonedx_vex|' || finding.advisory_key,
        'other|' || finding.advisory_key))
  WHERE EXISTS (
    SELECT 1 FROM advisory a
    WHERE a.advisory_key IN ('csaf|' || finding.advisory_key, 'nvd|' || finding.advisory_key,
        'cve5|' || finding.advisory_key, 'cyclonedx_vex|' || finding.advisory_key,
        'other|' || finding.advisory_key));
