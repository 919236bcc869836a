-- Entity history (docs/HISTORY.md). Entity ids, attribute sets and contexts are interned; a
-- state row is (entity, ms, number or text, context) clustered by (entity, ms), so a numeric
-- sample costs about 20 bytes on disk including its key.
CREATE TABLE history_entities (
  id        INTEGER PRIMARY KEY,
  entity_id TEXT NOT NULL UNIQUE
);
CREATE TABLE history_attribute_sets (
  id         INTEGER PRIMARY KEY,
  hash       INTEGER NOT NULL UNIQUE,   -- 64 bits of the SHA-256 of the canonical JSON
  attributes TEXT NOT NULL
);
-- Only contexts with a parent or a user (the ones a logbook names) get a row; an automation
-- run's context also names its rule and the entity whose change triggered it.
CREATE TABLE history_contexts (
  id             INTEGER PRIMARY KEY,
  context_id     TEXT NOT NULL UNIQUE,
  parent_id      TEXT,
  user_id        TEXT,
  automation     TEXT,
  trigger_entity TEXT
);
-- num: a decimal state packed as unscaled * 16 + scale (exact text round trip); else txt.
CREATE TABLE history_states (
  entity  INTEGER NOT NULL,
  ts      INTEGER NOT NULL,
  num     INTEGER,
  txt     TEXT,
  context INTEGER,
  PRIMARY KEY (entity, ts)
) WITHOUT ROWID;
-- A row only when an entity's attribute set changed.
CREATE TABLE history_attributes (
  entity     INTEGER NOT NULL,
  ts         INTEGER NOT NULL,
  attributes INTEGER NOT NULL,
  PRIMARY KEY (entity, ts)
) WITHOUT ROWID;
-- Rollups of numeric states; period in seconds (300 or 3600), start in epoch ms.
CREATE TABLE history_statistics (
  entity   INTEGER NOT NULL,
  period   INTEGER NOT NULL,
  start    INTEGER NOT NULL,
  mean     REAL NOT NULL,
  minimum  REAL NOT NULL,
  maximum  REAL NOT NULL,
  samples  INTEGER NOT NULL,
  increase REAL,
  total    REAL,
  PRIMARY KEY (entity, period, start)
) WITHOUT ROWID;
-- How far the rollups of each period have been computed (epoch ms).
CREATE TABLE history_progress (
  name    TEXT PRIMARY KEY,
  through INTEGER NOT NULL
);
