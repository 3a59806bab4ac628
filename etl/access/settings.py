"""Settings kept in the database (meta table), with their defaults and limits."""
from __future__ import annotations

import duckdb

from etl.storage import db, meta

DEADLINE_DAYS = "deadline_days"
DEFAULT_DEADLINE_DAYS = 10
MAX_DEADLINE_DAYS = 90


def deadline_days(con: duckdb.DuckDBPyConnection) -> int:
    """Days after a quarter ends by which its return is due."""
    value = meta.get_meta(con, DEADLINE_DAYS)
    return int(value) if value is not None else DEFAULT_DEADLINE_DAYS


IDLE_MINUTES = "idle_minutes"
DEFAULT_IDLE_MINUTES = 30


def idle_minutes(con: duckdb.DuckDBPyConnection) -> int:
    """Minutes without activity after which a session ends and asks to log in again."""
    value = meta.get_meta(con, IDLE_MINUTES)
    return int(value) if value is not None else DEFAULT_IDLE_MINUTES


def set_idle_minutes(con: duckdb.DuckDBPyConnection, minutes: int) -> None:
    if not 5 <= int(minutes) <= 24 * 60:
        raise ValueError("5 ≤ minutes ≤ 1440")
    meta.set_meta(con, IDLE_MINUTES, str(int(minutes)))


def set_deadline_days(con: duckdb.DuckDBPyConnection, days: int) -> None:
    if not 0 <= int(days) <= MAX_DEADLINE_DAYS:
        raise ValueError(f"0 ≤ days ≤ {MAX_DEADLINE_DAYS}")
    meta.set_meta(con, DEADLINE_DAYS, str(int(days)))


LOGIN_HOURS = "login_hours"
DEFAULT_LOGIN_HOURS = 8
MAX_LOGIN_HOURS = 30 * 24


def login_hours(con: duckdb.DuckDBPyConnection) -> int:
    """Hours a login lasts across reloads and new tabs of the same browser (etl/access/login_tokens.py)."""
    value = meta.get_meta(con, LOGIN_HOURS)
    return int(value) if value is not None else DEFAULT_LOGIN_HOURS


def set_login_hours(con: duckdb.DuckDBPyConnection, hours: int) -> None:
    if not 1 <= int(hours) <= MAX_LOGIN_HOURS:
        raise ValueError(f"1 ≤ hours ≤ {MAX_LOGIN_HOURS}")
    meta.set_meta(con, LOGIN_HOURS, str(int(hours)))


def save(con: duckdb.DuckDBPyConnection, deadline_days: int, idle_minutes: int, hours: int) -> None:
    """The settings page's three values in one transaction: all saved, or none."""
    with db.transaction(con) as cur:
        set_deadline_days(cur, deadline_days)
        set_idle_minutes(cur, idle_minutes)
        set_login_hours(cur, hours)
