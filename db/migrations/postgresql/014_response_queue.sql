-- PostgreSQL's copy of ../014_response_queue.sql (which says why).
CREATE TABLE response_queue (
  id      BIGINT PRIMARY KEY,
  wave_id BIGINT NOT NULL REFERENCES wave (id),
  sealed  BYTEA NOT NULL
);
CREATE INDEX response_queue_wave ON response_queue (wave_id);
