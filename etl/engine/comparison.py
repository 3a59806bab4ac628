"""Comparisons between years on the same units (issue 14, rule 4).

Growth, "no decrease" and the trend's this year vs last compare an area's figure with last year's. Both
come through the era bridge (migration 013), so an area is the same area in both years. When both are
roll-ups and some of the area's units have figures in one year only, the comparison is made on the units
that have both, and says how many they are.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.engine import figures as figures_mod
from etl.engine.figures import Figure, Figures

_CHILDREN_SQL = """
SELECT l.parent_id, l.locality_id FROM localities l
WHERE list_contains(?, l.parent_id)
  AND valid_during(l.valid_from, l.valid_to, make_date(?, 1, 1), make_date(?, 12, 31))
ORDER BY l.code"""


@dataclass(frozen=True)
class Pair:
    now: Figure | None
    before: Figure | None
    compared: tuple[int, int] | None = None   # units with figures in both years / units of the area


@dataclass
class Children:
    """The units below some areas and their figures in a year and the year before."""
    below: dict[str, list[str]]
    now: Figures
    before: Figures


def children(con: duckdb.DuckDBPyConnection, locality_ids, years, quarters) -> Children:
    below: dict[str, list[str]] = {}
    for year in set(years):
        for parent, child in con.execute(_CHILDREN_SQL, [sorted(set(locality_ids)), year, year]).fetchall():
            below.setdefault(f"{parent}|{year}", []).append(child)
    kids = {c for cs in below.values() for c in cs}
    if not kids:
        return Children(below, {}, {})
    return Children(below, figures_mod.area(con, kids, years, quarters),
                    figures_mod.area(con, kids, {y - 1 for y in years}, set(quarters) | {4}))


def _sum(figs: list[Figure], total: int) -> Figure:
    denominators = [f.denominator for f in figs if f.denominator is not None]
    return Figure(sum(f.numerator for f in figs), sum(denominators) if denominators else None, False,
                  len(figs), total)


def matched(now: Figure | None, before: Figure | None, kids: Children, locality_id: str, year: int,
            quarter: int, before_quarter: int, indicator: str) -> Pair:
    """This year's and last year's figure of an area on the same units."""
    if now is None or before is None or now.own_return or before.own_return or now.across or before.across:
        return Pair(now, before)
    units = kids.below.get(f"{locality_id}|{year}", [])
    if not units:
        return Pair(now, before)
    this = {u: kids.now.get((u, year, quarter), {}).get(indicator) for u in units}
    last = {u: kids.before.get((u, year - 1, before_quarter), {}).get(indicator) for u in units}
    both = [u for u in units if this[u] is not None and last[u] is not None]
    either = [u for u in units if this[u] is not None or last[u] is not None]
    if len(both) == len(either):
        return Pair(now, before, (len(both), len(units)))
    if not both:
        return Pair(now, None, (0, len(units)))
    return Pair(_sum([this[u] for u in both], len(units)), _sum([last[u] for u in both], len(units)),
                (len(both), len(units)))
