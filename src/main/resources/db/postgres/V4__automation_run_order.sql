-- The order runs were stored in, to order runs that started in the same millisecond.
ALTER TABLE automation_runs ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
