"""Reading a returned .xlsx: checking it is a real, safe workbook, then finding the bulk-sheet rows.

Values are read with python-calamine (fast, reads cached formula results, never evaluates them).
"""
from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as calamine

from etl.labels_vi import BULK_COLUMNS, MSG

MAX_FILE_MB = 20
MAX_UNCOMPRESSED_RATIO = 100
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
HEADER_SEARCH_ROWS = 30
REQUIRED = ("locality_code", "year", "quarter", "indicator_code", "numerator", "denominator")
TOTAL_WORDS = ("tổng", "cộng", "total")


@dataclass
class RawRow:
    sheet: str
    row: int                       # Excel row number (1-based)
    cells: dict[str, object]       # canonical column -> value


@dataclass
class ReadResult:
    rows: list[RawRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def normalise_heading(text) -> str:
    text = unicodedata.normalize("NFC", str(text or ""))
    return " ".join(text.casefold().split())


HEADING_TO_KEY = {normalise_heading(v): k for k, v in BULK_COLUMNS.items()}


def check_file(path: Path) -> list[str]:
    """Problems that make the file unreadable or unsafe, before any cell is read."""
    name = path.name
    if not path.exists():
        return [MSG["file_missing"].format(name=name)]
    size = path.stat().st_size
    if size == 0:
        return [MSG["file_empty"].format(name=name)]
    if size > MAX_FILE_MB * 1024 * 1024:
        return [MSG["file_too_large"].format(name=name, size_mb=size / 1048576, limit_mb=MAX_FILE_MB)]
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return [MSG["not_xlsx_ole"].format(name=name)]
    if not magic.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(path):
        return [MSG["not_xlsx"].format(name=name)]
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile as exc:
        return [MSG["xlsx_damaged"].format(name=name, detail=exc)]
    if "xl/workbook.xml" not in names:
        return [MSG["not_xlsx"].format(name=name)]
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return [MSG["xlsx_macro"].format(name=name)]
    if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked > MAX_UNCOMPRESSED_RATIO * size and unpacked > 10 * 1048576:
        return [MSG["zip_bomb"].format(name=name, ratio=unpacked / size)]
    return []


def read_bulk(path: Path) -> ReadResult:
    """Rows of every visible sheet whose header row carries the bulk columns (DOMAIN.md)."""
    result = ReadResult()
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for damaged files
        result.problems.append(MSG["xlsx_damaged"].format(name=path.name, detail=type(exc).__name__))
        return result
    found = False
    for meta in workbook.sheets_metadata:
        if str(meta.visible) != str(calamine.SheetVisibleEnum.Visible):
            continue
        grid = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        header_index, columns = _find_header(grid)
        if header_index is None:
            continue
        found = True
        result.rows.extend(_data_rows(meta.name, grid, header_index, columns))
    if not found:
        wanted = ", ".join(BULK_COLUMNS[k] for k in REQUIRED)
        result.problems.append(MSG["no_bulk_sheet"].format(name=path.name, columns=wanted))
    return result


def _find_header(grid: list[list]) -> tuple[int | None, dict[str, int]]:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = {}
        for col, value in enumerate(row):
            key = HEADING_TO_KEY.get(normalise_heading(value))
            if key and key not in columns:
                columns[key] = col
        if all(k in columns for k in REQUIRED):
            return index, columns
    return None, {}


def _data_rows(sheet: str, grid: list[list], header_index: int, columns: dict[str, int]):
    for index in range(header_index + 1, len(grid)):
        row = grid[index]
        cells = {k: (row[c] if c < len(row) else None) for k, c in columns.items()}
        values = [v for v in cells.values() if v not in (None, "")]
        if not values:
            continue  # blank row
        code = str(cells.get("locality_code") or "").casefold()
        if not code.strip() or any(w in code for w in TOTAL_WORDS):
            if any(w in " ".join(str(v).casefold() for v in values) for w in TOTAL_WORDS):
                continue  # a total row ("Tổng cộng") typed under the data
        yield RawRow(sheet, index + 1, {k: (None if v == "" else v) for k, v in cells.items()})
