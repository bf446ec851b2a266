-- Questionnaires, waves, invitees and the anonymous responses (issue 2).
-- Privacy rule (DESIGN.md): nothing in `response` or `answer_count` can be joined
-- back to `invitee`: no invitee id, no token, no date, no insertion order.

CREATE TABLE survey (
  id          TEXT NOT NULL,
  version     INTEGER NOT NULL,
  definition  TEXT NOT NULL,          -- the questionnaire JSON as imported
  imported_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE wave (
  id             INTEGER PRIMARY KEY,
  survey_id      TEXT NOT NULL,
  survey_version INTEGER NOT NULL,
  label          TEXT NOT NULL,
  opens          TEXT,                -- ISO date, inclusive; NULL = open from creation
  closes         TEXT,                -- ISO date, inclusive; NULL = never closes
  FOREIGN KEY (survey_id, survey_version) REFERENCES survey (id, version),
  UNIQUE (survey_id, label)
);

CREATE TABLE invitee (
  id             INTEGER PRIMARY KEY,
  wave_id        INTEGER NOT NULL REFERENCES wave (id),
  reference      TEXT NOT NULL,        -- the municipality's own key for mail merge
  grp            TEXT NOT NULL,        -- benefit group (ydelsesgruppe)
  background     TEXT NOT NULL DEFAULT '{}',  -- further frame columns as JSON
  token_hash     BLOB NOT NULL UNIQUE, -- SHA-256 of the 128-bit letter token
  code_hash      BLOB NOT NULL UNIQUE, -- SHA-256 of the normalised short code
  status         TEXT NOT NULL DEFAULT 'invited'
                 CHECK (status IN ('invited', 'opened', 'partial', 'completed',
                                   'ineligible', 'undeliverable')),
  completed_day  TEXT,                 -- fieldwork monitoring; the response has no date
  UNIQUE (wave_id, reference)
);
CREATE INDEX invitee_wave_status ON invitee (wave_id, status);

-- Answers so far, so a citizen can resume on any device; deleted at submission.
CREATE TABLE draft (
  invitee_id INTEGER PRIMARY KEY REFERENCES invitee (id),
  answers    TEXT NOT NULL,
  page       INTEGER NOT NULL
);

-- The letter link is exchanged for this short-lived cookie session (OWASP ASVS 3.1.1).
CREATE TABLE citizen_session (
  id_hash    BLOB PRIMARY KEY,
  invitee_id INTEGER NOT NULL REFERENCES invitee (id),
  csrf       TEXT NOT NULL,
  expires_at INTEGER NOT NULL          -- unix seconds
);
CREATE INDEX citizen_session_invitee ON citizen_session (invitee_id);

-- A submitted questionnaire. `id` is random (not rowid order), there is no date.
CREATE TABLE response (
  id         INTEGER PRIMARY KEY,
  wave_id    INTEGER NOT NULL REFERENCES wave (id),
  grp        TEXT NOT NULL,
  background TEXT NOT NULL,
  answers    TEXT NOT NULL
);
CREATE INDEX response_wave ON response (wave_id);

-- wave × dimension × value × question × answer → n, maintained in the submission's
-- transaction so reports read counts, never responses. dim 'all' is the total,
-- dim 'group' the benefit group, any other dim a background column of the frame.
CREATE TABLE answer_count (
  wave_id     INTEGER NOT NULL REFERENCES wave (id),
  dim         TEXT NOT NULL,
  dim_value   TEXT NOT NULL,
  question_id TEXT NOT NULL,
  answer      TEXT NOT NULL,
  n           INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (wave_id, dim, dim_value, question_id, answer)
) WITHOUT ROWID;

-- Respondents per wave × dimension × value (the denominator for "answered").
CREATE TABLE respondent_count (
  wave_id   INTEGER NOT NULL REFERENCES wave (id),
  dim       TEXT NOT NULL,
  dim_value TEXT NOT NULL,
  n         INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (wave_id, dim, dim_value)
) WITHOUT ROWID;
