-- Accounts (passwords only as argon2id hashes) and the append-only audit trail.
-- locality_id: the unit the account answers for; it sees that unit and everything under it.
-- An admin with no locality sees the whole country.

CREATE TABLE users (
    username      VARCHAR PRIMARY KEY,
    password_hash VARCHAR,
    role          VARCHAR NOT NULL CHECK (role IN ('admin', 'leader', 'reporter')),
    locality_id   VARCHAR,
    email         VARCHAR,                -- identity of single sign-on, mapped to this account
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL,
    changed_at    TIMESTAMP NOT NULL
);

-- Only etl/access/audit.py writes here, and only INSERT: nothing updates or deletes an event.
CREATE SEQUENCE audit_ids START 1;
CREATE TABLE audit_log (
    event_id BIGINT PRIMARY KEY DEFAULT nextval('audit_ids'),
    occurred_at TIMESTAMP NOT NULL,
    username VARCHAR,                     -- as typed, for a failed login
    action   VARCHAR NOT NULL,
    detail   VARCHAR
);
CREATE INDEX audit_user_time ON audit_log (username, occurred_at);
