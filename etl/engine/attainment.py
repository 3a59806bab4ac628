"""The one attainment engine: for a plan, year, quarter and locality, each target's figure and status.

`judge` holds the rules of DOMAIN.md and touches no database; `evaluate` gathers the figures
(etl.engine.figures) and judges every target. Pages, exports and the CLI all call `evaluate`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import NamedTuple

import duckdb

from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import comparison, privacy, reform_levels
from etl.engine import figures as figures_mod
from etl.engine.figures import Figure
from etl.engine.results import TargetResult
from etl.model import catalog, indicators, periods, reform, target_words
from etl.model.catalog import Target
from etl.model.indicators import Indicator
from etl.storage import db

MET, ON_TRACK, BEHIND, NOT_MET, NO_DATA = "met", "on_track", "behind", "not_met", "no_data"
STATUSES = (MET, ON_TRACK, BEHIND, NOT_MET, NO_DATA)


@dataclass(frozen=True)
class TargetRule:
    rule: str
    value: float | None
    value_high: float | None = None
    year: int | None = None


@dataclass(frozen=True)
class Judgement:
    actual: float | None      # % for shares and growth, the count otherwise
    expected: float | None    # what the target asks by this quarter (pro-rated where it accumulates)
    status: str
    exceeded: bool = False    # above the upper end of a range or growth band


def accumulates(indicator: Indicator) -> bool:
    """Judged against a pro-rated part mid-year: a share of year-to-date over a stock, or a summed count.

    A rate of two flows (handled / received) is judged at full value every quarter.
    """
    if indicator.kind == "share":
        return indicator.numerator_agg == "last" and indicator.denominator_agg == "last"
    return indicator.kind == "count" and indicator.numerator_agg == "sum"


def elapsed_fraction(target: TargetRule, year: int, quarter: int, plan_years: tuple[int, int]) -> Fraction:
    """Share of the target's time gone by the end of `quarter`: of the year, or of the whole
    period up to the deadline for a cumulative target."""
    if target.rule == "cumulative_by":
        start, deadline = plan_years[0], target.year or plan_years[1]
        total = 4 * (deadline - start + 1)
        return Fraction(4 * (year - start) + quarter, total)
    return Fraction(quarter, 4)


def share_pct(figure: Figure) -> float | None:
    if not figure.denominator:
        return None
    return 100.0 * figure.numerator / figure.denominator


def judge(target: TargetRule, indicator: Indicator, figure: Figure | None, year: int, quarter: int,
          plan_years: tuple[int, int], previous: Figure | None = None, year_over: bool | None = None) -> Judgement:
    """Status of one target for one locality and period, with the rules of DOMAIN.md.

    year_over: whether the year has ended (default: a Q4 view is the closed year). Until it has,
    a target not yet reached is behind or on track, never "not met".
    """
    if figure is None:
        return Judgement(None, None, NO_DATA)
    year_over = quarter == 4 if year_over is None else (quarter == 4 and year_over)
    if target.rule in ("growth", "no_decrease"):
        return _judge_against_last_year(target, figure, previous, year_over)
    closed = year_over and (target.rule != "cumulative_by" or year >= (target.year or plan_years[1]))
    paced = target.rule != "at_most" and target.rule != "qualitative" and (
        accumulates(indicator) or target.rule == "cumulative_by")
    fraction = elapsed_fraction(target, year, quarter, plan_years) if paced else Fraction(1)
    full = Fraction(target.value if target.value is not None else 100)
    actual = figure.numerator if _counts_units(target, indicator) else share_pct(figure)
    meets = lambda level: _meets(target, indicator, figure, level)  # noqa: E731
    exceeded = target.rule == "range" and target.value_high is not None and figure.numerator > target.value_high
    expected = float(full * fraction)
    if meets(full):
        status = MET
    elif closed:
        status = NOT_MET
    elif paced and meets(full * fraction):
        status = ON_TRACK
    else:
        status = BEHIND
    return Judgement(actual, expected, status, exceeded)


def _counts_units(target: TargetRule, indicator: Indicator) -> bool:
    return indicator.kind == "count" or target.rule == "n_of_n"


def _meets(target: TargetRule, indicator: Indicator, figure: Figure, level: Fraction) -> bool:
    n, d = figure.numerator, figure.denominator
    if target.rule == "at_most":
        return n <= level
    if target.rule == "qualitative":
        return bool(d) and n >= d
    if _counts_units(target, indicator):
        return n >= level
    return not d or n * 100 >= level * d  # nothing to act on (0 of 0) counts as done


def _judge_against_last_year(target: TargetRule, figure: Figure, previous: Figure | None, closed: bool) -> Judgement:
    n = figure.numerator
    if previous is None:
        return Judgement(float(n) if target.rule == "no_decrease" else None, None, NO_DATA)
    p = previous.numerator
    if target.rule == "no_decrease":
        meets, actual, expected, exceeded = n >= p, float(n), float(p), False
    else:
        growth = Fraction(n - p) * 100 / p if p else None
        meets = n > 0 if growth is None else growth >= Fraction(target.value)
        actual = None if growth is None else float(growth)
        expected = float(target.value)
        exceeded = growth is not None and target.value_high is not None and growth > Fraction(target.value_high)
    if meets:
        status = MET if closed else ON_TRACK
    else:
        status = NOT_MET if closed else BEHIND
    return Judgement(actual, expected, status, exceeded)


# --- evaluation against the database ---------------------------------------------------------

class PlanNotFound(LookupError):
    pass


class YearOutsidePlan(ValueError):
    pass


_TARGET_FIELDS = tuple(f.name for f in fields(Target))   # the targets table's columns, by name
_TARGETS_SQL = f"SELECT {', '.join(_TARGET_FIELDS)} FROM targets WHERE plan_id = ? ORDER BY position"


class Judged(NamedTuple):
    """A target to judge with its indicator."""
    target: Target
    indicator: Indicator


@dataclass(frozen=True)
class _Context:
    """What every cell's judgement shares: the plan, the figures read once for all cells, the reform's facts."""
    plan_id: str
    plan_years: tuple[int, int]
    today: dt.date
    codes: dict[str, str]                  # locality_id -> code
    current: dict                          # cell (+ levels) -> indicator -> Figure
    previous: dict                         # last year's cells -> indicator -> Figure
    kids: comparison.Children | None       # units below and their figures (growth, no decrease), else None
    members: dict[str, reform.Members]     # a bridged unit -> the other era's units its figure includes
    level_sources: dict                    # split by level: cell + levels + indicator -> reform_levels source
    merged: dict[str, str]                 # an old commune merged with others on 1 July 2025 -> the new unit


def plan_header(con: duckdb.DuckDBPyConnection, plan_id: str) -> tuple[str, int, int]:
    row = db.one(con, "SELECT issuer_id, year_from, year_to FROM plans WHERE plan_id = ?", [plan_id])
    if row is None:
        raise PlanNotFound(plan_id)
    return row


def evaluate(con: duckdb.DuckDBPyConnection, plan_id: str, year: int, quarter: int = 4,
             locality_id: str | None = None, today: dt.date | None = None,
             scope: Scope | None = None) -> list[TargetResult]:
    """Every target of the plan that applies in `year`, judged for the locality (default: the issuer)
    on its figures from 1 January up to the end of `quarter`, as of `today` (default: now).
    Nothing for a locality outside `scope` (the account's)."""
    root = locality_id or plan_header(con, plan_id)[0]
    return evaluate_many(con, plan_id, year, quarter, [root], today, scope).get(root, [])


def evaluate_many(con: duckdb.DuckDBPyConnection, plan_id: str, year: int, quarter: int,
                  locality_ids: list[str], today: dt.date | None = None,
                  scope: Scope | None = None) -> dict[str, list[TargetResult]]:
    """`evaluate` for several localities at once (a unit's children, a ranking)."""
    _, year_from, year_to = plan_header(con, plan_id)
    if not year_from <= year <= year_to:
        raise YearOutsidePlan(f"{year} ∉ {year_from}–{year_to}")
    cells = _evaluate_cells(con, plan_id, [(loc, year, quarter) for loc in locality_ids], today, scope)
    return {loc: results for (loc, _, _), results in cells.items()}


def evaluate_periods(con: duckdb.DuckDBPyConnection, plan_id: str, locality_id: str,
                     periods: list[tuple[int, int]], today: dt.date | None = None,
                     scope: Scope | None = None) -> dict[tuple[int, int], list[TargetResult]]:
    """One locality over several (year, quarter) periods, for trends. A year outside the plan is
    judged on the targets that hold every year, so that last year can be set beside this one."""
    cells = _evaluate_cells(con, plan_id, [(locality_id, y, q) for y, q in periods], today, scope)
    return {(y, q): results for (_, y, q), results in cells.items()}


def _evaluate_cells(con: duckdb.DuckDBPyConnection, plan_id: str, cells: list[tuple[str, int, int]],
                    today: dt.date | None, scope: Scope | None) -> dict[tuple[str, int, int], list[TargetResult]]:
    """The engine's one loop: every applicable target judged in every cell (locality, year, quarter),
    with one read per kind of figure whatever the number of cells. Runs on `con` itself, so a
    transaction (a load's preview) sees its own writes. For an account's `scope`: only the cells it
    covers, small person counts of other localities hidden (etl/engine/privacy.py; judged on the real figures)."""
    today = today or dt.date.today()
    _, year_from, year_to = plan_header(con, plan_id)
    visible = access.allowed(con, scope, {c[0] for c in cells})
    cells = [c for c in dict.fromkeys(cells) if c[0] in visible]
    if not cells:
        return {}
    locs, years, quarters = ({c[i] for c in cells} for i in range(3))
    codes = dict(con.execute("SELECT locality_id, code FROM localities WHERE list_contains(?, locality_id)",
                             [sorted(locs)]).fetchall())
    known = indicators.indicators(con)
    by_year = {y: targets_of_year(con, plan_id, y, today, known) for y in years}
    current: dict = figures_mod.area(con, locs, years, quarters)
    split, level_sources = {}, {}  # split by level (etl/engine/reform_levels.py): cell + levels -> figures, sources
    for t, _ in (j for js in by_year.values() for j in js if j.target.levels):
        split.setdefault(t.levels, set()).add(t.indicator_code)
    for year, quarter in {(y, q) for _, y, q in cells} if split else ():
        for levels, (figs, sources) in reform_levels.level_figures(con, locs, year, quarter, split).items():
            for (loc, y, q), found in figs.items():
                current[(loc, y, q, levels)] = found
            for (loc, code), found in sources.items():
                level_sources[(loc, year, quarter, levels, code)] = found
    previous = figures_mod.area(con, locs, {y - 1 for y in years}, quarters | {4})
    across_years = any(j.target.rule in ("growth", "no_decrease") for js in by_year.values() for j in js)
    bridged = {key[0] for key, figs in current.items() if any(f.across for f in figs.values())}
    ctx = _Context(plan_id, (year_from, year_to), today, codes, current, previous,
                   comparison.children(con, locs, years, quarters) if across_years else None,
                   reform.members_many(con, bridged) if bridged else {}, level_sources,
                   reform.merged_into_many(con, {loc for loc, y, q in cells if periods.after_reform(y, q)}))
    results = {}
    for loc, year, quarter in cells:
        in_plan = year_from <= year <= year_to
        results[(loc, year, quarter)] = [
            _result(ctx, j, loc, year, quarter) for j in by_year[year] if _applies(j.target.rule, j.target.year, year)
            if in_plan or (j.target.year is None and j.target.rule != "cumulative_by")]
    return privacy.suppress(con, results, scope)


def targets_of_year(con: duckdb.DuckDBPyConnection, plan_id: str, year: int, today: dt.date,
                    known: dict[str, Indicator] | None = None) -> list[Judged]:
    """The plan's targets as they stood when `year` ended: a change made in the app later (kept in
    plan_changes) does not rewrite a closed year's attainment. The current targets otherwise.
    A target whose indicator is not in the database (`known`, read if not given) is left out."""
    year_end = dt.datetime(year, 12, 31, 23, 59, 59)
    targets = [_target(dict(zip(_TARGET_FIELDS, row))) for row in con.execute(_TARGETS_SQL, [plan_id]).fetchall()]
    then = None
    if dt.datetime.combine(today, dt.time()) > year_end:
        then = db.one(con, "SELECT before FROM plan_changes WHERE plan_id = ? AND changed_at > ? ORDER BY change_id",
                      [plan_id, year_end])
    if then is not None and then[0] is not None:  # changed since: as it stood then (else as it is now)
        (plan,) = catalog.parse_plans(then[0])
        targets = plan.targets
    known = indicators.indicators(con) if known is None else known
    return [Judged(t, known[t.indicator_code]) for t in targets if t.indicator_code in known]


def _target(row: dict) -> Target:
    return Target(**{**row, "levels": tuple(row["levels"]) if row["levels"] else None})


def _result(ctx: _Context, judged: Judged, loc: str, year: int, quarter: int) -> TargetResult:
    t, indicator = judged
    code = t.indicator_code
    key = (loc, year, quarter, t.levels) if t.levels else (loc, year, quarter)
    figure = ctx.current.get(key, {}).get(code)
    level_source = ctx.level_sources.get((*key, code)) if t.levels else None
    judged_quarter = level_source.judged_quarter if level_source else None
    merged_into = ctx.merged.get(loc) if periods.after_reform(year, quarter) else None
    if merged_into and year == periods.REFORM_YEAR:  # merged with others on 1 July 2025: its own figures end at Q2
        judged_quarter = judged_quarter or 2
    before, compared = None, None
    if t.rule in ("growth", "no_decrease"):
        before_quarter = quarter if t.rule == "growth" else 4
        before = ctx.previous.get((loc, year - 1, before_quarter), {}).get(code)
        if ctx.kids is not None and not t.levels:
            pair = comparison.matched(figure, before, ctx.kids, loc, year, quarter, before_quarter, code)
            figure, before, compared = pair.now, pair.before, pair.compared
    j = judge(TargetRule(t.rule, t.value, t.value_high, t.year), indicator, figure,
              year, judged_quarter or quarter, ctx.plan_years, before, ctx.today > dt.date(year, 12, 31))
    members = ctx.members.get(loc)
    if level_source:
        members = reform.Members(level_source.across, list(level_source.units), []) if level_source.across else None
    across = members if members and figure and figure.across else None
    return TargetResult(
        ctx.plan_id, t.target_id, loc, ctx.codes.get(loc, loc), code, indicator.name, t.levels, t.section, year,
        quarter, t.rule, t.value if t.value is not None else j.expected, t.value_high, t.unit,
        figure.numerator if figure else None, figure.denominator if figure else None,
        j.actual, j.expected, j.status, j.exceeded,
        before.numerator if before else None,
        figure.own_return if figure else None,
        figure.children_reported if figure else None, figure.children_total if figure else None,
        figure.note if figure else None, t.clause, across=figure.across if figure else None, compared=compared,
        target_year=target_words.deadline(t.rule, t.year, ctx.plan_years[1]),
        across_units=tuple(across.names) if across else (), across_split=tuple(across.split) if across else (),
        ended_levels=level_source.ended if level_source else (), judged_quarter=judged_quarter,
        merged_into=merged_into)


def _applies(rule: str, target_year: int | None, year: int) -> bool:
    if target_year is None:
        return True
    return year <= target_year if rule == "cumulative_by" else year == target_year
