-- The quality of the offers per half-year (issue 16): the external supervisor's
-- smiley, the effect (citizens in work or education after the offer), the age of
-- the citizens, the municipality's targets, and who may enter supervision ratings.
-- Everything here is counts or a supervisor's judgement of an offer: no citizen
-- is named anywhere. Ratings are a chain of versions (the highest is current),
-- so a correction never erases what the committee was shown.

CREATE TABLE offer_rating_version (
  offer_id        INTEGER NOT NULL REFERENCES offer (id),
  period          TEXT NOT NULL,                   -- "2026H1"
  version         INTEGER NOT NULL CHECK (version >= 1),
  smiley          TEXT NOT NULL CHECK (smiley IN ('glad', 'neutral', 'sur')),
  visited_on      TEXT NOT NULL,                   -- ISO date of the visit
  supervisor      TEXT NOT NULL,                   -- who visited (a firm or a person)
  summary         TEXT NOT NULL DEFAULT '',
  changed_at      TEXT NOT NULL,                   -- UTC ISO-8601
  changed_by      INTEGER REFERENCES staff_user (id),  -- NULL: the command line
  changed_by_name TEXT NOT NULL,
  PRIMARY KEY (offer_id, period, version)
) WITHOUT ROWID;

-- Citizens who ended the offer in the period and, some months later, were in work
-- or in education: counts from the municipality's own data, never people.
CREATE TABLE offer_effect (
  offer_id     INTEGER NOT NULL REFERENCES offer (id),
  period       TEXT NOT NULL,
  ended        INTEGER NOT NULL CHECK (ended >= 0),
  in_work      INTEGER NOT NULL CHECK (in_work >= 0),
  in_education INTEGER NOT NULL CHECK (in_education >= 0),
  CHECK (in_work + in_education <= ended),
  PRIMARY KEY (offer_id, period)
) WITHOUT ROWID;

-- The citizens of offer_citizens by age band; the bands add up to them.
CREATE TABLE offer_age (
  offer_id    INTEGER NOT NULL REFERENCES offer (id),
  period      TEXT NOT NULL,
  under_30    INTEGER NOT NULL CHECK (under_30 >= 0),
  age_30_49   INTEGER NOT NULL CHECK (age_30_49 >= 0),
  age_50_plus INTEGER NOT NULL CHECK (age_50_plus >= 0),
  PRIMARY KEY (offer_id, period)
) WITHOUT ROWID;

-- The municipality's target per column of the overview, whole percents: green
-- from green_from, yellow from yellow_from, red below. A column without a row
-- uses the built-in default where there is one, else shows no light.
CREATE TABLE offer_target (
  column_name TEXT PRIMARY KEY CHECK (column_name IN ('satisfaction', 'not_upheld', 'effect')),
  green_from  INTEGER NOT NULL CHECK (green_from BETWEEN 0 AND 100),
  yellow_from INTEGER NOT NULL CHECK (yellow_from BETWEEN 0 AND 100),
  CHECK (yellow_from <= green_from)
) WITHOUT ROWID;

-- Permissions beside the role: 'supervisor' lets a user of any role enter the
-- supervision ratings (an admin may always). A table of its own, so adding one
-- does not rebuild staff_user (whose role CHECK other migrations extend).
CREATE TABLE staff_permission (
  user_id    INTEGER NOT NULL REFERENCES staff_user (id),
  permission TEXT NOT NULL CHECK (permission IN ('supervisor')),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, permission)
) WITHOUT ROWID;
