-- The long-lived token a token was minted with (NULL: minted by a password session).
-- Revoking a token revokes every token it minted, and theirs.
ALTER TABLE access_tokens ADD COLUMN parent_id TEXT;
CREATE INDEX access_tokens_parent ON access_tokens(parent_id);

-- Session tokens exchanged by POST /auth/refresh: each is accepted for one refresh only.
-- The primary key makes a second exchange of the same token fail, on every node at once.
CREATE TABLE retired_sessions (
  id          TEXT PRIMARY KEY,   -- the JWT's jti
  user_id     TEXT NOT NULL,
  expires_at  TEXT NOT NULL       -- the token's own expiry: the row is useless afterwards
);
CREATE INDEX retired_sessions_expiry ON retired_sessions(expires_at);
