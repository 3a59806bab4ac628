"""Bringing a database file up to date: schema, localities, catalog."""
from __future__ import annotations

import duckdb

from etl.model import catalog, localities
from etl.storage import db


def initialise(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Load the shipped localities and plan catalog in one transaction (safe to run again)."""
    indicators = catalog.read_indicators()
    plans = catalog.read_plans(indicators=indicators)  # fails before anything is touched
    with db.transaction(con) as cur:
        count = localities.load(cur)
        catalog.load(cur, indicators, plans)
    return {"localities": count, "indicators": len(indicators), "plans": len(plans),
            "targets": sum(len(p.targets) for p in plans)}


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    with db.transaction(con) as cur:   # replaces a row another write may hold: waits for it
        cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = db.one(con, "SELECT value FROM meta WHERE key = ?", [key])
    return row[0] if row else None
