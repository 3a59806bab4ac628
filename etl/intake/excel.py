"""Reading a returned .xlsx: checking it is a real, safe workbook, then finding its figures.

Two layouts are read, from any visible sheet: the bulk sheet (one row per locality × indicator ×
quarter, DOMAIN.md) and the template's return sheet (a header block with the locality, year and
quarter above one row per indicator). Values come from python-calamine, which reads formulas'
cached values and never evaluates them; the XML is only otherwise parsed with defusedxml.
"""
from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as calamine
from defusedxml import ElementTree

from etl.intake import sheet_layout, workbook_privacy, xlsx_guard
from etl.intake.problems import Problem
from etl.labels_vi import BULK_COLUMNS, MSG

MAX_FILE_MB = 20
MAX_UNCOMPRESSED_RATIO = 100
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
HEADER_SEARCH_ROWS = 40
BULK_REQUIRED = ("locality_code", "year", "quarter", "indicator_code", "numerator", "denominator")
TEMPLATE_REQUIRED = ("indicator_code", "numerator", "denominator")
BLOCK_KEYS = ("locality_code", "year", "quarter")
FIGURE_KEYS = ("numerator", "denominator", "note")
TOTAL_WORDS = ("tổng", "cộng", "total")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class RawRow:
    sheet: str
    row: int                                   # Excel row number (1-based)
    cells: dict[str, object]                   # canonical column -> value
    columns: dict[str, int] = field(default_factory=dict)              # key -> Excel column (1-based)
    origins: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (row, column) outside this row


@dataclass
class ReadResult:
    rows: list[RawRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # rows skipped, hidden rows and columns read


@dataclass
class Skipped:
    """Rows of a sheet not read as figures, and why: listed in the preview, never dropped in silence."""
    totals: list[int] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)


def normalise_heading(text) -> str:
    text = unicodedata.normalize("NFC", str(text or ""))
    return " ".join(text.casefold().replace(":", " ").split())


HEADING_TO_KEY = {normalise_heading(v): k for k, v in BULK_COLUMNS.items()}


def heading_key(value) -> str | None:
    """'Tử số', 'TỬ SỐ', 'Tử số (lũy kế từ đầu năm)' -> 'numerator'."""
    text = normalise_heading(value)
    return HEADING_TO_KEY.get(text) or HEADING_TO_KEY.get(text.split(" (", 1)[0].strip())


def check_file(path: Path, name: str | None = None) -> list[Problem]:
    """Problems that make the file unreadable or unsafe, before any cell is read."""
    name = name or path.name
    if not path.exists():
        return [Problem(MSG["file_missing"].format(name=name))]
    size = path.stat().st_size
    if size == 0:
        return [Problem(MSG["file_empty"].format(name=name))]
    if size > MAX_FILE_MB * 1024 * 1024:
        return [Problem(MSG["file_too_large"].format(name=name, size_mb=size / 1048576, limit_mb=MAX_FILE_MB))]
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return [Problem(MSG["not_xlsx_ole"].format(name=name))]
    if not magic.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(path):
        return [Problem(MSG["not_xlsx"].format(name=name))]
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        return [Problem(MSG["xlsx_damaged"].format(name=name, detail=exc))]
    if "xl/workbook.xml" not in names:
        return [Problem(MSG["not_xlsx"].format(name=name))]
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return [Problem(MSG["xlsx_macro"].format(name=name))]
    if unpacked > MAX_UNCOMPRESSED_BYTES or (unpacked > MAX_UNCOMPRESSED_RATIO * size and unpacked > 10 * 1048576):
        return [Problem(MSG["zip_bomb"].format(name=name, ratio=unpacked / size))]
    return []


