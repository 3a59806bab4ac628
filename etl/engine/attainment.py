"""The one attainment engine: for a plan, year, quarter and locality, each target's figure and status.

`judge` holds the rules of DOMAIN.md and touches no database; `evaluate` gathers the figures
(etl.engine.figures) and judges every target. Pages, exports and the CLI all call `evaluate`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from fractions import Fraction

import duckdb

from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import comparison, privacy, reform_levels
from etl.engine import figures as figures_mod
from etl.engine.figures import Figure
from etl.model import catalog, reform
from etl.storage import db

MET, ON_TRACK, BEHIND, NOT_MET, NO_DATA = "met", "on_track", "behind", "not_met", "no_data"
STATUSES = (MET, ON_TRACK, BEHIND, NOT_MET, NO_DATA)


@dataclass(frozen=True)
class IndicatorRule:
    """What the rules need to know of an indicator."""
    kind: str            # share | count | qualitative
    numerator_agg: str   # sum | last
    denominator_agg: str | None = None


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


def accumulates(indicator: IndicatorRule) -> bool:
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


def judge(target: TargetRule, indicator: IndicatorRule, figure: Figure | None, year: int, quarter: int,
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


def _counts_units(target: TargetRule, indicator: IndicatorRule) -> bool:
    return indicator.kind == "count" or target.rule == "n_of_n"


def _meets(target: TargetRule, indicator: IndicatorRule, figure: Figure, level: Fraction) -> bool:
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

@dataclass(frozen=True)
class TargetResult:
    plan_id: str
    target_id: str
    locality_id: str
    locality_code: str
    indicator_code: str
    indicator_name: str
    levels: tuple[str, ...] | None
    section: str
    year: int
    quarter: int
    comparator: str
    target_value: float | None
    target_value_high: float | None
    unit: str
    numerator: int | None
    denominator: int | None
    actual: float | None
    expected: float | None
    status: str
    exceeded: bool
    previous_numerator: int | None
    own_return: bool | None
    children_reported: int | None
    children_total: int | None
    note: str | None
    clause: str
    suppressed: bool = False   # small numbers hidden from a viewer outside the locality (etl/engine/privacy.py)
    secondary: tuple[str, ...] = ()   # fields hidden only to protect a small number elsewhere (not small)
    across: str | None = None  # 'predecessors' / 'successors': the figure includes the other era's units
    compared: tuple[int, int] | None = None   # growth / no decrease: units with figures both years / units
    target_year: int | None = None            # the target's own year (a deadline: the plan's end by default)
    across_units: tuple[str, ...] = ()        # the other era's units the figure includes (etl/model/reform.py)
    across_split: tuple[str, ...] = ()        # ... of them, counted here by the majority of their predecessors
    ended_levels: tuple[str, ...] = ()        # split by level: levels whose units stopped on 30/06/2025
    judged_quarter: int | None = None         # ... every level ended: judged as at this quarter (2)
    merged_into: str | None = None            # an old commune merged with others on 1 July 2025: the new unit

    def as_dict(self) -> dict:
        return asdict(self)


class PlanNotFound(LookupError):
    pass


class YearOutsidePlan(ValueError):
    pass


_TARGETS_SQL = """
SELECT t.target_id, t.indicator_code, i.name, t.section, t.rule, t.value, t.value_high, t.unit, t.year,
       t.levels, t.clause, i.kind, i.numerator_agg, i.denominator_agg
