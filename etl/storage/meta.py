"""The meta table: small named values kept in the database (settings, the demo stamp)."""
from __future__ import annotations

import duckdb

from etl.storage import db


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    with db.transaction(con) as cur:   # replaces a row another write may hold: waits for it
        cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = db.one(con, "SELECT value FROM meta WHERE key = ?", [key])
    return row[0] if row else None
