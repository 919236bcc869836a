-- Automation rules: the definition is the rule's JSON as the REST API returns it.
CREATE TABLE automations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  enabled     INTEGER NOT NULL,
  definition  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- The newest runs of each rule (automation.runs_kept), as GET .../runs returns them.
CREATE TABLE automation_runs (
  execution_id  TEXT PRIMARY KEY,
  automation_id TEXT NOT NULL REFERENCES automations(id) ON DELETE CASCADE,
  started_at    TEXT NOT NULL,
  record        TEXT NOT NULL
);
CREATE INDEX automation_runs_by_rule ON automation_runs(automation_id, started_at);
