"""The data behind each page, one named function per page (no Streamlit: the bench and tests call
them directly; dashboard/state.py caches them). Every figure comes from etl.engine.attainment."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from etl.access.scope import Scope
from etl.engine import areas, attainment, lookups
from etl.engine import completeness as completeness_mod
from etl.engine.areas import Unit
from etl.engine.attainment import BEHIND, NOT_MET
from etl.engine.completeness import Rate, Submission
from etl.engine.results import TargetResult
from etl.model.periods import started


@dataclass(frozen=True)
class View:
    """What the sidebar chose (a plan, a year, the period 1 January → end of `quarter`, a unit) and
    what the account looking may see: every read below is limited to `scope`."""
    plan_id: str
    year: int
    quarter: int
    locality_id: str
    scope: Scope | None = None


@dataclass
class Overview:
    results: list[TargetResult]                       # the unit's targets
    units: list[Unit]                                 # its children (heatmap rows); empty when it has none
    grid: dict[str, list[TargetResult]]               # child -> its targets
    reported: Rate                                    # units that sent this quarter's return / expected (why)
    furthest_behind: list[TargetResult] = field(default_factory=list)


@dataclass
class Scorecard:
    results: list[TargetResult]
    parent_title: str | None = None
    parent: dict[str, list[TargetResult]] = field(default_factory=dict)   # target_id -> parent's matching targets


@dataclass
class Locality:
    path: list[Unit]                                  # breadcrumb from the plan's issuer down
    results: list[TargetResult]
    children: list[Unit]
    grid: dict[str, list[TargetResult]]
    reported: Rate


@dataclass
class Indicator:
    target: TargetResult                              # the unit's own result
    ranking: list[tuple[Unit, TargetResult]]          # children, best first
    years: list[TargetResult]                         # the same target in every year with data, up to this one


@dataclass
class Trend:
    target_id: str
    this_year: list[TargetResult]                     # quarter 1..4 year-to-date (those with a period started)
    last_year: list[TargetResult]


def overview(con: duckdb.DuckDBPyConnection, view: View, today: dt.date | None = None) -> Overview:
    results = attainment.evaluate(con, view.plan_id, view.year, view.quarter, view.locality_id, today,
                                  view.scope)
    kids = areas.children(con, view.locality_id, view.year, view.quarter, view.scope) if results else []
    grid = attainment.evaluate_many(con, view.plan_id, view.year, view.quarter,
                                    [k.locality_id for k in kids], today, view.scope) if kids else {}
    sent = completeness_mod.table(con, view.locality_id, view.year, [view.quarter], today, view.scope)
    return Overview(results, kids, grid, completeness_mod.rate(sent, view.quarter), furthest_behind(results))


def has_figure(r: TargetResult) -> bool:
    """Whether the result has a figure, shown or hidden as a small number (etl/engine/privacy.py)."""
    return r.numerator is not None or r.suppressed


def reported_targets(grid: dict[str, list[TargetResult]]) -> list[str]:
    """Targets at least one of the units has a figure for (the heatmap's columns), in plan order."""
    rows = list(grid.values())
    return [r.target_id for i, r in enumerate(rows[0]) if any(has_figure(row[i]) for row in rows)] \
        if rows else []


def furthest_behind(results: list[TargetResult], n: int = 3) -> list[TargetResult]:
    """Targets not met or behind, the largest shortfall against what was due by now first."""
    def shortfall(r: TargetResult) -> float:
        if r.expected in (None, 0) or r.actual is None:
            return 1.0
        gap = (r.expected - r.actual) / r.expected if r.comparator != "at_most" else (r.actual - r.expected) / max(
            r.expected, 1)
        return gap
    late = [r for r in results if r.status in (NOT_MET, BEHIND)]
    return sorted(late, key=lambda r: (r.status != NOT_MET, -shortfall(r)))[:n]


def scorecard(con: duckdb.DuckDBPyConnection, view: View, today: dt.date | None = None) -> Scorecard:
    results = attainment.evaluate(con, view.plan_id, view.year, view.quarter, view.locality_id, today,
                                  view.scope)
    parent = lookups.parent_plan(con, view.plan_id)
    if parent is None:
        return Scorecard(results)
    parent_id, title, year_from, year_to = parent
    if year_from <= view.year <= year_to:
        theirs = attainment.evaluate(con, parent_id, view.year, view.quarter, None, today, view.scope)
    else:
        theirs = []
    matching = {r.target_id: [p for p in theirs if p.indicator_code == r.indicator_code] for r in results}
    return Scorecard(results, title, matching)


def locality(con: duckdb.DuckDBPyConnection, view: View, top: str, today: dt.date | None = None) -> Locality:
    o = overview(con, view, today)
    return Locality(areas.path(con, view.locality_id, top, view.scope), o.results, o.units, o.grid, o.reported)


def indicator(con: duckdb.DuckDBPyConnection, view: View, target_id: str,
              today: dt.date | None = None) -> Indicator | None:
    own = [r for r in attainment.evaluate(con, view.plan_id, view.year, view.quarter, view.locality_id, today,
                                          view.scope)
           if r.target_id == target_id]
    if not own:
        return None
    kids = areas.children(con, view.locality_id, view.year, view.quarter, view.scope)
    grid = attainment.evaluate_many(con, view.plan_id, view.year, view.quarter,
                                    [k.locality_id for k in kids], today, view.scope) if kids else {}
    ranking = rank(kids, grid, target_id)
    years = lookups.years_with_data(con, view.locality_id, own[0].indicator_code)
    periods = [(y, 4 if y < view.year else view.quarter) for y in years if y <= view.year]
    over_years = attainment.evaluate_periods(con, view.plan_id, view.locality_id, periods, today, view.scope)
    by_year = [r for p in periods for r in over_years.get(p, []) if r.target_id == target_id]
    return Indicator(own[0], ranking, by_year)


def rank(units: list[Unit], grid: dict[str, list[TargetResult]], target_id: str) -> list[tuple[Unit, TargetResult]]:
    """Units by their result on one target: best first (least for an "at most" target), no data last."""
    pairs = [(u, r) for u in units for r in grid[u.locality_id] if r.target_id == target_id]
    sign = lambda r: 1 if r.comparator == "at_most" else -1  # noqa: E731
    return sorted(pairs, key=lambda ur: (ur[1].actual is None, sign(ur[1]) * (ur[1].actual or 0), ur[0].code))


def trend(con: duckdb.DuckDBPyConnection, view: View, target_id: str, today: dt.date | None = None) -> Trend:
    today = today or dt.date.today()
    periods = [(y, q) for y in (view.year - 1, view.year) for q in range(1, 5)
               if started(y, q, today)]
    got = attainment.evaluate_periods(con, view.plan_id, view.locality_id, periods, today, view.scope)
    pick = lambda y: [r for (yy, _), rs in sorted(got.items()) if yy == y for r in rs  # noqa: E731
                      if r.target_id == target_id]
    return Trend(target_id, [r for r in pick(view.year) if r.quarter <= view.quarter], pick(view.year - 1))


def completeness(con: duckdb.DuckDBPyConnection, view: View, today: dt.date | None = None) -> list[Submission]:
    today = today or dt.date.today()
    quarters = [q for q in range(1, view.quarter + 1) if started(view.year, q, today)]
    return completeness_mod.table(con, view.locality_id, view.year, quarters or [1], today, view.scope)
