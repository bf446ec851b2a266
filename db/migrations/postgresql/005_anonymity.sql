-- PostgreSQL's copy of ../005_anonymity.sql (the threat model is explained there).

ALTER TABLE invitee ADD COLUMN hash_kind TEXT NOT NULL DEFAULT 'sha256'
  CHECK (hash_kind IN ('sha256', 'hmac'));
ALTER TABLE invitee ADD COLUMN token_sealed BYTEA;
ALTER TABLE invitee ADD COLUMN code_sealed BYTEA;

CREATE TABLE invitee_count (
  wave_id   BIGINT NOT NULL REFERENCES wave (id),
  dim       TEXT NOT NULL,
  dim_value TEXT NOT NULL,
  status    TEXT NOT NULL
            CHECK (status IN ('invited', 'opened', 'partial', 'completed',
                              'ineligible', 'undeliverable')),
  n         BIGINT NOT NULL CHECK (n >= 0),
  PRIMARY KEY (wave_id, dim, dim_value, status)
);

INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)
  SELECT wave_id, 'all', '', status, count(*) FROM invitee GROUP BY wave_id, status;
INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)
  SELECT wave_id, 'group', grp, status, count(*) FROM invitee GROUP BY wave_id, grp, status;
INSERT INTO invitee_count (wave_id, dim, dim_value, status, n)
  SELECT i.wave_id, j.key, j.value #>> '{}', i.status, count(*)
  FROM invitee i, jsonb_each(CAST(i.background AS jsonb)) j
  WHERE jsonb_typeof(j.value) = 'string'
  GROUP BY i.wave_id, j.key, j.value #>> '{}', i.status
  ON CONFLICT (wave_id, dim, dim_value, status) DO UPDATE SET n = invitee_count.n + excluded.n;

UPDATE invitee SET grp = '', background = '{}' WHERE status = 'completed';

-- Only SQLite's writer writes it (database.h); kept so both schemas hold the same tables.
CREATE TABLE journal_pad (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  n  BIGINT NOT NULL
);
INSERT INTO journal_pad VALUES (1, 0);

CREATE TABLE key_check (
  id  BIGINT PRIMARY KEY CHECK (id = 1),
  mac BYTEA NOT NULL
);
