-- Anonymity against a copy of the database file (issue 10 §1).
--
-- 1. A completed invitee keeps only what fieldwork needs: reference, keyed hashes,
--    status, completion day. Its group and background moved to the response when it
--    submitted (the response row has carried them since 001), so a join of invitee
--    and response can do no better than pick among a wave's completers.
-- 2. Response rates per group and background value therefore come from counters,
--    maintained in the same transaction as the import, the marking and the
--    submission, never from a join or a GROUP BY over invitees.
-- 3. Tokens and codes are HMAC-SHA-256 with a key kept in a file beside, not in, the
--    database; `key_check` lets a start-up tell a wrong or missing key file from a
--    right one. Rows imported before this migration keep their unkeyed SHA-256
--    (hash_kind 'sha256': their letters are out and cannot be re-keyed without
--    the plain tokens); every new row is 'hmac'.

ALTER TABLE invitee ADD COLUMN hash_kind TEXT NOT NULL DEFAULT 'sha256'
  CHECK (hash_kind IN ('sha256', 'hmac'));
-- The token and the code sealed with a key derived from the key file (crypto_secretbox),
-- so letters and reminders can be made again; NULL for rows from before this migration.
ALTER TABLE invitee ADD COLUMN token_sealed BLOB;
ALTER TABLE invitee ADD COLUMN code_sealed BLOB;

-- Invitees of a wave now in `status`, per dimension value: dim 'all' (value '') is
-- the whole wave, dim 'group' the benefit group, any other dim a background column
-- of the frame, exactly as in respondent_count.
CREATE TABLE invitee_count (
  wave_id   INTEGER NOT NULL REFERENCES wave (id),
  dim       TEXT NOT NULL,
  dim_value TEXT NOT NULL,
  status    TEXT NOT NULL
            CHECK (status IN ('invited', 'opened', 'partial', 'completed',
                              'ineligible', 'undeliverable')),
  n         INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (wave_id, dim, dim_value, status)
) WITHOUT ROWID;

INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)
  SELECT wave_id, 'all', '', status, count(*) FROM invitee GROUP BY wave_id, status;
INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)
  SELECT wave_id, 'group', grp, status, count(*) FROM invitee GROUP BY wave_id, grp, status;
-- A background column named like a built-in dimension adds to it rather than failing
-- the migration, as a submission's respondent_count does.
INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)
  SELECT i.wave_id, j.key, j.value, i.status, count(*)
  FROM invitee i, json_each(i.background) j
  WHERE j.type = 'text'
  GROUP BY i.wave_id, j.key, j.value, i.status
  ON CONFLICT DO UPDATE SET n = n + excluded.n;

-- The erasure the submission now does, for those who completed before it did.
UPDATE invitee SET grp = '', background = '{}' WHERE status = 'completed';

-- One row the writer changes right after emptying the journal: the first frame of a new
-- -wal makes SQLite clear the -shm's page index, which would otherwise keep the page
-- numbers the last submission's commit wrote (which invitee page, which response page).
CREATE TABLE journal_pad (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO journal_pad VALUES (1, 0);

-- One row: HMAC of a fixed label under the key file's key.
CREATE TABLE key_check (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  mac BLOB NOT NULL
);
