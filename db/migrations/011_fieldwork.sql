-- Survey administration in the browser (issue 14).

-- One row per reminder round of a wave, so the method note can say
-- "1 påmindelse sendt 15. september". Re-making the reminders on the same day
-- is the same round (the count is the latest), not a second one.
CREATE TABLE reminder_round (
  wave_id  INTEGER NOT NULL REFERENCES wave (id),
  sent_on  TEXT NOT NULL,                   -- ISO date
  letters  INTEGER NOT NULL CHECK (letters >= 0),
  PRIMARY KEY (wave_id, sent_on)
) WITHOUT ROWID;

-- The letter texts as the administration edited them in the browser; without a
-- row the shipped text (templates/text/fieldwork.*.json) is used.
CREATE TABLE letter_text (
  kind        TEXT PRIMARY KEY CHECK (kind IN ('invitation', 'reminder')),
  body        TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) WITHOUT ROWID;
