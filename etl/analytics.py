"""Keeping the analytics table (area_figures, migration 005) in step with the returns.

Whatever writes returns, localities or indicators calls `refresh` inside its own transaction, so
a page never reads figures older than the returns they come from.
"""
from __future__ import annotations

from collections.abc import Iterable

import duckdb


def refresh(con: duckdb.DuckDBPyConnection, years: Iterable[int] | None = None) -> None:
    """Recompute every locality's figures for `years` (default: every year with returns)."""
    if years is None:  # localities or indicators changed: the era bridge too (migration 013)
        con.execute("DELETE FROM era_bridge")
        con.execute("INSERT INTO era_bridge SELECT * FROM era_bridge_of_localities")
        con.execute("DELETE FROM area_figures")
        con.execute("INSERT INTO area_figures SELECT * FROM compute_area_figures("
                    "(SELECT coalesce(list(DISTINCT year), []) FROM returns))")
        return
    years = sorted(set(years))
    con.execute("DELETE FROM area_figures WHERE list_contains(?, year)", [years])
    con.execute("INSERT INTO area_figures SELECT * FROM compute_area_figures(?::INTEGER[])", [years])
