-- CISA's KEV due date of a finding's CVE (KEV "dueDate"), as the exposure analysis gives it;
-- NULL when the CVE is not in KEV or CISA set no date. A remediation record opened without a
-- date of its own is due no later than this (RemediationPolicy.due with the KEV date).
ALTER TABLE finding ADD COLUMN kev_due_date DATE;
