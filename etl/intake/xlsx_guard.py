"""Refusing a workbook that could hurt the server, before any cell is read.

A 5 KB file can ask a reader for hundreds of gigabytes: one value in XFD1048576 makes a dense grid
of 17 billion cells, a shared-strings table may claim four billion strings, a part may declare
entities that expand a million times. This module streams every XML part of the package once (in
1 MB pieces, so memory stays bounded whatever the part's size) and refuses the file when

- a part carries a DOCTYPE or ENTITY declaration, or is not UTF-8 (a byte scan could not see into it);
- a sheet reaches beyond MAX_ROWS rows or MAX_COLUMNS columns, by its <dimension>, by the row and
  cell references it holds, or by counting rows and cells that carry no reference;
- the sheets together span more than MAX_CELLS cells, or there are more than MAX_SHEETS sheets;
- the shared-strings table holds or claims more than MAX_SHARED_STRINGS strings;
- a row or cell tag cannot be read (a reference that is not a plain A1 reference, a tag the scan
  cannot parse): what the scan cannot count, it does not let through.

The limits are far above any return (the 100 000-row bulk file of bench/read_bulk.py spans 7 columns).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from etl.intake.problems import Problem
from etl.labels_vi import MSG

MAX_ROWS = 200_000
MAX_COLUMNS = 256
MAX_CELLS = 2_000_000          # rows x columns spanned, summed over the sheets
MAX_SHEETS = 50
MAX_SHARED_STRINGS = 1_000_000
MAX_PARTS = 2_000
MAX_WORKBOOK_PART = 5 * 1024 * 1024
MAX_TAG = 64 * 1024
CHUNK = 1024 * 1024
MAX_SLOW_TAGS = 500_000        # rows and cells not written the way Excel writes them, measured one by one

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ATTRS = rb"((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)"
TAG = re.compile(rb"<" + _PREFIX + rb"(row|c)" + _ATTRS + rb"\s*/?>")
TAG_START = re.compile(rb"<" + _PREFIX + rb"(?:row|c)(?=[\s/>])")
ROW_START = re.compile(rb"<" + _PREFIX + rb"row(?=[\s/>])")
CELL_START = re.compile(rb"<" + _PREFIX + rb"c(?=[\s/>])")
_PLAIN_ATTRS = rb'(?: (?!r=)[A-Za-z][\w:.-]*="[^"<>]*")*\s*/?>'   # double-quoted, no second r
ROW_FAST = re.compile(rb'<row r="(\d{1,7})"' + _PLAIN_ATTRS)
CELL_FAST = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"' + _PLAIN_ATTRS)
MARK = re.compile(rb"(?<=<)(?:r(?=ow[\s/>])|c(?=[\s/>]))")
ANY_R = re.compile(rb"\sr\s*=")
PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:row|c|si|sst|dimension)[\s/>]")
SI_START = re.compile(rb"<" + _PREFIX + rb"si(?=[\s/>])")
SST = re.compile(rb"<" + _PREFIX + rb"sst" + _ATTRS + rb"\s*/?>")
DIMENSION = re.compile(rb"<" + _PREFIX + rb"dimension" + _ATTRS + rb"\s*/?>")
TAG_OF_INTEREST = re.compile(rb"<(?:!|" + _PREFIX + rb"(?:row|c|dimension|sst|si)(?=[\s/>]))")
DECLARATION = re.compile(rb"<!(?:doctype|entity)", re.IGNORECASE)
ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")
CELL_REF = re.compile(rb"^([A-Za-z]{1,3})?(\d{1,7})$")


class Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Extent:
    """How far a sheet reaches, as its XML says and as its rows and cells count."""
    rows: int = 0
    columns: int = 0
    row: int = 0          # the current row's index (rows without r follow the previous one)
    column: int = 0       # the current cell's column in the current row
    strings: int = 0      # <si> entries (shared-strings part)
    claimed: int = 0      # count / uniqueCount of <sst>
    tags: int = 0         # row and cell tags seen
    slow: int = 0         # of which measured one by one


def check(path: Path, name: str | None = None) -> list[Problem]:
    """[] when the package is safe to hand to the reader, else the one reason it is refused."""
    name = name or Path(path).name
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, name)
    except Refused as refused:
        return [refused.problem]
    except (zipfile.BadZipFile, OSError, KeyError, ElementTree.ParseError, ValueError) as exc:
        return [Problem(MSG["xlsx_damaged"].format(name=name, detail=type(exc).__name__))]
    return []


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise Refused(Problem(MSG["xlsx_too_many_parts"].format(name=name, count=len(infos), limit=MAX_PARTS)))
    if len({i.filename for i in infos}) != len(infos):
        raise Refused(Problem(MSG["xlsx_duplicate_parts"].format(name=name)))
    uses = _sheets(archive, name)
    names = {}
    for part, sheet in uses:
        names.setdefault(part, sheet)
    area = {}
    for info in infos:  # every part is measured as a sheet: no reference trick hides one from the scan
        extent = _scan(archive, info.filename, name, names.get(info.filename, info.filename))
        area[info.filename] = extent.rows * extent.columns
    total = 0
    for part, sheet in uses:  # a part listed as several sheets is read several times
        total += area.get(part, 0)
        if total > MAX_CELLS:
            raise Refused(Problem(MSG["xlsx_too_many_cells"].format(name=name, sheet=sheet, limit=MAX_CELLS), sheet))


def _within_limits(name: str, sheet: str, extent: Extent) -> None:
    if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
        raise Refused(Problem(MSG["sheet_too_large"].format(
            name=name, sheet=sheet, rows=extent.rows, column=column_letters(extent.columns),
            max_rows=MAX_ROWS, max_column=column_letters(MAX_COLUMNS)), sheet))


def _sheets(archive: zipfile.ZipFile, name: str) -> list[tuple[str, str]]:
    """(part, sheet name) for every sheet the workbook lists (refusing too many)."""
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        _scan(archive, part, name)
        if archive.getinfo(part).file_size > MAX_WORKBOOK_PART:
            raise Refused(Problem(MSG["xlsx_too_many_sheets"].format(name=name, count="?", limit=MAX_SHEETS)))
    uses = sheet_uses(archive)
    if len(uses) > MAX_SHEETS:
        raise Refused(Problem(MSG["xlsx_too_many_sheets"].format(name=name, count=len(uses), limit=MAX_SHEETS)))
    return uses


def sheet_uses(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(part name, sheet name) for every sheet the workbook lists, in order (a part may serve several)."""
    listed = ElementTree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True).findall(f"{NS}sheets/{NS}sheet")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    uses = []
    for sheet in listed:
        target = targets.get(sheet.get(REL_ID), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        uses.append((part, sheet.get("name") or "?"))
    return uses


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> sheet name, as the workbook and its relationships list them."""
    return {part: sheet for part, sheet in reversed(sheet_uses(archive))}


def _scan(archive: zipfile.ZipFile, part: str, name: str, sheet: str | None = None) -> Extent:
    """Stream one part: refuse declarations and other encodings; measure strings and, for a sheet (its
    name given), rows and cells, refusing as soon as the limits are passed (a huge part is never read
    to its end)."""
    extent = Extent()
    tail = b""
    with archive.open(part) as stream:
        chunk = stream.read(CHUNK)
        _check_encoding(chunk, part, name)
        while chunk:
            buffer = tail + chunk
            cut = buffer.rfind(b"<")
            if cut == -1 or (len(buffer) - cut > 32 and not TAG_OF_INTEREST.match(buffer, cut)):
                cut = len(buffer)  # the last tag is one the scan need not see whole
            elif len(buffer) - cut > MAX_TAG:
                raise Refused(Problem(MSG["xml_unreadable"].format(name=name, part=part)))
            _measure(buffer[:cut], extent, part, name, sheet is not None)
            _early(name, sheet, extent)
            tail = buffer[cut:]
            chunk = stream.read(CHUNK)
    _measure(tail, extent, part, name, sheet is not None)
    _early(name, sheet, extent)
    return extent


def _early(name: str, sheet: str | None, extent: Extent) -> None:
    if sheet is not None:
        _within_limits(name, sheet, extent)
        if extent.rows * extent.columns > MAX_CELLS:
            raise Refused(Problem(MSG["xlsx_too_many_cells"].format(name=name, sheet=sheet, limit=MAX_CELLS), sheet))
    if extent.strings > MAX_SHARED_STRINGS or extent.claimed > MAX_SHARED_STRINGS:
        raise Refused(Problem(MSG["xlsx_too_many_strings"].format(
            name=name, count=max(extent.strings, extent.claimed), limit=MAX_SHARED_STRINGS)))


def _check_encoding(first: bytes, part: str, name: str) -> None:
    """Every part is scanned as UTF-8 bytes: one in UTF-16 or another declared encoding is refused."""
    head = first[:256]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"<\x00", b"\x00<")):
        raise Refused(Problem(MSG["xml_encoding"].format(name=name, part=part)))
    declared = ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise Refused(Problem(MSG["xml_encoding"].format(name=name, part=part)))


def _measure(data: bytes, extent: Extent, part: str, name: str, is_sheet: bool) -> None:
    if b"<!" in data and DECLARATION.search(data):
        raise Refused(Problem(MSG["xml_declaration"].format(name=name, part=part)))
    prefixed = PREFIXED.search(data) is not None
    extent.strings += len(SI_START.findall(data)) if prefixed else _starts(data, b"<si")
    if b"sst" in data:
        for match in SST.finditer(data):
            extent.claimed = max(extent.claimed, *(_number(_attribute(match.group(1), key))
                                                   for key in (b"count", b"uniqueCount")))
    if b"dimension" in data:
        for match in DIMENSION.finditer(data):
            _dimension(extent, _attribute(match.group(1), b"ref"), part, name)
    if not is_sheet:
        return
    if prefixed:
        rows, cells = len(ROW_START.findall(data)), len(CELL_START.findall(data))
    else:
        rows, cells = _starts(data, b"<row"), _starts(data, b"<c")
    extent.tags += rows + cells
    if extent.tags > MAX_CELLS + MAX_ROWS:
        extent.rows = max(extent.rows, MAX_ROWS + 1)  # more row and cell tags than any sane sheet holds
        return
    fast_rows = ROW_FAST.findall(data) if rows else []
    fast_cells = CELL_FAST.findall(data) if cells else []
    if not prefixed and len(fast_rows) == rows and len(fast_cells) == cells:
        _measure_plain(fast_rows, fast_cells, extent)
        return
    if not prefixed and not ANY_R.search(data):
        _measure_unnumbered(data, extent)
        return
    extent.slow += rows + cells
    if extent.slow > MAX_SLOW_TAGS:
        raise Refused(Problem(MSG["xml_unreadable"].format(name=name, part=part)))
    _measure_tags(data, extent, part, name)


def _starts(data: bytes, tag: bytes) -> int:
    """How many tags `tag` open in `data` (a name followed by a space, tab, newline, '/' or '>')."""
    total = data.count(tag)
    if not total:
        return 0
    spaced = data.count(tag + b" ")
    if spaced == total:
        return total  # every occurrence is a tag followed by a space, as Excel writes them
    return spaced + sum(data.count(tag + end) for end in (b">", b"/", b"\t", b"\n", b"\r"))


def _measure_plain(rows: list[bytes], cells: list[tuple[bytes, bytes]], extent: Extent) -> None:
    """Every tag as Excel writes it (r first, one r per tag): measured without a loop in Python."""
    if rows:
        extent.row = int(rows[-1])
        extent.rows = max(extent.rows, max(map(int, set(rows))))
    if cells:
        letters = {c for c, _ in cells}
        extent.columns = max(extent.columns, column_number(max(letters, key=lambda c: (len(c), c)).decode()))
        extent.rows = max(extent.rows, max(map(int, {r for _, r in cells})))


def _measure_unnumbered(data: bytes, extent: Extent) -> None:
    """Rows and cells that carry no reference at all: each row follows the previous one, each cell the
    previous cell. One mark per tag ('r' row, 'c' cell), then the runs of 'c' are the rows' widths."""
    runs = b"".join(MARK.findall(data)).split(b"r")
    extent.column += len(runs[0])                      # the end of a row begun in the previous piece
    extent.columns = max(extent.columns, extent.column)
    if len(runs) > 1:
        extent.row += len(runs) - 1
        extent.column = len(runs[-1])
        extent.rows = max(extent.rows, extent.row)
        extent.columns = max(extent.columns, max(map(len, runs[1:])))


def _measure_tags(data: bytes, extent: Extent, part: str, name: str) -> None:
    """Tag by tag, for rows and cells without references or with attributes in another order."""
    matches = 0
    for match in TAG.finditer(data):
        matches += 1
        if match.group(1) == b"c":
            _cell(extent, _attribute(match.group(2), b"r"), part, name)
        else:
            _row(extent, _attribute(match.group(2), b"r"), _attribute(match.group(2), b"spans"), part, name)
    if matches != len(TAG_START.findall(data)):
        raise Refused(Problem(MSG["xml_unreadable"].format(name=name, part=part)))


def _row(extent: Extent, ref: bytes | None, spans: bytes | None, part: str, name: str) -> None:
    if ref is None:
        extent.row += 1
    elif ref.isdigit() and len(ref) <= 7:
        extent.row = int(ref)
    else:
        raise Refused(Problem(MSG["xml_unreadable"].format(name=name, part=part)))
    extent.rows = max(extent.rows, extent.row)
    extent.column = 0
    if spans:
        last = spans.rsplit(b":", 1)[-1]
        extent.columns = max(extent.columns, int(last) if last.isdigit() and len(last) <= 7 else MAX_COLUMNS + 1)


def _cell(extent: Extent, ref: bytes | None, part: str, name: str) -> None:
    if ref is None:
        extent.column += 1
    else:
        found = CELL_REF.match(ref)
        if not found:
            raise Refused(Problem(MSG["xml_unreadable"].format(name=name, part=part)))
        if found.group(1):
            extent.column = column_number(found.group(1).decode())
        else:
            extent.column += 1
        extent.rows = max(extent.rows, int(found.group(2)))
    extent.columns = max(extent.columns, extent.column)


def _dimension(extent: Extent, ref: bytes | None, part: str, name: str) -> None:
    """<dimension ref="A1:G2">: never trusted alone, but a sheet claiming the whole grid is refused."""
    for corner in (ref or b"").split(b":"):
        found = CELL_REF.match(corner.replace(b"$", b""))
        if not found:
            raise Refused(Problem(MSG["xml_unreadable"].format(name=name, part=part)))
        extent.rows = max(extent.rows, int(found.group(2)))
        if found.group(1):
            extent.columns = max(extent.columns, column_number(found.group(1).decode()))


ATTRIBUTE = {key: re.compile(rb"(?:^|\s)" + key + rb"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
             for key in (b"r", b"spans", b"ref", b"count", b"uniqueCount")}


def _attribute(attributes: bytes, key: bytes) -> bytes | None:
    if key not in attributes:
        return None
    found = ATTRIBUTE[key].search(attributes)
    if not found:
        return None
    return found.group(1) if found.group(1) is not None else found.group(2)


def _number(value: bytes | None) -> int:
    if not value:
        return 0
    return int(value) if value.isdigit() and len(value) <= 12 else MAX_SHARED_STRINGS + 1


def column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
