-- Every change to an account's access (role, locality, lock, password) bumps its version; an open
-- session remembers the version it logged in with and ends when it differs (dashboard/login.py).
ALTER TABLE users ADD COLUMN access_version INTEGER DEFAULT 0;
