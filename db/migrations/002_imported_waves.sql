-- Waves from the years before tilfreds (issue 4): a municipality brings the aggregate
-- results of earlier surveys from another tool so that comparisons span them. Their
-- counts land in answer_count / respondent_count like any wave's; what has no invitee
-- rows to count from, the frame's dispositions, is kept here.
ALTER TABLE wave ADD COLUMN source TEXT NOT NULL DEFAULT 'fielded'
  CHECK (source IN ('fielded', 'imported'));

-- Invited / ineligible / undeliverable / answered of an imported wave, for the whole
-- wave (grp = '') and, when the import gave them, per benefit group.
CREATE TABLE imported_disposition (
  wave_id       INTEGER NOT NULL REFERENCES wave (id),
  grp           TEXT NOT NULL,
  invited       INTEGER NOT NULL CHECK (invited >= 0),
  ineligible    INTEGER NOT NULL CHECK (ineligible >= 0),
  undeliverable INTEGER NOT NULL CHECK (undeliverable >= 0),
  answered      INTEGER NOT NULL CHECK (answered >= 0),
  PRIMARY KEY (wave_id, grp)
) WITHOUT ROWID;