FROM targets t JOIN indicators i ON i.code = t.indicator_code
WHERE t.plan_id = ? ORDER BY t.position"""


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
    by_year = {y: targets_of_year(con, plan_id, y, today) for y in years}
    current: dict = figures_mod.area(con, locs, years, quarters)
    split, level_sources = {}, {}  # split by level (etl/engine/reform_levels.py): cell + levels -> figures, sources
    for t in (t for ts in by_year.values() for t in ts if t[9]):
        split.setdefault(tuple(t[9]), set()).add(t[1])
    for year, quarter in {(y, q) for _, y, q in cells} if split else ():
        for levels, (figs, sources) in reform_levels.level_figures(con, locs, year, quarter, split).items():
            for (loc, y, q), found in figs.items():
                current[(loc, y, q, levels)] = found
            for (loc, code), found in sources.items():
                level_sources[(loc, year, quarter, levels, code)] = found
    previous = figures_mod.area(con, locs, {y - 1 for y in years}, quarters | {4})
    across_years = any(t[4] in ("growth", "no_decrease") for ts in by_year.values() for t in ts)
    kids = comparison.children(con, locs, years, quarters) if across_years else None
    merged = reform.merged_into_many(con, {loc for loc, y, q in cells if reform.after_reform(y, q)})
    bridged = {key[0] for key, figs in current.items() if any(f.across for f in figs.values())}
    members = reform.members_many(con, bridged) if bridged else {}
    results = {}
    for loc, year, quarter in cells:
        in_plan = year_from <= year <= year_to
        results[(loc, year, quarter)] = [
            _result(plan_id, t, loc, codes.get(loc, loc), year, quarter, (year_from, year_to), current, previous,
                    today, kids, members.get(loc), level_sources,
                    merged.get(loc) if reform.after_reform(year, quarter) else None)
            for t in by_year[year] if _applies(t[4], t[8], year)
            if in_plan or (t[8] is None and t[4] != "cumulative_by")]
    return privacy.suppress(con, results, scope)


def targets_of_year(con: duckdb.DuckDBPyConnection, plan_id: str, year: int, today: dt.date) -> list[tuple]:
    """The plan's targets as they stood when `year` ended: a change made in the app later (kept in
    plan_changes) does not rewrite a closed year's attainment. The current targets otherwise."""
    year_end = dt.datetime(year, 12, 31, 23, 59, 59)
    rows = con.execute(_TARGETS_SQL, [plan_id]).fetchall()
    if dt.datetime.combine(today, dt.time()) <= year_end:
        return rows
    then = db.one(con, "SELECT before FROM plan_changes WHERE plan_id = ? AND changed_at > ? ORDER BY change_id",
                  [plan_id, year_end])
    if then is None or then[0] is None:  # unchanged since, or made after the year: as it is now
        return rows
    info = {code: (name, kind, n, d) for code, name, kind, n, d in con.execute(
        "SELECT code, name, kind, numerator_agg, denominator_agg FROM indicators").fetchall()}
    (plan,) = catalog.parse_plans(then[0])
    return [(t.target_id, t.indicator_code, info[t.indicator_code][0], t.section, t.rule, t.value, t.value_high,
             t.unit, t.year, list(t.levels) if t.levels else None, t.clause, *info[t.indicator_code][1:])
            for t in plan.targets]


def _result(plan_id, target_row, loc, code, year, quarter, plan_years, current, previous, today,
            kids=None, members=None, level_sources=None, merged_into=None) -> TargetResult:
    (target_id, ind_code, ind_name, section, rule, value, value_high, unit, t_year, levels, clause,
     kind, n_agg, d_agg) = target_row
    key = (loc, year, quarter, tuple(levels)) if levels else (loc, year, quarter)
    figure = current.get(key, {}).get(ind_code)
    level_source = (level_sources or {}).get((*key, ind_code)) if levels else None
    judged_quarter = level_source.judged_quarter if level_source else None
    if merged_into and year == 2025:  # merged with others on 1 July 2025: its own figures end at Q2
        judged_quarter = judged_quarter or 2
    before, compared = None, None
    if rule in ("growth", "no_decrease"):
        before_quarter = quarter if rule == "growth" else 4
        before = previous.get((loc, year - 1, before_quarter), {}).get(ind_code)
        if kids is not None and not levels:
            pair = comparison.matched(figure, before, kids, loc, year, quarter, before_quarter, ind_code)
            figure, before, compared = pair.now, pair.before, pair.compared
    j = judge(TargetRule(rule, value, value_high, t_year), IndicatorRule(kind, n_agg, d_agg), figure,
              year, judged_quarter or quarter, plan_years, before, today > dt.date(year, 12, 31))
    if level_source:
        members = reform.Members(level_source.across, list(level_source.units), []) if level_source.across else None
    return TargetResult(
        plan_id, target_id, loc, code, ind_code, ind_name, tuple(levels) if levels else None, section, year, quarter,
        rule, value if value is not None else j.expected, value_high, unit,
        figure.numerator if figure else None, figure.denominator if figure else None,
        j.actual, j.expected, j.status, j.exceeded,
        before.numerator if before else None,
        figure.own_return if figure else None,
        figure.children_reported if figure else None, figure.children_total if figure else None,
        figure.note if figure else None, clause, across=figure.across if figure else None, compared=compared,
        target_year=t_year or (plan_years[1] if rule == "cumulative_by" else None),
        across_units=tuple(members.names) if members and figure and figure.across else (),
        across_split=tuple(members.split) if members and figure and figure.across else (),
        ended_levels=level_source.ended if level_source else (), judged_quarter=judged_quarter,
        merged_into=merged_into)


def _applies(rule: str, target_year: int | None, year: int) -> bool:
    if target_year is None:
        return True
    return year <= target_year if rule == "cumulative_by" else year == target_year
