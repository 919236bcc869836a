-- Notifications for people; the newest notifications.keep rows are kept. seq orders them.
CREATE TABLE notifications (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  message    TEXT NOT NULL,
  level      TEXT NOT NULL,
  source     TEXT NOT NULL,
  user_id    TEXT,              -- NULL = for everyone
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, seq);
