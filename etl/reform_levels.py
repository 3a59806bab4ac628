"""Targets split by level ("70% cấp tỉnh và 50% cấp huyện, cấp xã") across the 1 July 2025 reform.

A split target sums the own returns of the units at its levels in the plan's area. Across the reform:
- a pre-2025 area, for quarters after 30 June 2025, counts the new communes that succeed its communes
  (each where the era bridge counts it: the old area holding most of its predecessors); provinces and
  districts have no successor in the area (the new province is larger, districts are gone), so their
  figures stop at 30 June 2025, and a target on those levels only is judged as at Q2 2025;
- a post-2025 area, for quarters before 1 July 2025, counts the old units at its levels whose successor
  (at the same level) is one of its units;
- a `last` indicator takes each unit's latest own figure, and a new unit's figure stands in for the old
  units it succeeds once it has reported (so a stock is never counted twice); `sum` indicators add every
  counted unit's own flows.
Called from the one place attainment is computed (etl/attainment.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.figures import Figure, Figures

REFORM_YEAR = 2025
FIRST_NEW_QUARTER = 3
ENDED_LEVELS = ("province", "district")   # an old area's units at these levels have no successor inside it

_SQL = """
WITH roots AS (
    SELECT locality_id AS root_id, coalesce(valid_to = DATE '2025-06-30', FALSE) AS old_root,
           coalesce(valid_from = DATE '2025-07-01', FALSE) AS new_root
    FROM localities WHERE list_contains($roots, locality_id)),
own AS (     -- the area's units at the levels: valid in the year up to the quarter (a new area: all its units)
    SELECT r.root_id, l.locality_id, FALSE AS bridged
    FROM roots r JOIN locality_closure c ON c.ancestor_id = r.root_id
    JOIN localities l ON l.locality_id = c.locality_id
    WHERE list_contains($lvls, l.level)
      AND (r.new_root OR coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date($yr, 3 * $q, 1)))
      AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date($yr, 1, 1)),
bridged AS ( -- the other era's units at the levels, counted in the area
    SELECT r.root_id, b.member_id AS locality_id, TRUE AS bridged
    FROM roots r JOIN era_bridge b ON b.locality_id = r.root_id AND b.direction = 'successors'
    JOIN localities l ON l.locality_id = b.member_id
    WHERE r.old_root AND $yr >= 2025 AND list_contains($lvls, l.level)
    UNION ALL
    SELECT o.root_id, p.locality_id, TRUE
    FROM own o JOIN roots r USING (root_id) JOIN localities n ON n.locality_id = o.locality_id
    JOIN localities p ON p.successor_id = n.locality_id AND p.level = n.level
    WHERE r.new_root AND $yr <= 2025),
slots AS (
    SELECT s.root_id, s.locality_id, s.bridged, l.level,
           -- an old unit goes with the new unit of its level succeeding it: a commune always, a province
           -- only in a new area's view (an old area's province has no successor inside it)
           CASE WHEN n.level = l.level AND (l.level = 'commune' OR r.new_root) THEN l.successor_id
                ELSE l.locality_id END AS group_id,
           coalesce(l.valid_from, DATE '1900-01-01') <= last_day(make_date($yr, 3 * $q, 1))
             AND coalesce(l.valid_to, DATE '9999-12-31') >= make_date($yr, 1, 1) AS in_period
    FROM (SELECT * FROM own UNION ALL SELECT * FROM bridged) s
    JOIN roots r USING (root_id)
    JOIN localities l ON l.locality_id = s.locality_id
    LEFT JOIN localities n ON n.locality_id = l.successor_id),
latest AS (  -- each counted unit's figures: `sum` adds its quarters, `last` takes its latest quarter
    SELECT root_id, locality_id, group_id, bridged, indicator_code, agg,
           CASE WHEN agg = 'sum' THEN n_sum ELSE n_last END AS n,
           CASE WHEN agg = 'sum' THEN d_sum ELSE d_last END AS d, note
    FROM (SELECT s.root_id, s.locality_id, s.group_id, s.bridged, f.indicator_code, i.numerator_agg AS agg,
                 sum(f.numerator) AS n_sum, arg_max(f.numerator, f.quarter) AS n_last,
                 sum(f.denominator) AS d_sum, arg_max(f.denominator, f.quarter) AS d_last,
                 arg_max(f.note, f.quarter) AS note
          FROM slots s
          JOIN current_figures f ON f.locality_id = s.locality_id AND f.year = $yr AND f.quarter <= $q
          JOIN indicators i ON i.code = f.indicator_code
          WHERE list_contains($codes, f.indicator_code)
          GROUP BY s.root_id, s.locality_id, s.group_id, s.bridged, f.indicator_code, i.numerator_agg)),
