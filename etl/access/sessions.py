"""Whether an open session may go on: its account is read again at every interaction (one primary-key
read, bench/session_check.py) and compared with what the session logged in as."""
from __future__ import annotations

import duckdb

from etl.access import accounts
from etl.labels_vi import SESSION


def ended(con: duckdb.DuckDBPyConnection, session: accounts.User) -> str | None:
    """Why the session of `session` must end now (a Vietnamese message), or None if it may go on:
    the account was locked or deleted, its role or locality changed, or its password was changed."""
    now = accounts.get(con, session.username)
    if now is None or now.disabled:
        return SESSION["locked"]
    if now.version == session.version:
        return None
    if (now.role, now.locality_id) != (session.role, session.locality_id):
        return SESSION["changed"].format(access=accounts.describe(con, now.role, now.locality_id))
    return SESSION["password"]
