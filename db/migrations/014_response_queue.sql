-- Submissions waiting to be mixed into `response` (issue 17: anonymity on PostgreSQL).
--
-- PostgreSQL stamps every row with the id of the transaction that wrote it (xmin),
-- so a response inserted in the transaction that marks its invitee completed can be
-- joined to that invitee. There the submission stores its answers here instead,
-- sealed with the key file's key (crypto_secretbox), in the transaction that
-- completes the invitee; a mixing transaction of its own (Database::write_alone)
-- later opens a wave's waiting submissions and inserts them as responses, several at
-- once and in random order (intake/survey/submission.h). One SQLite file has no
-- such column and stores a response at once, so on SQLite this table stays empty.
CREATE TABLE response_queue (
  id      INTEGER PRIMARY KEY,   -- random, as response.id: no order of arrival
  wave_id INTEGER NOT NULL REFERENCES wave (id),
  sealed  BLOB NOT NULL          -- nonce + box of the response and its count cells
);
CREATE INDEX response_queue_wave ON response_queue (wave_id);
