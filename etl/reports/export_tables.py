"""The tables leaders paste into their six-month and yearly reports, built once from the engine
and written by export_files (xlsx, csv) and annex (docx). Cells keep real numbers; writers format."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import areas, attainment, lookups, queries
from etl.engine.queries import View
from etl.engine.results import TargetResult
from etl.labels_vi import EXPORT, PERIOD_OF_YEAR, PLAN_FILE, REFORM, SUBMISSION
from etl.model.periods import PERIODS, year_to_date
from etl.reports import format as fmt
from etl.reports import tables
from etl.reports.format import is_share


@dataclass(frozen=True)
class Cell:
    value: str | int | float | dt.date | None
    kind: str = "text"          # text | number | percent (value in %, 0–100) | date
    status: str | None = None   # colours the cell (engine status or submission status)


@dataclass
class Table:
    key: str                    # file and sheet stem
    sheet: str                  # sheet name (≤ 31 characters)
    title: str
    header: list[str]
    rows: list[list[Cell]]
    groups: list[tuple[str, int]] = field(default_factory=list)   # a header row above: (label, columns spanned)
    wide: tuple[int, ...] = ()  # columns holding long text (wrapped)


@dataclass
class Export:
    view: View
    plan_title: str
    period: str                 # "6 tháng đầu năm 2026"
    period_dates: str           # "01/01/2026 – 30/06/2026"
    locality_name: str
    made_on: dt.date
    results: list[TargetResult]
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def result_cell(r: TargetResult) -> Cell:
    """The actual as a number cell (a % for shares and growth, a count otherwise), words for done/not done."""
    if r.suppressed:
        return Cell(fmt.actual_of(r))
    if r.numerator is None:
        return Cell(None)
    if r.comparator == "qualitative":
        return Cell(fmt.actual_of(r))
    if is_share(r):
        return Cell(r.actual, "percent") if r.actual is not None else Cell("0/0")
    return Cell(r.actual, "number")


def count_cell(r: TargetResult, field: str) -> Cell:
    """A numerator or denominator: a number, or "<5" where a small count of persons is hidden ("ẩn"
    where it is hidden to protect one)."""
    value = getattr(r, field)
    if r.suppressed and value is None:
        return Cell(fmt.hidden_mark(r, field))
    return Cell(value, "number")


def unit_of(r: TargetResult) -> str:
    """The unit the result column is in: % for shares and growth, the target's unit for counts."""
    if r.comparator == "qualitative":
        return ""
    return "%" if is_share(r) else r.unit


def status_cell(r: TargetResult) -> Cell:
    return Cell(fmt.status(r.status, r.exceeded), status=r.status)


def by_target(results: list[TargetResult]) -> Table:
    rows = [[Cell(fmt.target_number(r.target_id)), Cell(fmt.target_label(r.indicator_name, r.levels, r.target_id)
                                                        .split(". ", 1)[1]),
             Cell(r.clause), Cell(fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year)),
             result_cell(r), Cell(unit_of(r)), count_cell(r, "numerator"), count_cell(r, "denominator"),
             status_cell(r),
             Cell(tables.source(r)), Cell(r.note)] for r in results]
    return Table("chi-tieu", EXPORT["sheet_targets"], EXPORT["title_targets"], EXPORT["header_targets"], rows,
                 wide=(1, 2, 10))


def by_locality(units: list[areas.Unit], grid: dict[str, list[TargetResult]], whole: areas.Unit,
                results: list[TargetResult]) -> Table:
    """Units × targets: each target a result column and a status column; the whole area last
    (no row at all when the account may not see the area)."""
    groups = [("", 2)] + [(fmt.target_label(r.indicator_name, r.levels, r.target_id), 2) for r in results]
    header = [EXPORT["col_unit"], EXPORT["col_code"]] + [h for _ in results for h in EXPORT["pair"]]
    lines = [(u, grid[u.locality_id]) for u in units] + ([(whole, results)] if results else [])
    rows = [[Cell(EXPORT["whole"].format(name=u.name) if u is whole and units else u.name), Cell(u.code)]
            + [c for r in rs for c in (result_cell(r), status_cell(r))] for u, rs in lines]
    return Table("dia-ban", EXPORT["sheet_localities"], EXPORT["title_localities"], header, rows, groups)


