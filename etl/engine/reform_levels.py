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
Called from the one place attainment is computed (etl/engine/attainment.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.engine.figures import Figure, Figures
from etl.model import periods
from etl.model.periods import REFORM_YEAR

ENDED_LEVELS = ("province", "district")   # an old area's units at these levels have no successor inside it

_ROOTS_SQL = """SELECT locality_id, coalesce(valid_to = DATE '2025-06-30', FALSE),
       coalesce(valid_from = DATE '2025-07-01', FALSE) FROM localities WHERE list_contains($roots, locality_id)"""

_OWN_SQL = "SELECT ancestor_id, locality_id FROM locality_closure WHERE list_contains($roots, ancestor_id)"

_SUCCESSORS_SQL = """SELECT b.locality_id, b.member_id FROM era_bridge b
WHERE b.direction = 'successors' AND list_contains($roots, b.locality_id)"""

# a unit's successor at its own level is the era bridge's predecessors relation read backwards
_SAME_LEVEL_SQL = """SELECT locality_id, member_id FROM era_bridge
WHERE direction = 'predecessors' AND (list_contains($units, member_id) OR list_contains($new_units, locality_id))"""

_INFO_SQL = """SELECT locality_id, name, level, coalesce(valid_from, DATE '1900-01-01'),
       coalesce(valid_to, DATE '9999-12-31')
FROM localities WHERE list_contains($units, locality_id)"""

_FIGURES_SQL = """SELECT f.locality_id, f.quarter, f.indicator_code, f.numerator, f.denominator, f.note, i.numerator_agg
FROM current_figures f JOIN indicators i ON i.code = f.indicator_code
WHERE f.year = $yr AND f.quarter <= $q AND list_contains($codes, f.indicator_code)
  AND list_contains($units, f.locality_id)
ORDER BY f.quarter"""


@dataclass(frozen=True)
class LevelSource:
    """What a split target's figure includes across the reform, for the page's source column."""
    across: str | None = None          # 'successors' / 'predecessors': the other era's units are included
    units: tuple[str, ...] = ()        # ... their names
    ended: tuple[str, ...] = ()        # levels whose units stopped on 30/06/2025 (figures up to Q2 only)
    judged_quarter: int | None = None  # 2: every level ended, judged as at Q2 2025


def crosses_into_new_era(old_root: bool, year: int, quarter: int) -> bool:
    return old_root and year == REFORM_YEAR and periods.after_reform(year, quarter)


def ended_levels(old_root: bool, year: int, quarter: int, levels: tuple[str, ...]) -> tuple[str, ...]:
    """The levels of a pre-2025 area with no unit after 30 June 2025, in a Q3-Q4 2025 view."""
    if not crosses_into_new_era(old_root, year, quarter):
        return ()
    return tuple(level for level in levels if level in ENDED_LEVELS)


def level_figures(con: duckdb.DuckDBPyConnection, roots, year: int, quarter: int,
                  wanted: dict[tuple[str, ...], set[str]]) -> dict[tuple[str, ...], tuple[Figures, dict]]:
    """For each set of levels in `wanted` (-> the indicators asked at those levels), each root's sum of the own
    figures of the units at those levels in its area (across the reform as above): levels -> (figures keyed
    like etl.engine.figures, LevelSource per (root, indicator)). One set of reads whatever the number of levels."""
    eras = {root: (old, new) for root, old, new in con.execute(_ROOTS_SQL, {"roots": sorted(set(roots))}).fetchall()}
    all_levels = sorted({level for levels in wanted for level in levels})
    all_codes = sorted({code for codes in wanted.values() for code in codes})
    slots, names = _slots(con, eras, year, quarter, all_levels)
    units = sorted({u for rows in slots.values() for u, *_ in rows} | {row[2] for rows in slots.values() for row in rows})
    own = _own_figures(con, year, quarter, units, all_codes)
    reported_by_successor = {(row[2], code) for rows in slots.values() for row in rows if row[2] != row[0]
                             for code in all_codes if (row[2], code) in own}
    out = {}
    for levels, codes in wanted.items():
        figures: Figures = {}
        sources: dict[tuple[str, str], LevelSource] = {}
        for root, every in slots.items():
            rows = [row for row in every if row[4] in levels]
            total = len({u for u, _, _, in_period, _ in rows if in_period})
            ended = ended_levels(eras[root][0], year, quarter, levels)
            for code in sorted(codes):
                mine = [(u, bridged, g, own[(u, code)]) for u, bridged, g, _, _ in rows if (u, code) in own]
                if not mine:
                    continue
                counted = [(u, bridged, fig) for u, bridged, g, fig in mine
                           if fig[3] == "sum" or u == g or (g, code) not in reported_by_successor]
                denominators = [fig[1] for _, _, fig in counted if fig[1] is not None]
                across = sorted({names[u] for u, bridged, _ in counted if bridged})
                direction = ("predecessors" if eras[root][1] else "successors") if across else None
                figures.setdefault((root, year, quarter), {})[code] = Figure(
                    sum(fig[0] for _, _, fig in counted), sum(denominators) if denominators else None, False,
                    len({u for u, *_ in mine}), total, counted[0][2][2] if len(counted) == 1 else None, direction)
                sources[(root, code)] = LevelSource(direction, tuple(across), ended,
                                                    2 if ended and len(ended) == len(levels) else None)
        out[levels] = (figures, sources)
    return out


def _slots(con, eras, year: int, quarter: int, levels: list[str]):
    """(root -> [(unit, from the other era, its group, valid in the period, level)], unit -> name): the units in
    the root's area. A unit's group is the new unit of its level that succeeds it (a commune always, a province
    only in a new area's view: an old area's province has no successor inside it), else itself."""
    params = {"roots": sorted(eras)}
    pairs = [(root, unit, False) for root, unit in con.execute(_OWN_SQL, params).fetchall()]
    if year >= REFORM_YEAR and any(old for old, _ in eras.values()):
        pairs += [(root, unit, True) for root, unit in con.execute(_SUCCESSORS_SQL, params).fetchall()
                  if eras[root][0]]
    info = _info(con, {u for _, u, _ in pairs})
    pairs = [(root, unit, bridged) for root, unit, bridged in pairs if info[unit][1] in levels]
    new_units = {unit: root for root, unit, _ in pairs if eras[root][1]} if year <= REFORM_YEAR else {}
    successor_of = {}
    for new, old in con.execute(_SAME_LEVEL_SQL, {"units": sorted({u for _, u, _ in pairs}),
                                                  "new_units": sorted(new_units)}).fetchall():
        successor_of[old] = new
        if new in new_units:
            pairs.append((new_units[new], old, True))   # a new area's predecessors, before 1 July 2025
    info.update(_info(con, {u for _, u, _ in pairs} - set(info)))
    first, end = periods.year_to_date(year, quarter)
    slots: dict[str, list] = {root: [] for root in eras}
    for root, unit, bridged in pairs:
        _, level, valid_from, valid_to = info[unit]
        in_period = valid_from <= end and valid_to >= first
        if not bridged and not (in_period or (eras[root][1] and valid_to >= first)):
            continue   # the area's own units valid in the year up to the quarter (a new area: all of them)
        grouped = unit in successor_of and (level == "commune" or eras[root][1])
        slots[root].append((unit, bridged, successor_of[unit] if grouped else unit, in_period, level))
    return slots, {unit: row[0] for unit, row in info.items()}


def _info(con, units) -> dict[str, tuple]:
    """unit -> (name, level, valid from, valid to)."""
    if not units:
        return {}
    return {row[0]: row[1:] for row in con.execute(_INFO_SQL, {"units": sorted(units)}).fetchall()}


def _own_figures(con, year: int, quarter: int, units: list[str], codes) -> dict[tuple[str, str], tuple]:
    """(unit, indicator) -> (numerator, denominator, note, aggregation) of the unit's own returns in the year up
    to the quarter: `sum` adds its quarters, `last` takes its latest quarter."""
    if not units:
        return {}
    out: dict[tuple[str, str], tuple] = {}
    rows = con.execute(_FIGURES_SQL, {"yr": year, "q": quarter, "codes": sorted(set(codes)), "units": units}).fetchall()
    for unit, _, code, n, d, note, agg in rows:   # ordered by quarter: the latest comes last
        before = out.get((unit, code))
        if agg == "sum" and before is not None:
            d = None if before[1] is None and d is None else (before[1] or 0) + (d or 0)
            n = before[0] + n
            note = note if note is not None else before[2]
        out[(unit, code)] = (n, d, note, agg)
    return out