def read(path: Path, name: str | None = None) -> ReadResult:
    """Every figure row of the workbook, plus problems found in the cells themselves."""
    name = name or path.name
    result = ReadResult(problems=xlsx_guard.check(path, name))  # before any cell: nothing hostile reaches calamine
    if result.problems:
        return result
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
        sheets = [(m.name, str(m.visible) == str(calamine.SheetVisibleEnum.Visible),
                   workbook.get_sheet_by_name(m.name).to_python(skip_empty_area=False))
                  for m in workbook.sheets_metadata]
        uncached = formulas_without_value(path)
        hidden = sheet_layout.hidden(path)
    except Exception as exc:  # calamine and zipfile raise several types for damaged files
        result.problems.append(Problem(MSG["xlsx_damaged"].format(name=name, detail=type(exc).__name__)))
        return result
    try:  # every sheet, hidden ones too, with comments, properties and the file name: the file must not carry them
        result.problems += workbook_privacy.scan(path, name, [(sheet, grid) for sheet, _, grid in sheets])
    except Exception as exc:  # a damaged or hostile comment or property part
        result.problems.append(Problem(MSG["xlsx_damaged"].format(name=name, detail=type(exc).__name__)))
        return result
    for sheet, visible, grid in sheets:
        skipped = Skipped()
        rows = list(_sheet_rows(sheet, grid, skipped))
        if visible:
            result.problems += _duplicate_headings(sheet, grid)
        if not visible:
            if rows:
                result.warnings.append(MSG["warn_hidden_sheet"].format(sheet=sheet, count=len(rows)))
            continue
        result.problems += [Problem(MSG["formula_no_value"].format(sheet=sheet, cell=ref), sheet, r, c)
                            for ref, r, c in uncached.get(sheet, [])]
        result.rows += rows
        result.warnings += _skipped_warnings(sheet, skipped, rows, hidden.get(sheet, (set(), set())))
    if not result.rows and not result.problems:
        found = any(_find_header(grid, BULK_REQUIRED)[0] is not None or _find_header(grid, TEMPLATE_REQUIRED)[0]
                    is not None for _, visible, grid in sheets if visible)
        wanted = ", ".join(BULK_COLUMNS[k] for k in BULK_REQUIRED)
        result.problems.append(Problem(MSG["no_figures" if found else "no_bulk_sheet"].format(name=name,
                                                                                             columns=wanted)))
    return result


def _skipped_warnings(sheet: str, skipped: Skipped, rows: list[RawRow], hidden: tuple[set[int], set[int]]) -> list[str]:
    """Totals and blank rows skipped; hidden rows and columns whose cells were read."""
    warnings = []
    if skipped.totals:
        warnings.append(MSG["warn_skipped_total"].format(sheet=sheet, rows=sheet_layout.ranges(skipped.totals)))
    if skipped.blank:
        warnings.append(MSG["warn_skipped_blank"].format(sheet=sheet, rows=sheet_layout.ranges(skipped.blank)))
    hidden_rows, hidden_columns = hidden
    read = {r.row for r in rows} & hidden_rows
    if read:
        warnings.append(MSG["warn_hidden_rows"].format(sheet=sheet, rows=sheet_layout.ranges(read)))
    used = {c for r in rows[:1] for c in r.columns.values() if c} & hidden_columns
    if used:
        warnings.append(MSG["warn_hidden_columns"].format(
            sheet=sheet, columns=", ".join(xlsx_guard.column_letters(c) for c in sorted(used))))
    return warnings


def _sheet_rows(sheet: str, grid: list[list], skipped: Skipped | None = None):
    skipped = skipped if skipped is not None else Skipped()
    header, columns = _find_header(grid, BULK_REQUIRED)
    block: dict[str, tuple[object, int, int]] = {}
    if header is None:
        header, columns = _find_header(grid, TEMPLATE_REQUIRED)
        if header is None:
            return
        block = _header_block(grid[:header])
    excel_columns = {k: c + 1 for k, c in columns.items()} | {k: col for k, (_, _, col) in block.items()}
    wanted = list(columns.items())
    for index in range(header + 1, len(grid)):
        row = grid[index]
        width = len(row)
        cells = {}
        for k, c in wanted:  # _cell, inlined: it ran 700 000 times for a 100 000-row file
            value = row[c] if c < width else None
            if isinstance(value, str):
                value = value.strip() or None
            cells[k] = value
        if all(cells.get(k) is None for k in FIGURE_KEYS):
            text = " ".join(str(v) for v in row if isinstance(v, str))
            if _is_total({"text": text, "indicator_code": cells.get("indicator_code")}):
                skipped.totals.append(index + 1)
            elif any(v not in (None, "") for v in row):
                skipped.blank.append(index + 1)  # a template row left unfilled, a code with no figure
            continue
        if _is_total(cells):
            skipped.totals.append(index + 1)
            continue
        origins = {}
        for key, (value, r, c) in block.items():
            cells[key] = value
            origins[key] = (r, c)
        yield RawRow(sheet, index + 1, cells, excel_columns, origins)