def completeness(submissions) -> Table:
    rows = [[Cell(EXPORT["own"].format(name=s.unit.name) if s.own else s.unit.name), Cell(s.unit.code),
             Cell(s.quarter, "number"), Cell(SUBMISSION[s.status].format(days=s.days_late), status=s.status),
             Cell(s.due, "date"), Cell(s.first_sent.date() if s.first_sent else None, "date"),
             Cell(s.last_sent.date() if s.last_sent else None, "date"), Cell(s.versions, "number"),
             Cell(s.units_sent, "number")] for s in submissions]
    return Table("bao-cao", EXPORT["sheet_completeness"], EXPORT["title_completeness"], EXPORT["header_completeness"],
                 rows)


def by_year(history: dict[int, list[TargetResult]], results: list[TargetResult]) -> Table:
    years = sorted(history)
    groups = [("", 2)] + [(year_label(y, history[y]), 2) for y in years]
    header = [EXPORT["col_no"], EXPORT["col_target"]] + [h for _ in years for h in EXPORT["pair"]]
    rows = []
    for r in results:
        line = [Cell(fmt.target_number(r.target_id)), Cell(fmt.target_label(r.indicator_name, r.levels, r.target_id)
                                                           .split(". ", 1)[1])]
        for y in years:
            same = next((x for x in history[y] if x.target_id == r.target_id), None)
            line += [result_cell(same), status_cell(same)] if same else [Cell(None), Cell(None)]
        rows.append(line)
    return Table("cac-nam", EXPORT["sheet_years"], EXPORT["title_years"], header, rows, groups, wide=(1,))


def year_label(year: int, results: list[TargetResult]) -> str:
    """A year's column of the year-by-year table with the period it covers: "2025 (9 tháng)"."""
    quarter = results[0].quarter if results else 4
    return REFORM["year_period"].format(year=year, period=REFORM["period"][quarter])


FORMATS = ("xlsx", "csv", "docx")


class ExportRefused(ValueError):
    """A request the export cannot answer; the message is Vietnamese and names the argument."""


def view_for(con: duckdb.DuckDBPyConnection, plan_id: str, year: int, period: str = "Y",
             code: str | None = None, scope: Scope | None = None) -> View:
    """The view the command line asks for, checked as the sidebar would allow it (for `scope`'s account)."""
    info = lookups.plan_info(con, plan_id)
    if info is None:
        raise ExportRefused(PLAN_FILE["missing"].format(plan=plan_id))
    if not info["year_from"] <= year <= info["year_to"]:
        raise ExportRefused(EXPORT["bad_year"].format(plan=plan_id, year=year, **info))
    quarter = PERIODS[period]
    unit = info["issuer_id"]
    if code:
        from etl.model import reform
        unit = reform.resolve_in_plan(con, code, plan_id, year, quarter)
        if unit is None:
            raise ExportRefused(EXPORT["unknown_locality"].format(code=code, year=year))
        if unit not in {u.locality_id for u in areas.subtree(con, info["issuer_id"], year, quarter)}:
            raise ExportRefused(EXPORT["outside_area"].format(code=code, plan=plan_id))
    if scope is not None and not access.covers(con, scope, unit):
        raise ExportRefused(EXPORT["outside_scope"].format(code=code or unit.split("@")[0]))
    return View(plan_id, year, quarter, unit, scope)


def build(con: duckdb.DuckDBPyConnection, view: View, today: dt.date | None = None) -> Export:
    """Every table of the export for the view on screen, from the one engine: for the account's
    scope (view.scope), only the units it covers (none at all for a unit outside it)."""
    today = today or dt.date.today()
    overview = queries.overview(con, view, today)
    info = lookups.plan_info(con, view.plan_id)
    whole = areas.unit(con, view.locality_id)
    built = [by_target(overview.results),
             by_locality(overview.units, overview.grid, whole, overview.results),
             completeness(queries.completeness(con, view, today))]
    if info["year_to"] > info["year_from"]:
        periods = [(y, view.quarter if y == view.year else 4) for y in range(info["year_from"], view.year + 1)]
        got = attainment.evaluate_periods(con, view.plan_id, view.locality_id, periods, today, view.scope)
        built.append(by_year({y: got.get((y, q), []) for y, q in periods}, overview.results))
    start, end = year_to_date(view.year, view.quarter)
    return Export(view, info["title"], PERIOD_OF_YEAR[view.quarter].format(year=view.year),
                  f"{start:%d/%m/%Y} – {end:%d/%m/%Y}", whole.name, today,
                  overview.results, built)
