-- What one server held in memory and every server of one database must see
-- (issue 17: any request can go to any server): the login limits and the staff
-- forms kept over a lost session. Used on PostgreSQL, where several servers share
-- the database; one SQLite file has one server, which keeps them in memory as
-- before (intake/staff/login_throttle.h, form_stash.h).

-- One row per attempt a sliding-window limit counts: kind 'address' (key: the
-- client address) or 'account' (key: the user name as typed).
CREATE TABLE limit_event (
  id    INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL,
  key   TEXT NOT NULL,
  at    INTEGER NOT NULL
);
CREATE INDEX limit_event_key ON limit_event (kind, key, at);
-- One row per (kind, key) counted: the row a count locks first, so that two
-- servers counting one key at once take turns (PostgreSQL's row lock until commit).
CREATE TABLE limit_key (
  kind  TEXT NOT NULL,
  key   TEXT NOT NULL,
  at    INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- Tries of one user name from one address, and when the next may come.
CREATE TABLE login_pair (
  name          TEXT NOT NULL,
  address       TEXT NOT NULL,
  attempts      INTEGER NOT NULL,
  next_allowed  INTEGER NOT NULL,
  last          INTEGER NOT NULL,
  PRIMARY KEY (name, address)
) WITHOUT ROWID;

-- The addresses a user logged in from (the newest few), exempt from the account limit.
CREATE TABLE login_address (
  name     TEXT NOT NULL,
  address  TEXT NOT NULL,
  at       INTEGER NOT NULL,
  PRIMARY KEY (name, address)
) WITHOUT ROWID;

-- A staff form kept when its session had ended (intake/staff/form_stash.h), until
-- its user logs in again in the browser that posted it (binding: the hash of that
-- browser's cookie) or the keep time passes. It may hold personal data that was
-- never stored: taken once (the row deleted), and gone after the keep time.
CREATE TABLE kept_form (
  id             TEXT PRIMARY KEY,
  binding        BLOB NOT NULL,
  path           TEXT NOT NULL,
  fields         TEXT NOT NULL,              -- JSON: [[name, value], ...]
  file_left_out  INTEGER NOT NULL,
  bytes          INTEGER NOT NULL,
  at             INTEGER NOT NULL            -- unix seconds
) WITHOUT ROWID;
