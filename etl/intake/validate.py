"""Checking the rows of a return before anything is written.

Every problem is listed at once, each naming its sheet, row and column; any problem refuses the whole
file. Warnings (figures far from a unit's own history, a stock that jumps, an indicator its plan does
not track) are shown before the user confirms and are stored with the return.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from etl.access import scope as access
from etl.access.scope import Scope
from etl.intake import corrections, reform_checks
from etl.intake.excel import RawRow
from etl.intake.numbers import MAX_COUNT, NotANumber, code_text, parse_count, parse_quarter, parse_year
from etl.intake.problems import Problem
from etl.labels_vi import BULK_COLUMNS, I16, MSG
from etl.model import indicators as indicator_model
from etl.model import localities, periods
from etl.model.indicators import Indicator

MODIFIED_Z_LIMIT = 3.5
JUMP_FACTOR = 10
STOCK_CHANGE = 1 / 3


@dataclass(frozen=True)
class Record:
    """One checked figure, ready to be written."""
    locality_id: str
    year: int
    quarter: int
    indicator_code: str
    numerator: int
    denominator: int | None
    note: str | None
    sheet: str
    row: int
    remove: bool = False   # "xóa" typed in Tử số: take this figure out of the quarter (etl.intake.corrections)


@dataclass
class Checked:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def locate(row: RawRow, key: str, message_key: str, **fields) -> Problem:
    """A Problem at the cell of `key` in this row (or where the header block holds it)."""
    r, c = row.origins.get(key, (row.row, row.columns.get(key)))
    where = MSG["where"].format(sheet=row.sheet, row=r, column=BULK_COLUMNS[key])
    return Problem(MSG[message_key].format(where=where, **fields), row.sheet, r, c)


def validate(con: duckdb.DuckDBPyConnection, rows: list[RawRow], today: dt.date | None = None,
             scope: Scope | None = None) -> Checked:
    """Every problem of the rows (refusing the file), the records they make, and warnings. A row for
    a unit outside `scope` (the sender's locality and what lies under it) is a problem."""
    today = today or dt.date.today()
    indicators = indicator_model.indicators(con)
    out = Checked()
    parsed = []
    for raw in rows:
        result = _parse_row(raw, indicators, today, out.problems)
        if result:
            parsed.append(result)
    resolved = _within_scope(con, _resolve_localities(con, parsed, out.problems), scope, out.problems)
    units = unit_labels(con, {rec.locality_id for _, rec in resolved})
    out.records = _unique(resolved, out.problems, out.warnings, units, indicators)
    history = _history(con, out.records)
    out.problems += _ytd_decreases(resolved, out.records, history, indicators)
    figures = [(row, rec) for row, rec in resolved if not rec.remove]
    out.warnings += (_nothing_to_remove(resolved, history, units, indicators) + _untracked(con, figures, units, indicators)
                     + _unusual(figures, history, indicators, units) + _first_after_reform(con, figures, history))
    sheet_order = {sheet: i for i, sheet in enumerate(dict.fromkeys(r.sheet for r in rows))}
    out.problems.sort(key=lambda p: (sheet_order.get(p.sheet, -1), p.row or 0, p.column or 0))
    if out.problems:
        out.records = []
    return out


def _parse_row(row: RawRow, indicators: dict[str, Indicator], today: dt.date, problems: list[Problem]):
    """(row, fields) with the cell-level checks done, or None when the row has a problem."""
    start = len(problems)
    c = row.cells
    year = parse_year(c.get("year"))
    if year is None:
        problems.append(locate(row, "year", "bad_year", value=_show(c.get("year"))))
    quarter = parse_quarter(c.get("quarter"))
    if quarter is None:
        problems.append(locate(row, "quarter", "bad_quarter", value=_show(c.get("quarter"))))
    elif year and not periods.started(year, quarter, today):
        problems.append(locate(row, "quarter", "future_quarter", quarter=quarter, year=year))
    code = code_text(c.get("locality_code"))
    if not code:
        problems.append(locate(row, "locality_code", "missing_value"))
    indicator = code_text(c.get("indicator_code"))
    info = indicators.get(indicator)
    if not indicator:
        problems.append(locate(row, "indicator_code", "missing_value"))
    elif info is None:
        problems.append(locate(row, "indicator_code", "unknown_indicator", value=indicator))
    if corrections.is_remove_marker(c.get("numerator")):
        return _removal(row, (year, quarter, code, indicator, info), problems, start)
    numerator, numerator_readable = _count(row, "numerator", problems)
    denominator, _ = _count(row, "denominator", problems)
    if numerator is None and numerator_readable:
        problems.append(locate(row, "numerator", "missing_value"))
    if info and numerator is not None:
        _check_pair(row, info.name, info.kind, numerator, denominator, problems)
    if len(problems) > start:
        return None
    if info.kind == "qualitative":
        denominator = 1  # each reporting unit counts once, so a roll-up reads "7/10 đơn vị"
    note = c.get("note")
    return row, (code, year, quarter, indicator, numerator, denominator, str(note).strip() if note else None, False)


def _removal(row: RawRow, fields, problems: list[Problem], start: int):
    """A row whose Tử số says 'xóa': the figure in force is to be removed (nothing else may be given)."""
    year, quarter, code, indicator, info = fields
    if row.cells.get("denominator") is not None and not corrections.is_remove_marker(row.cells.get("denominator")):
        problems.append(locate(row, "denominator", "remove_with_figures"))
    if len(problems) > start:
        return None
    return row, (code, year, quarter, indicator, 0, None, None, True)


def _count(row: RawRow, key: str, problems: list[Problem]) -> tuple[int | None, bool]:
    """(count, readable): an empty cell is (None, True), an unreadable one (None, False)."""
    value = row.cells.get(key)
    try:
        return parse_count(value), True
    except NotANumber as exc:
        message = {"percent": "percent_in_count", "negative": "negative",
                   "too_large": "number_too_large"}.get(exc.reason, "not_integer")
        problems.append(locate(row, key, message, value=_show(value), limit=f"{MAX_COUNT:,}".replace(",", ".")))
        return None, False


def _check_pair(row, indicator, kind, numerator, denominator, problems):
    if kind == "share":
        if denominator is None:
            problems.append(locate(row, "denominator", "denominator_required", indicator=indicator))
        elif denominator == 0 and numerator > 0:
            problems.append(locate(row, "denominator", "zero_denominator", numerator=numerator))
        elif numerator > denominator:
            problems.append(locate(row, "numerator", "numerator_gt_denominator", numerator=numerator,
                                   denominator=denominator))
    elif denominator is not None:
        problems.append(locate(row, "denominator", "denominator_for_count", indicator=indicator))
    if kind == "qualitative" and numerator not in (0, 1):
        problems.append(locate(row, "numerator", "qualitative_value", indicator=indicator))


def _resolve_localities(con, parsed, problems: list[Problem]) -> list[tuple[RawRow, Record]]:
    wanted = [(candidate, year, quarter) for _, (code, year, quarter, *_r) in parsed
              for candidate in _code_candidates(code)]
    found = localities.resolve_codes(con, wanted)
    out, unknown = [], []
    matched: dict[tuple[str, int, int], list[str]] = {}  # a bulk file names each unit and quarter many times
    for row, (code, year, quarter, indicator, numerator, denominator, note, remove) in parsed:
        matches = matched.get((code, year, quarter))
        if matches is None:
            exact = found.get((code, year, quarter))
            matches = matched[(code, year, quarter)] = [exact] if exact else sorted(
                {found[(c, year, quarter)] for c in _code_candidates(code) if (c, year, quarter) in found})
        if len(matches) != 1:
            key = "unknown_locality" if not matches else "ambiguous_locality"
            problem = locate(row, "locality_code", key, value=code, quarter=quarter, year=year,
                             candidates=", ".join(unit_labels(con, set(matches)).get(m, m) for m in matches))
            problems.append(problem)
            if not matches:
                unknown.append((len(problems) - 1, (_code_candidates(code), year, quarter)))
            continue
        out.append((row, Record(matches[0], year, quarter, indicator, numerator, denominator, note,
                                row.sheet, row.row, remove)))
    # a code of the other era of the 2025 reform: say which code to write instead (etl/intake/reform_checks.py)
    for (at, _), era in zip(unknown, reform_checks.other_era_codes(con, [w for _, w in unknown])):
        if era:
            problems[at] = replace(problems[at], message=f"{problems[at].message} {era}")
    return out


def _within_scope(con, resolved, scope: Scope | None, problems: list[Problem]):
    allowed = access.allowed(con, scope, {rec.locality_id for _, rec in resolved})
    for row, rec in resolved:
        if rec.locality_id not in allowed:
            problems.append(locate(row, "locality_code", "outside_scope", value=code_text(row.cells.get("locality_code"))))
    return [(row, rec) for row, rec in resolved if rec.locality_id in allowed]


def unit_labels(con, locality_ids: set[str]) -> dict[str, str]:
    """Each unit as a person reads it in a message: "Phường Bạch Đằng (mã 11473)"."""
    rows = con.cursor().execute("SELECT locality_id, name, code FROM localities WHERE list_contains(?, locality_id)",
                                [sorted(locality_ids)]).fetchall() if locality_ids else []
    return {lid: I16["unit_option"].format(name=name, code=code) for lid, name, code in rows}


def _unique(resolved, problems: list[Problem], warnings: list[str], units: dict[str, str],
            indicators: dict[str, Indicator]) -> list[Record]:
    seen: dict[tuple, Record] = {}
    for row, rec in resolved:
        key = (rec.locality_id, rec.year, rec.quarter, rec.indicator_code)
        first = seen.get(key)
        if first is None:
            seen[key] = rec
            continue
        first_sheet = MSG["duplicate_other_sheet"].format(sheet=first.sheet) if first.sheet != rec.sheet else ""
        if (first.numerator, first.denominator, first.remove) != (rec.numerator, rec.denominator, rec.remove):
            problems.append(locate(row, "numerator", "duplicate_conflict", locality=units[rec.locality_id],
                                   indicator=indicators[rec.indicator_code].name, quarter=rec.quarter, year=rec.year,
                                   first_row=first.row, first_sheet=first_sheet))
        else:
            warnings.append(MSG["duplicate_same"].format(row=rec.row, sheet=rec.sheet, first_row=first.row,
                                                         first_sheet=first_sheet, locality=units[rec.locality_id]))
    return list(seen.values())


def _history(con, records: list[Record]) -> dict[tuple[str, str], list[tuple[int, int, int, int | None]]]:
    """(locality, indicator) -> [(year, quarter, numerator, denominator)] of current returns, oldest first."""
    if not records:
        return {}
    keys = pd.DataFrame({"locality_id": [r.locality_id for r in records],
                         "indicator_code": [r.indicator_code for r in records]}).drop_duplicates()
    cur = con.cursor()
    cur.register("wanted_history", keys)
    rows = cur.execute(  # current_figures_of (migration 019) reads the file's units only
        """SELECT f.locality_id, f.indicator_code, f.year, f.quarter, f.numerator, f.denominator
           FROM current_figures_of(?::VARCHAR[]) f JOIN wanted_history w USING (locality_id, indicator_code)
           ORDER BY f.year, f.quarter""", [sorted(keys["locality_id"].unique())]).fetchall()
    history: dict[tuple[str, str], list] = {}
    for loc, ind, year, quarter, n, d in rows:
        history.setdefault((loc, ind), []).append((year, quarter, n, d))
    return history


def _after_load(records, history) -> dict[tuple, dict[int, int]]:
    """(locality, indicator, year) -> {quarter: numerator} as it will stand once the file is loaded."""
    quarters: dict[tuple, dict[int, int]] = {}
    for (loc, ind), items in history.items():
        for year, quarter, numerator, _ in items:
            quarters.setdefault((loc, ind, year), {})[quarter] = numerator
    for r in records:
        figures = quarters.setdefault((r.locality_id, r.indicator_code, r.year), {})
        if r.remove:
            figures.pop(r.quarter, None)
        else:
            figures[r.quarter] = r.numerator
    return quarters


def _ytd_decreases(resolved, records, history, indicators) -> list[Problem]:
    """A year-to-date count ("lũy kế từ đầu năm") cannot fall from one quarter to the next, looking both
    ways: not below an earlier quarter's figure, not above a later quarter's figure in force (a later
    quarter that the file itself sends reports its own decrease)."""
    quarters = _after_load(records, history)
    in_file = {(r.locality_id, r.indicator_code, r.year, r.quarter) for r in records}
    rows_by_record = {id(rec): row for row, rec in resolved}
    problems = []
    for rec in records:
        info = indicators[rec.indicator_code]
        if rec.remove or info.kind != "share" or info.numerator_agg != "last":
            continue
        figures = quarters.get((rec.locality_id, rec.indicator_code, rec.year), {})
        earlier = max(((q, n) for q, n in figures.items() if q < rec.quarter and n > rec.numerator), default=None)
        later = min(((q, n) for q, n in figures.items() if q > rec.quarter and n < rec.numerator
                     and (rec.locality_id, rec.indicator_code, rec.year, q) not in in_file), default=None)
        row = rows_by_record[id(rec)]
        if earlier:
            problems.append(locate(row, "numerator", "ytd_decreased", numerator=rec.numerator,
                                   previous_quarter=earlier[0], previous=earlier[1], indicator=info.name))
        if later:
            problems.append(locate(row, "numerator", "ytd_above_later", numerator=rec.numerator,
                                   later_quarter=later[0], later=later[1], indicator=info.name))
    return problems


def _nothing_to_remove(resolved, history, units: dict[str, str], indicators: dict[str, Indicator]) -> list[str]:
    return [MSG["warn_remove_nothing"].format(sheet=rec.sheet, row=rec.row, indicator=indicators[rec.indicator_code].name,
                                              locality=units[rec.locality_id], quarter=rec.quarter,
                                              year=rec.year)
            for row, rec in resolved
            if rec.remove and not any((y, q) == (rec.year, rec.quarter)
                                      for y, q, *_ in history.get((rec.locality_id, rec.indicator_code), []))]


def _untracked(con, resolved, units: dict[str, str], indicators: dict[str, Indicator]) -> list[str]:
    """Known indicators that no plan covering the unit (its own or an ancestor's) tracks that year."""
    pairs = {(rec.locality_id, rec.year) for _, rec in resolved}
    if not pairs:
        return []
    cur = con.cursor()
    cur.register("wanted_plans", pd.DataFrame(sorted(pairs), columns=["locality_id", "year"]))
    tracked = cur.execute(
        """SELECT w.locality_id, w.year, list(DISTINCT t.indicator_code)
           FROM wanted_plans w
           JOIN locality_closure c ON c.locality_id = w.locality_id
           JOIN plans p ON p.issuer_id = c.ancestor_id AND w.year BETWEEN p.year_from AND p.year_to
           JOIN targets t ON t.plan_id = p.plan_id
           GROUP BY ALL""").fetchall()
    by_unit = {(loc, year): set(codes) for loc, year, codes in tracked}
    return [MSG["warn_untracked"].format(row=row.row, sheet=row.sheet, indicator=indicators[rec.indicator_code].name,
                                         locality=units[rec.locality_id], year=rec.year)
            for row, rec in resolved
            if (rec.locality_id, rec.year) in by_unit and rec.indicator_code not in by_unit[(rec.locality_id,
                                                                                              rec.year)]]


def _unusual(resolved, history, indicators, units: dict[str, str]) -> list[str]:
    warnings = []
    for row, rec in resolved:
        past = [h for h in history.get((rec.locality_id, rec.indicator_code), [])
                if (h[0], h[1]) < (rec.year, rec.quarter)]
        if not past or indicators[rec.indicator_code].kind == "qualitative":
            continue
        values = [n for *_, n, _ in past][-12:]
        if _far_from(rec.numerator, values):
            warnings.append(MSG["warn_jump"].format(row=row.row, sheet=row.sheet, column=BULK_COLUMNS["numerator"],
                                                    value=rec.numerator, locality=units[rec.locality_id],
                                                    history=", ".join(map(str, values[-4:]))))
        last_year, last_quarter, _, last_d = past[-1]
        if (indicators[rec.indicator_code].denominator_agg == "last" and rec.denominator and last_d
                and abs(rec.denominator - last_d) > STOCK_CHANGE * last_d):
            warnings.append(MSG["warn_stock_change"].format(row=row.row, sheet=row.sheet, value=rec.denominator,
                                                            locality=units[rec.locality_id],
                                                            previous_quarter=f"{last_quarter}/{last_year}",
                                                            previous=last_d))
    return warnings


def _first_after_reform(con, resolved, history) -> list[str]:
    """A new unit's first figure of an indicator (nothing before it, in the database or the file) set beside
    its predecessors' (etl/intake/reform_checks.py)."""
    firsts, seen = [], set()
    for row, rec in sorted(resolved, key=lambda pair: (pair[1].year, pair[1].quarter)):
        key = (rec.locality_id, rec.indicator_code)
        if key in seen or not periods.after_reform(rec.year, rec.quarter):
            continue
        seen.add(key)
        if not any((y, q) < (rec.year, rec.quarter) for y, q, *_ in history.get(key, [])):
            firsts.append((*key, rec.year, rec.quarter, rec.numerator, rec.denominator,
                           MSG["warn_where"].format(row=row.row, sheet=row.sheet)))
    return reform_checks.far_from_predecessors(con, firsts)


def _far_from(value: int, past: list[int]) -> bool:
    """×10 jump from the last figure, or a modified z-score above 3,5 over the unit's own history."""
    last = past[-1]
    if last >= 3 and (value >= JUMP_FACTOR * last or value * JUMP_FACTOR <= last):
        return True
    if len(past) < 4:
        return False
    median = statistics.median(past)
    mad = statistics.median(abs(x - median) for x in past)
    return mad > 0 and 0.6745 * abs(value - median) / mad > MODIFIED_Z_LIMIT


def _code_candidates(code: str) -> list[str]:
    """Excel drops leading zeros from codes typed as numbers ('01' -> 1): try the official widths."""
    if not code.isdigit():
        return [code]
    return list(dict.fromkeys([code, code.zfill(2), code.zfill(3), code.zfill(5)]))


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value)
    return text if len(text) <= 24 else text[:20] + "…"
