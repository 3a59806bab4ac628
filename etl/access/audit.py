"""The audit trail: who did what and when (logins, uploads, exports, account changes), append-only."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

LOGIN_OK, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT = "login_ok", "login_failed", "login_locked", "logout"
UPLOAD, EXPORT, ACCOUNT, SETTING, PLAN = "upload", "export", "account", "setting", "plan"


def record(con: duckdb.DuckDBPyConnection, username: str | None, action: str, detail: str = "",
           at: dt.datetime | None = None) -> None:
    """Add one event. Never pass a password or a figure's personal content in `detail`."""
    con.execute("INSERT INTO audit_log (occurred_at, username, action, detail) VALUES (?, ?, ?, ?)",
                [at or dt.datetime.now().replace(microsecond=0), username, action, detail])


def failures_since(con: duckdb.DuckDBPyConnection, username: str, since: dt.datetime) -> list[dt.datetime]:
    """Times of failed logins for a user name (as typed) since a moment, after its last success."""
    rows = con.execute(
        """SELECT occurred_at FROM audit_log
           WHERE username = ? AND action = ? AND occurred_at >= ?
             AND occurred_at > coalesce((SELECT max(occurred_at) FROM audit_log WHERE username = ? AND action = ?), TIMESTAMP '1900-01-01')
           ORDER BY occurred_at""", [username, LOGIN_FAILED, since, username, LOGIN_OK]).fetchall()
    return [at for at, in rows]


def events(con: duckdb.DuckDBPyConnection, username: str | None = None, action: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None, limit: int = 5000) -> pd.DataFrame:
    return con.execute(
        """SELECT occurred_at, username, action, detail FROM audit_log
           WHERE (?::VARCHAR IS NULL OR username = ?) AND (?::VARCHAR IS NULL OR action = ?)
             AND (?::DATE IS NULL OR occurred_at >= ?::DATE)
             AND (?::DATE IS NULL OR occurred_at < ?::DATE + INTERVAL 1 DAY)
           ORDER BY event_id DESC LIMIT ?""",
        [username, username, action, action, since, since, until, until, limit]).df()
