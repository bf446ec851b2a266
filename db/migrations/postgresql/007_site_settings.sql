-- PostgreSQL's copy of ../007_site_settings.sql.
CREATE TABLE site_setting (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  changed_at TEXT NOT NULL
);

CREATE TABLE complaint_form_key (
  form_key     TEXT PRIMARY KEY,
  complaint_id BIGINT NOT NULL REFERENCES complaint (id),
  created_at   BIGINT NOT NULL
);
