"""Rows and columns an officer hid, read from each sheet's XML (calamine does not say), so that the
preview can list them: hidden figures are still loaded, and the officer should know which.

Runs after etl.intake.xlsx_guard has passed the file, streaming each sheet part in 1 MB pieces; pieces with
no 'hidden' attribute cost one substring search.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from etl.intake import xlsx_guard

CHUNK = 1024 * 1024
HIDDEN_ROW = re.compile(rb'<(?:[\w.-]+:)?row\s[^<>]*?\br="(\d+)"[^<>]*?\bhidden="(?:1|true)"'
                        rb'|<(?:[\w.-]+:)?row\s[^<>]*?\bhidden="(?:1|true)"[^<>]*?\br="(\d+)"')
COL = re.compile(rb"<(?:[\w.-]+:)?col\s([^<>]*)/?>")
ATTR = re.compile(rb'\b(min|max|hidden)="([^"]*)"')


def hidden(path: Path) -> dict[str, tuple[set[int], set[int]]]:
    """Sheet name -> (hidden row numbers, hidden column numbers)."""
    out = {}
    with zipfile.ZipFile(path) as archive:
        for part, sheet in xlsx_guard.sheet_parts(archive).items():
            if part in archive.namelist():
                out[sheet] = _scan(archive, part)
    return out


def _scan(archive: zipfile.ZipFile, part: str) -> tuple[set[int], set[int]]:
    rows: set[int] = set()
    columns: set[int] = set()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut >= 0:
                data, tail = data[:cut], data[cut:]
            else:
                tail = b""
            if b"hidden" in data:
                _collect(data, rows, columns)
    if b"hidden" in tail:
        _collect(tail, rows, columns)
    return rows, columns


def _collect(data: bytes, rows: set[int], columns: set[int]) -> None:
    for match in HIDDEN_ROW.finditer(data):
        rows.add(int(match.group(1) or match.group(2)))
    for match in COL.finditer(data):
        attrs = dict(ATTR.findall(match.group(1)))
        bounds = attrs.get(b"min", b""), attrs.get(b"max", b"")
        if attrs.get(b"hidden") in (b"1", b"true") and all(b.isdigit() for b in bounds):
            low, high = int(attrs[b"min"]), min(int(attrs[b"max"]), xlsx_guard.MAX_COLUMNS)
            columns.update(range(low, high + 1))


def ranges(numbers) -> str:
    """[5, 7, 8, 9, 12] -> '5, 7–9, 12' (at most 30 pieces, then '…')."""
    pieces = []
    for n in sorted(numbers):
        if pieces and n == pieces[-1][1] + 1:
            pieces[-1][1] = n
        else:
            pieces.append([n, n])
    text = [str(a) if a == b else f"{a}–{b}" for a, b in pieces[:30]]
    return ", ".join(text) + (", …" if len(pieces) > 30 else "")
