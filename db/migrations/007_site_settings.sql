-- The municipality's own site (issue 12): who runs it, how to call, where its
-- accessibility statement and privacy texts are. One row per key; a key without a
-- row is "not set", and the pages then leave its part out. Which keys exist and
-- what a valid value is, is decided by the application (intake/settings), not here:
-- a new key needs no migration.
CREATE TABLE site_setting (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  changed_at TEXT NOT NULL
) WITHOUT ROWID;

-- The idempotency key of a public complaint form: the form carries a random key,
-- and a second post of the same form (reload, double click, back and resend)
-- finds the complaint the first one stored instead of filing another. Old keys
-- are deleted as new ones arrive (a form is valid for hours, not days).
CREATE TABLE complaint_form_key (
  form_key     TEXT PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaint (id),
  created_at   INTEGER NOT NULL  -- unix seconds
) WITHOUT ROWID;
