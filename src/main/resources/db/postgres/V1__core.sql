CREATE TABLE entities (
  entity_id    TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  state        TEXT NOT NULL,
  attributes   TEXT NOT NULL,
  source       TEXT NOT NULL,
  adapter_id   TEXT,
  area         TEXT,
  available    INTEGER NOT NULL,
  last_changed TEXT NOT NULL,
  last_updated TEXT NOT NULL
);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  roles         TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