def _is_total(cells: dict) -> bool:
    """A 'Tổng cộng' row typed under the data: a total word and no indicator code of its own."""
    indicator = str(cells.get("indicator_code") or "").casefold()
    if indicator and not any(w in indicator for w in TOTAL_WORDS):
        return False  # a row with its own indicator code (almost every row: the text need not be joined)
    text = " ".join(str(v) for v in cells.values() if isinstance(v, str)).casefold()
    return any(w in text for w in TOTAL_WORDS)


def _find_header(grid: list[list], required: tuple[str, ...]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            key = heading_key(value) if isinstance(value, str) else None
            if key and key not in columns:
                columns[key] = col
        if all(k in columns for k in required):
            return index, columns
    return None, {}


def _duplicate_headings(sheet: str, grid: list[list]) -> list[Problem]:
    """Two columns with the same heading (two 'Tử số'): which one holds the figure is not ours to guess."""
    header, _ = _find_header(grid, BULK_REQUIRED)
    if header is None:
        header, _ = _find_header(grid, TEMPLATE_REQUIRED)
    if header is None:
        return []
    seen: dict[str, int] = {}
    problems = []
    for col, value in enumerate(grid[header], start=1):
        key = heading_key(value) if isinstance(value, str) else None
        if key and key in seen:
            problems.append(Problem(MSG["duplicate_heading"].format(sheet=sheet, row=header + 1, heading=value.strip(),
                                                                    first=xlsx_guard.column_letters(seen[key]),
                                                                    second=xlsx_guard.column_letters(col)),
                                    sheet, header + 1, col))
        elif key:
            seen[key] = col
    return problems


def _header_block(rows: list[list]) -> dict[str, tuple[object, int, int]]:
    """'Mã địa bàn | 15349', 'Năm | 2023', 'Quý | 2' label/value pairs above a template's table."""
    block = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            key = heading_key(value) if isinstance(value, str) else None
            if key in BLOCK_KEYS and key not in block:
                nxt = next(((v, c2) for c2, v in enumerate(row[c + 1:], start=c + 1) if v not in (None, "")), None)
                if nxt:
                    block[key] = (nxt[0], r + 1, nxt[1] + 1)
    return block


def formulas_without_value(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    """Sheet name -> cells holding a formula with no cached value (never computed, e.g. made by a script)."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    with zipfile.ZipFile(path) as archive:
        for sheet, member in _sheet_members(archive).items():
            data = archive.read(member)
            if b"<f" not in data:
                continue  # no formula at all: nothing to parse
            with io.BytesIO(data) as stream:
                for _, element in ElementTree.iterparse(stream):
                    if element.tag != f"{{{NS['m']}}}c":
                        continue
                    value = element.find("m:v", NS)
                    if element.find("m:f", NS) is not None and (value is None or not (value.text or "").strip()):
                        ref = element.get("r", "")
                        found.setdefault(sheet, []).append((ref, *_ref_to_row_col(ref)))
                    element.clear()
    return found


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    members = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(REL_NS), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if member in archive.namelist():
            members[sheet.get("name")] = member
    return members


def _ref_to_row_col(ref: str) -> tuple[int, int]:
    match = re.match(r"([A-Z]+)(\d+)", ref)
    if not match:
        return 0, 0
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col
