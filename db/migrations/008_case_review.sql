-- Case review (ledelsestilsyn) and action plans (issue 15): areas with their risk
-- level and frequency, versioned review schemes, reviews per area and period, the
-- sampled cases and their results per control point, the counts reports read, and
-- action plans whose status history is only ever added to.

-- A fourth staff role, reviewer (kvalitetskoordinator). SQLite cannot change a
-- CHECK in place: the table is rebuilt (migrate() turns foreign keys off around
-- it and checks them before the commit).
CREATE TABLE staff_user_new (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'secretary', 'reviewer')),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
INSERT INTO staff_user_new (id, name, role, password_hash, active, failed_logins, locked_until, created_at)
  SELECT id, name, role, password_hash, active, failed_logins, locked_until, created_at FROM staff_user;
DROP TABLE staff_user;
ALTER TABLE staff_user_new RENAME TO staff_user;

CREATE TABLE review_area (
  id          TEXT PRIMARY KEY,            -- "jobcenter": as commands and URLs name it
  name        TEXT NOT NULL,
  risk        TEXT NOT NULL CHECK (risk IN ('overvaagning', 'tilsyn', 'intensiveret')),
  frequency   TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'halfyearly', 'yearly')),
  sample_size INTEGER CHECK (sample_size IS NULL OR sample_size > 0),  -- cases per group per review
  green_from  INTEGER NOT NULL DEFAULT 95,  -- light thresholds in whole percents of correct cases
  yellow_from INTEGER NOT NULL DEFAULT 75,
  CHECK (0 <= yellow_from AND yellow_from <= green_from AND green_from <= 100)
);

-- A scheme version's groups and control points as JSON, validated by intake.
CREATE TABLE review_scheme (
  area_id     TEXT NOT NULL REFERENCES review_area (id),
  version     INTEGER NOT NULL,
  valid_from  TEXT NOT NULL,               -- ISO date
  definition  TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (area_id, version)
);

CREATE TABLE review (
  id             INTEGER PRIMARY KEY,
  area_id        TEXT NOT NULL REFERENCES review_area (id),
  period         TEXT NOT NULL,            -- 2024Q3, 2024H2, 2024-09
  review_date    TEXT NOT NULL,            -- the day the 12 months of new/old count back from
  scheme_version INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (area_id, period),
  FOREIGN KEY (area_id, scheme_version) REFERENCES review_scheme (area_id, version)
);

-- A random draw from an uploaded list: the seed and the list's digest let the
-- draw be repeated in front of an auditor.
CREATE TABLE review_sample (
  id          INTEGER PRIMARY KEY,
  review_id   INTEGER NOT NULL REFERENCES review (id),
  group_id    TEXT NOT NULL,
  seed        INTEGER NOT NULL,
  population  INTEGER NOT NULL,
  size        INTEGER NOT NULL CHECK (size > 0 AND size <= population),
  list_digest TEXT NOT NULL,               -- SHA-256 (hex) of the references, sorted, one a line
  drawn_at    TEXT NOT NULL,
  drawn_by    TEXT NOT NULL,
  UNIQUE (review_id, group_id)
);

-- case_ref is personal data (it finds a citizen's case): only reviewers and
-- admins read it, every read is audited, `review anonymise` sets it NULL.
CREATE TABLE review_case (
  id        INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES review (id),
  group_id  TEXT NOT NULL,
  position  INTEGER NOT NULL,              -- order of the draw or the file
  case_ref  TEXT,
  done      INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  UNIQUE (review_id, group_id, case_ref)
);
CREATE INDEX review_case_review ON review_case (review_id, group_id, position);

CREATE TABLE review_result (
  case_id       INTEGER NOT NULL REFERENCES review_case (id),
  control_point TEXT NOT NULL,
  result        TEXT NOT NULL CHECK (result IN ('ok', 'fejl', 'ikke_relevant')),
  error_age     TEXT CHECK (error_age IN ('ny', 'gammel')),  -- the rule's outcome, for errors only
  act_date      TEXT,                      -- as recorded, so the rule can be shown
  reproduced    INTEGER CHECK (reproduced IN (0, 1)),
  PRIMARY KEY (case_id, control_point),
  CHECK ((result = 'fejl') = (error_age IS NOT NULL))
);

-- What reports read: refreshed in the transaction that changes a review's
-- results, so a report's cost does not grow with the number of cases.
CREATE TABLE review_group_count (
  review_id     INTEGER NOT NULL REFERENCES review (id),
  group_id      TEXT NOT NULL,
  cases         INTEGER NOT NULL,
  correct_cases INTEGER NOT NULL,
  PRIMARY KEY (review_id, group_id)
);
CREATE TABLE review_point_count (
  review_id     INTEGER NOT NULL REFERENCES review (id),
  group_id      TEXT NOT NULL,
  control_point TEXT NOT NULL,
  checked       INTEGER NOT NULL,          -- ok or fejl (not "ikke relevant")
  errors        INTEGER NOT NULL,
  new_errors    INTEGER NOT NULL,
  old_errors    INTEGER NOT NULL,
  PRIMARY KEY (review_id, group_id, control_point)
);

CREATE TABLE review_action (
  id             INTEGER PRIMARY KEY,
  area_id        TEXT NOT NULL REFERENCES review_area (id),
  period         TEXT NOT NULL,            -- the review period the plan answers
  number         TEXT NOT NULL,            -- "1", "2a": as the committee numbers them
  position       INTEGER NOT NULL,
  theme          TEXT NOT NULL,
  text           TEXT NOT NULL,
  control_points TEXT NOT NULL DEFAULT '', -- ids, comma-separated
  owner          TEXT NOT NULL DEFAULT '',
  expected       TEXT NOT NULL DEFAULT '', -- expected completion, as written ("Q4 2024", a date)
  UNIQUE (area_id, period, number)
);

-- Status per period; a new row for every change, so the history stays.
CREATE TABLE review_action_status (
  id          INTEGER PRIMARY KEY,
  action_id   INTEGER NOT NULL REFERENCES review_action (id),
  period      TEXT NOT NULL,
  status_text TEXT NOT NULL,
  colour      TEXT NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX review_action_status_action ON review_action_status (action_id, period, id);
CREATE TRIGGER review_action_status_no_update BEFORE UPDATE ON review_action_status
BEGIN
  SELECT RAISE(ABORT, 'the status history cannot be changed');
END;
