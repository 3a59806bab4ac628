"""Settings kept in the database (meta table), with their defaults and limits."""
from __future__ import annotations

import duckdb

from etl import bootstrap

DEADLINE_DAYS = "deadline_days"
DEFAULT_DEADLINE_DAYS = 10
MAX_DEADLINE_DAYS = 90


def deadline_days(con: duckdb.DuckDBPyConnection) -> int:
    """Days after a quarter ends by which its return is due."""
    value = bootstrap.get_meta(con, DEADLINE_DAYS)
    return int(value) if value is not None else DEFAULT_DEADLINE_DAYS


def set_deadline_days(con: duckdb.DuckDBPyConnection, days: int) -> None:
    if not 0 <= int(days) <= MAX_DEADLINE_DAYS:
        raise ValueError(f"0 ≤ days ≤ {MAX_DEADLINE_DAYS}")
    bootstrap.set_meta(con, DEADLINE_DAYS, str(int(days)))
