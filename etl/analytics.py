"""Keeping the analytics table (area_figures, migration 005) in step with the returns.

Whatever writes returns, localities or indicators calls `refresh` inside its own transaction, so
a page never reads figures older than the returns they come from. Writing returns calls
`refresh_touched` instead: only the rows the changed units can move (issue 18, migration 018).
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


# The rows a change of the units `u` can move: their ancestors, the units of the other era they are
# bridge members of, and those units' ancestors (children_reported of a parent counts its children).
_OUTPUTS = """
WITH u AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS locality_id),
anc AS (SELECT c.ancestor_id AS id FROM u JOIN locality_closure c USING (locality_id)),
bridged AS (SELECT e.locality_id AS id FROM era_bridge e JOIN anc ON e.member_id = anc.id)
SELECT id FROM anc
UNION SELECT c.ancestor_id FROM bridged b JOIN locality_closure c ON c.locality_id = b.id
"""

# The units whose returns those rows read: everything below them, below their bridge members, and below
# their children's bridge members (a child's row, bridged figures included, counts as reported).
_INPUTS = """
WITH outs AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS id),
near AS (SELECT id FROM outs
         UNION SELECT c.locality_id FROM outs JOIN locality_closure c ON c.ancestor_id = outs.id AND c.depth = 1),
tops AS (SELECT id FROM outs UNION SELECT e.member_id FROM era_bridge e JOIN near ON e.locality_id = near.id)
SELECT DISTINCT c.locality_id FROM tops JOIN locality_closure c ON c.ancestor_id = tops.id
"""


def refresh_touched(con: duckdb.DuckDBPyConnection, touched: Iterable[tuple[str, int, int]]) -> None:
    """Recompute only the rows that new returns of (locality_id, year, quarter) can change: the rows
    of `affected` units, for those years, from the first changed quarter on."""
    first: dict[int, int] = {}
    units: dict[int, set[str]] = {}
    for locality_id, year, quarter in touched:
        first[year] = min(first.get(year, 4), quarter)
        units.setdefault(year, set()).add(locality_id)
    for year in sorted(first):
        outputs = affected(con, units[year])
        inputs = [row[0] for row in con.execute(_INPUTS, [outputs]).fetchall()]
        con.execute("DELETE FROM area_figures WHERE year = ? AND quarter >= ? AND locality_id IN "
                    "(SELECT unnest(?::VARCHAR[]))", [year, first[year], outputs])
        con.execute("INSERT INTO area_figures SELECT * FROM area_figures_in([?::INTEGER], ?::VARCHAR[]) "
                    "WHERE quarter >= ? AND locality_id IN (SELECT unnest(?::VARCHAR[]))",
                    [year, inputs, first[year], outputs])


def affected(con: duckdb.DuckDBPyConnection, units: Iterable[str]) -> list[str]:
    """The units whose analytics rows a change in the returns of `units` can move."""
    return sorted(row[0] for row in con.execute(_OUTPUTS, [sorted(set(units))]).fetchall())
