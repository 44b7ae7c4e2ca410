-- Why a remediation's due date is what it is: empty when a person typed it, else the remediation
-- policy's reason (e.g. "policy: in CISA KEV, 15 days"), so the board can tell a deadline Ward
-- derived from the findings from one someone agreed on. Empty text is '' (absent), as elsewhere.
ALTER TABLE remediation ADD COLUMN due_basis VARCHAR(200) DEFAULT '' NOT NULL;
