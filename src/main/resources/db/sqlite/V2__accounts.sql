-- Tokens issued before this instant are no longer valid (set on password, role or disabled changes).
ALTER TABLE users ADD COLUMN tokens_valid_after TEXT;

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
