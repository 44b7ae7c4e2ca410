-- Inventory searches at 100k devices filter by one column and list the riskiest first (the
-- default order): with the filter column first and (risk_score, id) after it, the first page and
-- the next ones by cursor read only the rows they show, however rare the value is. Without them
-- a rare category, criticality or site made PostgreSQL walk the risk index past most devices.
CREATE INDEX device_category_risk_idx ON device (category, risk_score, id);
CREATE INDEX device_criticality_risk_idx ON device (criticality_rank, risk_score, id);
CREATE INDEX device_site_risk_idx ON device (site_id, risk_score, id);
