-- The order runs were stored in, to order runs that started in the same millisecond.
ALTER TABLE automation_runs ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE automation_runs SET position = rowid;
