-- Raised on every password, role or disabled change: tokens carrying an older epoch stop working.
ALTER TABLE users ADD COLUMN token_epoch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE access_tokens (
  id          TEXT PRIMARY KEY,   -- the JWT's jti
  user_id     TEXT NOT NULL,
  name        TEXT NOT NULL,
  topics      TEXT,               -- JSON array of topic patterns, NULL = not limited
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX access_tokens_user ON access_tokens(user_id);
