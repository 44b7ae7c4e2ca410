-- The software seen running on a device (DICOM toolkits, PACS servers, integration engines, the
-- product an HL7 SFT segment names), apart from the hardware's vendor and model: a Dell server
-- running Orthanc is vendor Dell with software "Orthanc project Orthanc". Two columns, as the
-- other lists of a device are kept in its row:
--   software        the items as a JSON array of {vendor, product, version, source, observed,
--                   fingerprint, confidence}, for the API and for matching advisories;
--   software_names  "vendor product version" of each item, comma-separated as ae_titles are, for
--                   the free-text search (search_text) and for SQL that remakes it.
-- Devices stored before this have no software until a capture sees them again.
ALTER TABLE device ADD COLUMN software VARCHAR(8000) NOT NULL DEFAULT '';
ALTER TABLE device ADD COLUMN software_names VARCHAR(2000) NOT NULL DEFAULT '';
