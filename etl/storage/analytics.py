"""Keeping the analytics table (area_figures, migration 005; its macros in sql/macros.sql) in step with the returns.

Whatever writes returns, localities or indicators calls `refresh` inside its own transaction, so
a page never reads figures older than the returns they come from. Writing returns calls
`refresh_touched` instead: only the rows the changed units can move (issue 18, migration 018).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import duckdb

from etl.storage import data_versions


def refresh(con: duckdb.DuckDBPyConnection, years: Iterable[int] | None = None,
            progress: Callable[[int, int, int], None] | None = None) -> None:
    """Recompute every locality's figures for `years` (default: every year with returns), a year at a
    time; `progress(i, n, year)` is told before each year (the CLI prints it)."""
    if years is None:  # localities or indicators changed: the era bridge too (migration 013)
        con.execute("DELETE FROM era_bridge")
        con.execute("INSERT INTO era_bridge BY NAME SELECT * FROM era_bridge_of_localities")
        con.execute("DELETE FROM area_figures")
        years = [row[0] for row in con.execute("SELECT DISTINCT year FROM returns ORDER BY year").fetchall()]
    else:
        years = sorted(set(years))
        con.execute("DELETE FROM area_figures WHERE list_contains(?, year)", [years])
    for i, year in enumerate(years, 1):
        if progress:
            progress(i, len(years), year)
        con.execute("INSERT INTO area_figures SELECT * FROM compute_area_figures(?::INTEGER[])", [[year]])
    data_versions.bump_everything(con)


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
    of `affected` units, for those years, from the first changed quarter on, each the cheapest exact way
    (`_plan`, migration 019): a unit without children from its own figures, a unit with no return in its
    own area from its bridge members' rows, a unit that only adds up its children from their rows (both
    once the rows they read are final), any other from the returns below it (migration 018)."""
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
        ways, needs = _plan(con, outputs, year, units[year])
        own = [u for u in outputs if ways[u] == "own"]
        if own:
            con.execute("INSERT INTO area_figures SELECT * FROM own_area_figures_of(?::VARCHAR[], ?) "
                        "WHERE quarter >= ?", [own, year, q0])
        _compute(con, [u for u in outputs if ways[u] == "compute"], year, q0)
        for layer, may_sum in _layers({u: needs[u] for u in outputs if ways[u] in _SUM_ROWS}):
            inexact = [u for way in _SUM_ROWS for u in _sum_many(con, way, [u for u in layer if ways[u] == way],
                                                                 year, q0)] if may_sum else layer
            _compute(con, inexact, year, q0)
        data_versions.bump(con, outputs)  # cached views of these units' areas go cold (migration 020)


