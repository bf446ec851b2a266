-- PostgreSQL's copy of ../011_fieldwork.sql.
CREATE TABLE reminder_round (
  wave_id  BIGINT NOT NULL REFERENCES wave (id),
  sent_on  TEXT NOT NULL,
  letters  BIGINT NOT NULL CHECK (letters >= 0),
  PRIMARY KEY (wave_id, sent_on)
);

CREATE TABLE letter_text (
  kind        TEXT PRIMARY KEY CHECK (kind IN ('invitation', 'reminder')),
  body        TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
