-- PostgreSQL's copy of ../009_offer_quality.sql.

CREATE TABLE offer_rating_version (
  offer_id        BIGINT NOT NULL REFERENCES offer (id),
  period          TEXT NOT NULL,
  version         BIGINT NOT NULL CHECK (version >= 1),
  smiley          TEXT NOT NULL CHECK (smiley IN ('glad', 'neutral', 'sur')),
  visited_on      TEXT NOT NULL,
  supervisor      TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  changed_at      TEXT NOT NULL,
  changed_by      BIGINT REFERENCES staff_user (id),
  changed_by_name TEXT NOT NULL,
  PRIMARY KEY (offer_id, period, version)
);

CREATE TABLE offer_effect (
  offer_id     BIGINT NOT NULL REFERENCES offer (id),
  period       TEXT NOT NULL,
  ended        BIGINT NOT NULL CHECK (ended >= 0),
  in_work      BIGINT NOT NULL CHECK (in_work >= 0),
  in_education BIGINT NOT NULL CHECK (in_education >= 0),
  CHECK (in_work + in_education <= ended),
  PRIMARY KEY (offer_id, period)
);

CREATE TABLE offer_age (
  offer_id    BIGINT NOT NULL REFERENCES offer (id),
  period      TEXT NOT NULL,
  under_30    BIGINT NOT NULL CHECK (under_30 >= 0),
  age_30_49   BIGINT NOT NULL CHECK (age_30_49 >= 0),
  age_50_plus BIGINT NOT NULL CHECK (age_50_plus >= 0),
  PRIMARY KEY (offer_id, period)
);

CREATE TABLE offer_target (
  column_name TEXT PRIMARY KEY CHECK (column_name IN ('satisfaction', 'not_upheld', 'effect')),
  green_from  BIGINT NOT NULL CHECK (green_from BETWEEN 0 AND 100),
  yellow_from BIGINT NOT NULL CHECK (yellow_from BETWEEN 0 AND 100),
  CHECK (yellow_from <= green_from)
);

CREATE TABLE staff_permission (
  user_id    BIGINT NOT NULL REFERENCES staff_user (id),
  permission TEXT NOT NULL CHECK (permission IN ('supervisor')),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, permission)
);