# How each unit's rows are made, from what is reported in `year` (all units in one query):
# empty    nothing in its area nor in its bridge members' areas: no rows;
# own      no child units, nothing in its bridge members' areas: its own figures;
# members  nothing in its own area: its bridge members' rows summed;
# children children, no return of its own, nothing in its bridge members' areas: its children's rows summed;
# compute  the rest (a unit with both eras' figures, or its own return and its children's).
# `needs`: the units among `outputs` whose rows it reads (children and bridge members), written first.
_PLAN = """
WITH o AS (SELECT DISTINCT unnest($outputs::VARCHAR[]) AS id),
above_touched AS (SELECT DISTINCT ancestor_id AS id FROM locality_closure  -- their areas hold the new returns
                  WHERE locality_id IN (SELECT unnest($touched::VARCHAR[]))),
below AS (SELECT c.ancestor_id AS id, c.locality_id FROM locality_closure c
          WHERE c.ancestor_id IN (SELECT id FROM o) AND c.ancestor_id NOT IN (SELECT id FROM above_touched)),
below_members AS (SELECT e.locality_id AS id, c.locality_id FROM era_bridge e SEMI JOIN o ON o.id = e.locality_id
                  JOIN locality_closure c ON c.ancestor_id = e.member_id),
reporting AS (SELECT DISTINCT locality_id FROM returns WHERE year = $year AND locality_id IN
                  (SELECT locality_id FROM below UNION SELECT locality_id FROM below_members UNION SELECT id FROM o)),
facts AS (
    SELECT o.id,
           o.id IN (SELECT parent_id FROM localities WHERE parent_id IS NOT NULL) AS has_children,
           o.id IN (SELECT locality_id FROM reporting) AS own_reported,
           o.id IN (SELECT id FROM above_touched UNION SELECT id FROM below JOIN reporting USING (locality_id))
               AS area_reported,
           o.id IN (SELECT id FROM below_members JOIN reporting USING (locality_id)) AS members_reported
    FROM o),
ways AS (
    SELECT id, CASE WHEN NOT area_reported AND NOT members_reported THEN 'empty'
                    WHEN NOT has_children AND NOT members_reported THEN 'own'
                    WHEN NOT area_reported THEN 'members'
                    WHEN NOT own_reported AND NOT members_reported THEN 'children'
                    ELSE 'compute' END AS way
    FROM facts),
needs AS (  -- a sum reads its children's rows (the count of children reported), members' rows sum members'
    SELECT w.id, l.locality_id AS need FROM ways w JOIN localities l ON l.parent_id = w.id
    WHERE w.way IN ('children', 'members')
    UNION SELECT w.id, e.member_id FROM ways w JOIN era_bridge e ON e.locality_id = w.id WHERE w.way = 'members')
SELECT w.id, w.way, coalesce((SELECT list(n.need) FROM needs n SEMI JOIN o ON o.id = n.need WHERE n.id = w.id), [])
FROM ways w
"""


def _plan(con: duckdb.DuckDBPyConnection, outputs: list[str], year: int, touched: Iterable[str]
          ) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Each of `outputs`' way (_PLAN) and the units among them it reads. `touched`: units with a return in
    `year` (those just written), so that their ancestors' areas need not be searched."""
    rows = con.execute(_PLAN, {"outputs": outputs, "year": year, "touched": sorted(touched)}).fetchall()
    return {unit: way for unit, way, _ in rows}, {unit: set(needs) for unit, _, needs in rows}


def _in_order(needs: dict[str, set[str]]) -> list[tuple[str, bool]]:
    """The units of `needs` (unit -> the units whose rows it reads), each after those it reads, with True.
    Should they ever wait on each other (no such case is known), one of them comes with False: computed
    from the returns, it reads no rows, and the others follow it."""
    return [(unit, may_sum) for layer, may_sum in _layers(needs) for unit in layer]


def _layers(needs: dict[str, set[str]]) -> list[tuple[list[str], bool]]:
    """`_in_order` in layers: each layer's units read only rows of earlier layers, so a layer is summed in
    one statement per way (a 100 000-row file: ~4 000 units in a handful of layers, not 4 000 statements)."""
    layers: list[tuple[list[str], bool]] = []
    waiting = dict(needs)
    while waiting:
        ready = sorted(u for u, n in waiting.items() if not n & waiting.keys())
        layers.append((ready, True) if ready else ([min(waiting)], False))
        for unit in layers[-1][0]:
            del waiting[unit]
    return layers


def _compute(con: duckdb.DuckDBPyConnection, outputs: list[str], year: int, q0: int) -> None:
    """The rows of `outputs` from the returns of every unit they depend on."""
    if not outputs:
        return
    inputs = [row[0] for row in con.execute(_INPUTS, [outputs]).fetchall()]
    con.execute("INSERT INTO area_figures SELECT * FROM area_figures_in([?::INTEGER], ?::VARCHAR[]) "
                "WHERE quarter >= ? AND locality_id IN (SELECT unnest(?::VARCHAR[]))", [year, inputs, q0, outputs])


