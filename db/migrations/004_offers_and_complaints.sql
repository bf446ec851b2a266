-- Offers, providers and complaints (issue 5).
-- Nothing a member of staff does deletes a row: a complaint is a chain of versions
-- (the highest is the current state), notes are appended. The only columns that
-- change in place are the personal ones (name, contact, text, note text), and only
-- when the retention command anonymises a closed complaint: statistics read the
-- other columns, which stay.

CREATE TABLE provider (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  external INTEGER NOT NULL CHECK (external IN (0, 1))  -- 0: the municipality's own centre
);

CREATE TABLE offer (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  provider_id   INTEGER NOT NULL REFERENCES provider (id),
  target_groups TEXT NOT NULL DEFAULT '',  -- comma-separated benefit group ids
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Citizens in an offer per period ("2026H1"), where the provider reports it.
CREATE TABLE offer_citizens (
  offer_id INTEGER NOT NULL REFERENCES offer (id),
  period   TEXT NOT NULL,
  citizens INTEGER NOT NULL CHECK (citizens >= 0),
  PRIMARY KEY (offer_id, period)
) WITHOUT ROWID;

-- The identity of a complaint. The receipt is shown to the citizen; it is random so
-- it says nothing about how many complaints there are, and it opens nothing.
CREATE TABLE complaint (
  id         INTEGER PRIMARY KEY,
  receipt    TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,           -- UTC, datetime('now')
  anonymised INTEGER NOT NULL DEFAULT 0 CHECK (anonymised IN (0, 1))
);

CREATE TABLE complaint_version (
  complaint_id   INTEGER NOT NULL REFERENCES complaint (id),
  version        INTEGER NOT NULL CHECK (version >= 1),
  changed_at     TEXT NOT NULL,
  changed_by     INTEGER,             -- staff_user id; NULL = the public form
  received_on    TEXT NOT NULL,       -- ISO date
  channel        TEXT NOT NULL,
  offer_id       INTEGER REFERENCES offer (id),
  unit           TEXT NOT NULL DEFAULT '',  -- a unit when no offer is concerned
  benefit_group  TEXT NOT NULL,
  categories     TEXT NOT NULL DEFAULT '',  -- comma-separated: realitet, formalitet, borgerservice
  status         TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'decided', 'closed')),
  assignee_id    INTEGER,
  deadline       TEXT NOT NULL,       -- ISO date: received_on + the handling time
  outcome        TEXT NOT NULL DEFAULT '',  -- upheld, partly_upheld, not_upheld, rejected, withdrawn
  decided_on     TEXT,
  forwarded_to   TEXT NOT NULL DEFAULT '',  -- ankestyrelsen, borgerraadgiver
  forwarded_on   TEXT,
  forward_result TEXT NOT NULL DEFAULT '',  -- the same outcomes, from the body forwarded to
  -- Personal data: cleared by anonymisation.
  citizen_name    TEXT,
  citizen_contact TEXT,
  text            TEXT,
  PRIMARY KEY (complaint_id, version)
) WITHOUT ROWID;
CREATE INDEX complaint_version_received ON complaint_version (received_on);

CREATE TABLE complaint_note (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaint (id),
  written_at   TEXT NOT NULL,
  author_id    INTEGER,
  text         TEXT                   -- personal data: cleared by anonymisation
);
CREATE INDEX complaint_note_complaint ON complaint_note (complaint_id);

-- The current state of every complaint: its highest version.
CREATE VIEW complaint_current AS
  SELECT c.id, c.receipt, c.created_at, c.anonymised, v.*
  FROM complaint c
  JOIN complaint_version v ON v.complaint_id = c.id
  WHERE v.version = (SELECT MAX(version) FROM complaint_version w WHERE w.complaint_id = c.id);
