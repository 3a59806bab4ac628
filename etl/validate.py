"""Checking the rows of a return before anything is written: every problem, named by sheet, row, column."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from etl import localities
from etl.excel import RawRow
from etl.labels_vi import BULK_COLUMNS, MSG
from etl.numbers import NotANumber, code_text, parse_count, parse_quarter, parse_year


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


@dataclass
class Checked:
    records: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def where(row: RawRow, key: str) -> str:
    return MSG["where"].format(sheet=row.sheet, row=row.row, column=BULK_COLUMNS[key])


def indicator_kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.cursor().execute("SELECT code, kind FROM indicators").fetchall())


def validate(con: duckdb.DuckDBPyConnection, rows: list[RawRow], today: dt.date | None = None) -> Checked:
    today = today or dt.date.today()
    kinds = indicator_kinds(con)
    out = Checked()
    located: list[tuple[str, int, str]] = []  # (sheet, row, message): listed in the order of the file
    parsed = []
    for raw in rows:
        problems: list[str] = []
        result = _parse_row(raw, kinds, today, problems)
        located += [(raw.sheet, raw.row, p) for p in problems]
        if result:
            parsed.append(result)
    problems = []
    resolved = _resolve_localities(con, parsed, problems)
    located += [(r.sheet, r.row, p) for r, p in problems]
    seen: dict[tuple, Record] = {}
    for row, rec in resolved:
        key = (rec.locality_id, rec.year, rec.quarter, rec.indicator_code)
        first = seen.get(key)
        if first is None:
            seen[key] = rec
            out.records.append(rec)
        elif (first.numerator, first.denominator) != (rec.numerator, rec.denominator):
            located.append((row.sheet, row.row, MSG["duplicate_conflict"].format(
                where=where(row, "numerator"), locality=row.cells["locality_code"], indicator=rec.indicator_code,
                quarter=rec.quarter, year=rec.year, first_row=first.row)))
        else:
            out.warnings.append(MSG["duplicate_same"].format(row=row.row, first_row=first.row))
    sheet_order = {sheet: i for i, sheet in enumerate(dict.fromkeys(r.sheet for r in rows))}
    out.problems = [message for *_, message in sorted(located, key=lambda p: (sheet_order[p[0]], p[1]))]
    if out.problems:
        out.records = []
    return out


def _parse_row(row: RawRow, kinds: dict[str, str], today: dt.date, problems: list[str]):
    """(row, fields) with the cell-level checks done, or None when the row has a problem."""
    start = len(problems)
    c = row.cells
    year = parse_year(c.get("year"))
    if year is None:
        problems.append(MSG["bad_year"].format(where=where(row, "year"), value=_show(c.get("year"))))
    quarter = parse_quarter(c.get("quarter"))
    if quarter is None:
        problems.append(MSG["bad_quarter"].format(where=where(row, "quarter"), value=_show(c.get("quarter"))))
    elif year and localities.quarter_bounds(year, quarter)[0] > today:
        problems.append(MSG["future_quarter"].format(where=where(row, "quarter"), quarter=quarter, year=year))
    code = code_text(c.get("locality_code"))
    if not code:
        problems.append(MSG["missing_value"].format(where=where(row, "locality_code")))
    indicator = code_text(c.get("indicator_code"))
    kind = kinds.get(indicator)
    if not indicator:
        problems.append(MSG["missing_value"].format(where=where(row, "indicator_code")))
    elif kind is None:
        problems.append(MSG["unknown_indicator"].format(where=where(row, "indicator_code"), value=indicator))
    numerator, numerator_readable = _count(row, "numerator", problems)
    denominator, _ = _count(row, "denominator", problems)
    if numerator is None and numerator_readable:
        problems.append(MSG["missing_value"].format(where=where(row, "numerator")))
    if kind and numerator is not None:
        _check_pair(row, indicator, kind, numerator, denominator, problems)
    if len(problems) > start:
        return None
    if kind == "qualitative":
        denominator = 1  # each reporting unit counts once, so a roll-up reads "7/10 đơn vị"
    note = c.get("note")
    return row, (code, year, quarter, indicator, numerator, denominator, str(note).strip() if note else None)


def _count(row: RawRow, key: str, problems: list[str]) -> tuple[int | None, bool]:
    """(count, readable): an empty cell is (None, True), an unreadable one (None, False)."""
    value = row.cells.get(key)
    try:
        return parse_count(value), True
    except NotANumber as exc:
        message = {"percent": "percent_in_count", "negative": "negative"}.get(exc.reason, "not_integer")
        problems.append(MSG[message].format(where=where(row, key), value=_show(value)))
        return None, False


def _check_pair(row, indicator, kind, numerator, denominator, problems):
    if kind == "share":
        if denominator is None:
            problems.append(MSG["denominator_required"].format(where=where(row, "denominator"), indicator=indicator))
        elif denominator == 0 and numerator > 0:
            problems.append(MSG["zero_denominator"].format(where=where(row, "denominator"), numerator=numerator))
        elif numerator > denominator:
            problems.append(MSG["numerator_gt_denominator"].format(
                where=where(row, "numerator"), numerator=numerator, denominator=denominator))
    elif denominator is not None:
        problems.append(MSG["denominator_for_count"].format(where=where(row, "denominator"), indicator=indicator))
    if kind == "qualitative" and numerator not in (0, 1):
        problems.append(MSG["qualitative_value"].format(where=where(row, "numerator"), indicator=indicator))


def _resolve_localities(con, parsed, problems):
    wanted = []
    for _, (code, year, quarter, *_rest) in parsed:
        wanted += [(candidate, year, quarter) for candidate in _code_candidates(code)]
    found = localities.resolve_codes(con, wanted)
    out = []
    for row, (code, year, quarter, indicator, numerator, denominator, note) in parsed:
        matches = sorted({found[(c, year, quarter)] for c in _code_candidates(code) if (c, year, quarter) in found})
        exact = found.get((code, year, quarter))
        if exact:
            matches = [exact]
        if len(matches) != 1:
            key = "unknown_locality" if not matches else "ambiguous_locality"
            problems.append((row, MSG[key].format(where=where(row, "locality_code"), value=code, quarter=quarter,
                                                  year=year, candidates=", ".join(matches))))
            continue
        out.append((row, Record(matches[0], year, quarter, indicator, numerator, denominator, note,
                                row.sheet, row.row)))
    return out


def _code_candidates(code: str) -> list[str]:
    """Excel drops leading zeros from codes typed as numbers ('01' -> 1): try the official widths."""
    if not code.isdigit():
        return [code]
    return list(dict.fromkeys([code, code.zfill(2), code.zfill(3), code.zfill(5)]))


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