# The sums, from rows already written, for many units at once (`$units`, one layer of `_layers`): a unit
# that only adds up its children (since 018), a unit whose figure is its bridge members' (migration 019's
# member_sum_figures). Exact when no row a unit adds includes the other era or carries a note (then a single
# contributor's note could rise): those units are `_INEXACT` and the caller computes them.
# Children reported and existing are counted as area_figures_in counts them (children existing that year).
_ADDED = {
    "children": """SELECT l.parent_id AS unit, a.* FROM area_figures a JOIN localities l USING (locality_id)
                   WHERE l.parent_id IN (SELECT unnest($units::VARCHAR[])) AND a.year = $year AND a.quarter >= $q0""",
    "members": """SELECT e.locality_id AS unit, e.direction, a.* FROM area_figures a
                  JOIN era_bridge e ON e.member_id = a.locality_id
                  WHERE e.locality_id IN (SELECT unnest($units::VARCHAR[])) AND a.year = $year AND a.quarter >= $q0""",
}
_INEXACT = "SELECT DISTINCT unit FROM ({added}) WHERE across IS NOT NULL OR note IS NOT NULL"
_EXACT = "SELECT * FROM ({added}) WHERE unit NOT IN (" + _INEXACT + ")"
_SUM_ROWS = {
    "children": """
        WITH sums AS (SELECT *, NULL::VARCHAR AS across
                      FROM (SELECT unit, year, quarter, indicator_code, sum(numerator)::BIGINT AS numerator,
                                   sum(denominator)::BIGINT AS denominator, count(*)::INTEGER AS reported
                            FROM ({exact}) GROUP BY ALL))""",
    "members": """
        WITH sums AS (SELECT m.unit, m.year, m.quarter, m.indicator_code, m.numerator, m.denominator,
                             coalesce(r.reported, 0)::INTEGER AS reported, m.across
                      FROM (SELECT unit, year, quarter, indicator_code, sum(numerator)::BIGINT AS numerator,
                                   sum(denominator)::BIGINT AS denominator, any_value(direction) AS across
                            FROM ({exact}) GROUP BY ALL) m
                      LEFT JOIN (SELECT l.parent_id AS unit, a.quarter, a.indicator_code, count(*) AS reported
                                 FROM area_figures a JOIN localities l USING (locality_id)
                                 WHERE l.parent_id IN (SELECT unnest($units::VARCHAR[])) AND a.year = $year
                                   AND a.quarter >= $q0 AND valid_during(l.valid_from, l.valid_to,
                                       make_date($year, 1, 1), last_day(make_date($year, 3 * a.quarter, 1)))
                                 GROUP BY ALL) r USING (unit, quarter, indicator_code))""",
}
_SUMS_TO_ROWS = """
    SELECT s.unit, s.year, s.quarter, s.indicator_code, s.numerator, s.denominator, FALSE, s.reported,
           coalesce(t.total, 0)::INTEGER, NULL, s.across
    FROM sums s
    LEFT JOIN (SELECT p.unit, p.quarter, count(*) AS total
               FROM (SELECT DISTINCT unit, quarter FROM sums) p JOIN localities l ON l.parent_id = p.unit
               WHERE valid_during(l.valid_from, l.valid_to, make_date($year, 1, 1),
                                  last_day(make_date($year, 3 * p.quarter, 1)))
               GROUP BY ALL) t USING (unit, quarter)"""


def _sum_many(con: duckdb.DuckDBPyConnection, way: str, units: list[str], year: int, q0: int) -> list[str]:
    """Write the rows of `units` as the sums of their children's or bridge members' rows (`way`), those
    rows being written already; returns the units for which that is not exact (nothing written for them)."""
    if not units:
        return []
    added, params = _ADDED[way], {"units": units, "year": year, "q0": q0}
    sums = _SUM_ROWS[way].format(exact=_EXACT.format(added=added))
    written = {row[0] for row in con.execute(f"INSERT INTO area_figures {sums} {_SUMS_TO_ROWS} RETURNING locality_id",
                                             params).fetchall()}
    rest = [u for u in units if u not in written]  # one statement when every unit wrote rows (a commune's upload)
    if not rest:
        return []
    return sorted(row[0] for row in con.execute(_INEXACT.format(added=added), params | {"units": rest}).fetchall())


def affected(con: duckdb.DuckDBPyConnection, units: Iterable[str]) -> list[str]:
    """The units whose analytics rows a change in the returns of `units` can move."""
    return sorted(row[0] for row in con.execute(_OUTPUTS, [sorted(set(units))]).fetchall())
