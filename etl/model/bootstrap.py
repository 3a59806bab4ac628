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

