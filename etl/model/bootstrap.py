"""Bringing a database file up to date: schema, localities, catalog."""
from __future__ import annotations

import duckdb

from etl.model import catalog, localities


def initialise(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Load the shipped localities and plan catalog in one transaction (safe to run again)."""
    indicators = catalog.read_indicators()
    plans = catalog.read_plans(indicators=indicators)  # fails before anything is touched
    con.execute("BEGIN TRANSACTION")
    try:
        count = localities.load(con)
        catalog.load(con, indicators, plans)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {"localities": count, "indicators": len(indicators), "plans": len(plans),
            "targets": sum(len(p.targets) for p in plans)}

