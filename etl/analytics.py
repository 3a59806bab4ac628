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
    of `affected` units, for those years, from the first changed quarter on. A unit that only adds up
    its children (`_combinable`) is summed from its children's fresh rows, deepest first; the others are
    computed from the returns below them (migration 018)."""
    first: dict[int, int] = {}
    units: dict[int, set[str]] = {}
    for locality_id, year, quarter in touched:
        first[year] = min(first.get(year, 4), quarter)
        units.setdefault(year, set()).add(locality_id)
    for year in sorted(first):
        outputs = affected(con, units[year])
        q0 = first[year]
        con.execute("DELETE FROM area_figures WHERE year = ? AND quarter >= ? AND locality_id IN "
                    "(SELECT unnest(?::VARCHAR[]))", [year, q0, outputs])
        sums = _combinable(con, outputs, year)
        _compute(con, [u for u in outputs if u not in sums], year, q0)
        for unit in sums:  # deepest first: its children's rows are final
            if not _sum_children(con, unit, year, q0):
                _compute(con, [unit], year, q0)


def _compute(con: duckdb.DuckDBPyConnection, outputs: list[str], year: int, q0: int) -> None:
    """The rows of `outputs` from the returns of every unit they depend on."""
    if not outputs:
        return
    inputs = [row[0] for row in con.execute(_INPUTS, [outputs]).fetchall()]
    con.execute("INSERT INTO area_figures SELECT * FROM area_figures_in([?::INTEGER], ?::VARCHAR[]) "
                "WHERE quarter >= ? AND locality_id IN (SELECT unnest(?::VARCHAR[]))", [year, inputs, q0, outputs])


def _combinable(con: duckdb.DuckDBPyConnection, outputs: list[str], year: int) -> list[str]:
    """Units with children, no return of their own in `year` and none in `year` below their bridge members
    (so nothing from the other era): their figure is
    the sum of their children's (own_return false, no note when the children carry none). Deepest first."""
    return [row[0] for row in con.execute(_COMBINABLE, [outputs, year, year]).fetchall()]


_COMBINABLE = """
SELECT o.id FROM (SELECT unnest(?::VARCHAR[]) AS id) o
WHERE EXISTS (SELECT 1 FROM localities c WHERE c.parent_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM current_returns r WHERE r.locality_id = o.id AND r.year = ?)
  AND NOT EXISTS (SELECT 1 FROM era_bridge e JOIN locality_closure c ON c.ancestor_id = e.member_id
                  JOIN current_returns r ON r.locality_id = c.locality_id AND r.year = ?
                  WHERE e.locality_id = o.id)
ORDER BY (SELECT max(depth) FROM locality_closure c WHERE c.locality_id = o.id) DESC, o.id
"""

# A unit that only adds up its children, from their rows: exact when no child row includes the other era
# or carries a note (then a single contributor's note could rise; the caller computes it instead).
_SUM_CHILDREN = """
WITH kids AS (SELECT a.* FROM area_figures a JOIN localities l ON l.locality_id = a.locality_id
              WHERE l.parent_id = $unit AND a.year = $year AND a.quarter >= $q0)
INSERT INTO area_figures
SELECT $unit, k.year, k.quarter, k.indicator_code, sum(k.numerator)::BIGINT, sum(k.denominator)::BIGINT, FALSE,
       count(*)::INTEGER,
       (SELECT count(*) FROM localities l WHERE l.parent_id = $unit
          AND coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date(k.year, 3 * k.quarter, 1))
          AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date(k.year, 1, 1))::INTEGER,
       NULL, NULL
FROM kids k
GROUP BY k.year, k.quarter, k.indicator_code
"""


def _sum_children(con: duckdb.DuckDBPyConnection, unit: str, year: int, q0: int) -> bool:
    """Write `unit`'s rows as the sums of its children's; False (nothing written) when that is not exact."""
    clean = con.execute("""SELECT NOT EXISTS (SELECT 1 FROM area_figures a JOIN localities l USING (locality_id)
                                              WHERE l.parent_id = ? AND a.year = ? AND a.quarter >= ?
                                                AND (a.across IS NOT NULL OR a.note IS NOT NULL))""",
                        [unit, year, q0]).fetchone()[0]
    if clean:
        con.execute(_SUM_CHILDREN, {"unit": unit, "year": year, "q0": q0})
    return clean


def affected(con: duckdb.DuckDBPyConnection, units: Iterable[str]) -> list[str]:
    """The units whose analytics rows a change in the returns of `units` can move."""
    return sorted(row[0] for row in con.execute(_OUTPUTS, [sorted(set(units))]).fetchall())
