-- PostgreSQL's copy of ../002_imported_waves.sql.
ALTER TABLE wave ADD COLUMN source TEXT NOT NULL DEFAULT 'fielded'
  CHECK (source IN ('fielded', 'imported'));

CREATE TABLE imported_disposition (
  wave_id       BIGINT NOT NULL REFERENCES wave (id),
  grp           TEXT NOT NULL,
  invited       BIGINT NOT NULL CHECK (invited >= 0),
  ineligible    BIGINT NOT NULL CHECK (ineligible >= 0),
  undeliverable BIGINT NOT NULL CHECK (undeliverable >= 0),
  answered      BIGINT NOT NULL CHECK (answered >= 0),
  PRIMARY KEY (wave_id, grp)
);
