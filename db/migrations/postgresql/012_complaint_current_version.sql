-- The complaint list's current rows without a correlated MAX(version) per row
-- (issue 11: on /klager that subquery was a third of the page's cost).
-- complaint.current_version is the complaint's newest version, written by the store
-- in the same transaction as each new version (db/complaint_store.cpp); the view
-- keeps its name and columns, so every reader stays as it was.
ALTER TABLE complaint ADD COLUMN current_version BIGINT;
UPDATE complaint SET current_version =
  (SELECT MAX(version) FROM complaint_version v WHERE v.complaint_id = complaint.id);

DROP VIEW complaint_current;
CREATE VIEW complaint_current AS
  SELECT c.id, c.receipt, c.created_at, c.anonymised, v.*
  FROM complaint c
  JOIN complaint_version v ON v.complaint_id = c.id AND v.version = c.current_version;