successor_reported AS (  -- new units (whichever area counts them) that reported, standing in for old ones
    SELECT DISTINCT f.locality_id AS group_id, f.indicator_code
    FROM current_figures f
    WHERE f.year = $yr AND f.quarter <= $q AND list_contains($codes, f.indicator_code)
      AND f.locality_id IN (SELECT group_id FROM slots WHERE group_id <> locality_id)),
counted AS (
    SELECT x.* FROM latest x
    LEFT JOIN successor_reported g USING (group_id, indicator_code)
    WHERE x.agg = 'sum' OR x.locality_id = x.group_id OR g.group_id IS NULL)
SELECT c.root_id, c.indicator_code, sum(c.n)::BIGINT, sum(c.d)::BIGINT,
       (SELECT count(DISTINCT x.locality_id) FROM latest x
        WHERE x.root_id = c.root_id AND x.indicator_code = c.indicator_code)::INTEGER,
       (SELECT count(DISTINCT s.locality_id) FROM slots s WHERE s.root_id = c.root_id AND s.in_period)::INTEGER,
       CASE WHEN count(*) = 1 THEN any_value(c.note) END,
       list(DISTINCT c.locality_id) FILTER (WHERE c.bridged)
FROM counted c GROUP BY c.root_id, c.indicator_code"""


@dataclass(frozen=True)
class LevelSource:
    """What a split target's figure includes across the reform, for the page's source column."""
    across: str | None = None          # 'successors' / 'predecessors': the other era's units are included
    units: tuple[str, ...] = ()        # ... their names
    ended: tuple[str, ...] = ()        # levels whose units stopped on 30/06/2025 (figures up to Q2 only)
    judged_quarter: int | None = None  # 2: every level ended, judged as at Q2 2025


def crosses_into_new_era(old_root: bool, year: int, quarter: int) -> bool:
    return old_root and year == REFORM_YEAR and quarter >= FIRST_NEW_QUARTER


def ended_levels(con: duckdb.DuckDBPyConnection, root: str, year: int, quarter: int,
                 levels: tuple[str, ...]) -> tuple[str, ...]:
    """The levels of a pre-2025 area with no unit after 30 June 2025, in a Q3-Q4 2025 view."""
    row = con.execute("SELECT coalesce(valid_to = DATE '2025-06-30', FALSE) FROM localities WHERE locality_id = ?",
                      [root]).fetchone()
    if not row or not crosses_into_new_era(row[0], year, quarter):
        return ()
    return tuple(level for level in levels if level in ENDED_LEVELS)


def level_figures(con: duckdb.DuckDBPyConnection, roots, year: int, quarter: int, levels: tuple[str, ...],
                  codes) -> tuple[Figures, dict[tuple[str, str], LevelSource]]:
    """Each root's sum of the own figures of the units at `levels` in its area (across the reform as above),
    for the indicators `codes`: (figures keyed like etl.figures, source per (root, indicator))."""
    roots = sorted(set(roots))
    rows = con.execute(_SQL, {"roots": roots, "yr": year, "q": quarter, "lvls": list(levels),
                              "codes": sorted(set(codes))}).fetchall()
    bridged_ids = sorted({u for row in rows for u in (row[7] or [])})
    names = dict(con.execute("SELECT locality_id, name FROM localities WHERE list_contains(?, locality_id) "
                             "ORDER BY code", [bridged_ids]).fetchall()) if bridged_ids else {}
    new_root = dict(con.execute("SELECT locality_id, coalesce(valid_from = DATE '2025-07-01', FALSE) FROM localities "
                                "WHERE list_contains(?, locality_id)", [roots]).fetchall())
    out: Figures = {}
    sources: dict[tuple[str, str], LevelSource] = {}
    ended_of = {root: ended_levels(con, root, year, quarter, levels) for root in {row[0] for row in rows}}
    for root, code, n, d, reported, total, note, bridged in rows:
        direction = ("predecessors" if new_root.get(root) else "successors") if bridged else None
        out.setdefault((root, year, quarter), {})[code] = Figure(n, d, False, reported, total, note, direction)
        ended = ended_of[root]
        sources[(root, code)] = LevelSource(direction, tuple(sorted((names[u] for u in bridged or []))), ended,
                                            2 if ended and len(ended) == len(levels) else None)
    return out, sources
