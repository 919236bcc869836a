-- Per user: which notifications they have read or dismissed. Rows go with their notification.
CREATE TABLE notification_marks (
  notification_id TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  read_at         TEXT NOT NULL,
  dismissed_at    TEXT,
  PRIMARY KEY (notification_id, user_id)
);
CREATE INDEX notification_marks_user ON notification_marks(user_id);
