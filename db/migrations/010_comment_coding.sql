-- Coding the comments of a wave for the committee appendix (issue 13 §4): themes a
-- secretary adds per wave, and per comment (a response's answer to a free-text
-- question) its theme, ris or ros, and whether it is quoted, with the quote's
-- edited wording. The answer itself is never changed: the original stays in
-- `response`, the edit lives here. Who changed what is in the audit log.
CREATE TABLE comment_theme (
  id       INTEGER PRIMARY KEY,
  wave_id  INTEGER NOT NULL REFERENCES wave (id),
  name     TEXT NOT NULL,
  position INTEGER NOT NULL,               -- the order the secretary added them in
  UNIQUE (wave_id, name)
);

CREATE TABLE comment_code (
  response_id INTEGER NOT NULL REFERENCES response (id),
  question_id TEXT NOT NULL,
  wave_id     INTEGER NOT NULL REFERENCES wave (id),
  theme_id    INTEGER REFERENCES comment_theme (id),  -- NULL: no theme yet
  tone        TEXT NOT NULL DEFAULT '' CHECK (tone IN ('', 'ris', 'ros')),
  quote       INTEGER NOT NULL DEFAULT 0 CHECK (quote IN (0, 1)),
  wording     TEXT,                        -- the quote as edited; NULL: the masked original
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX comment_code_wave ON comment_code (wave_id);
