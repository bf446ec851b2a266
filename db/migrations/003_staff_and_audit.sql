-- Staff accounts, their sessions and the audit log (issue 5).
-- Passwords are stored only as argon2id strings (crypto_pwhash_str), session ids
-- only as SHA-256. Users are never deleted (only disabled), so audit rows keep
-- pointing at a real user.

CREATE TABLE staff_user (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'secretary')),
  password_hash TEXT NOT NULL,          -- "$argon2id$v=19$m=…" from crypto_pwhash_str
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,  -- since the last success or lockout
  locked_until  INTEGER NOT NULL DEFAULT 0,  -- unix seconds; 0 = not locked
  created_at    TEXT NOT NULL              -- UTC ISO-8601
);

CREATE TABLE staff_session (
  id_hash         BLOB PRIMARY KEY,       -- SHA-256 of the tf_staff cookie value
  user_id         INTEGER NOT NULL REFERENCES staff_user (id),
  csrf            TEXT NOT NULL,
  expires_at      INTEGER NOT NULL,       -- unix seconds: absolute end (login + 8 h)
  idle_expires_at INTEGER NOT NULL        -- unix seconds: moved forward while in use
);
CREATE INDEX staff_session_user ON staff_session (user_id);

-- Who did what to which case, and when. `subject` is the key a citizen is found
-- by ("who looked at my case"); `detail` is JSON (before/after).
CREATE TABLE audit_event (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,               -- UTC ISO-8601, e.g. 2026-11-24T18:45:00.123Z
  actor_id   INTEGER REFERENCES staff_user (id),  -- NULL for the command line
  actor_name TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL DEFAULT '',
  subject    TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_entity ON audit_event (entity, entity_id);

-- The application can only add to the log.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
