-- A login that survives a reload and a new tab (etl/access/login_tokens.py): the browser keeps a signed,
-- expiring token; the database keeps only its SHA-256, the account and the access version it was
-- issued for, and when it was last used. Logout, an expired token, idleness beyond the idle setting,
-- or any change of the account's access ends it.
CREATE TABLE IF NOT EXISTS login_sessions (
    token_hash VARCHAR PRIMARY KEY,
    username VARCHAR NOT NULL,
    access_version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS login_sessions_user ON login_sessions (username);
