"""Building the files real offices send, for the tests: bulk sheets, templates, and broken workbooks."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from etl.cli.demo import write_bulk

HEADINGS = ["Mã địa bàn", "Năm", "Quý", "Mã chỉ số", "Tử số", "Mẫu số", "Ghi chú"]


def bulk(path: Path, rows, title: str = "Số liệu") -> Path:
    write_bulk(path, rows, title)
    return path


def sheet_with(path: Path, rows: list[list], title: str = "Dữ liệu") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def fill_template(source: bytes, path: Path, figures: dict[str, tuple], officer: str | None = None) -> Path:
    """Type figures into a downloaded template: indicator_code -> (numerator, denominator[, note])."""
    wb = load_workbook(io.BytesIO(source))
    ws = wb["Báo cáo"]
    for row in ws.iter_rows(min_row=9):
        code = row[1].value   # column A names the indicator, B holds its code
        if code in figures:
            values = figures[code]
            row[5].value, row[6].value = values[0], values[1]
            if len(values) > 2:
                row[7].value = values[2]
    if officer:
        ws["B5"] = officer
    wb.save(path)
    return path


def with_cached_formula(path: Path, cell: str, cached) -> Path:
    """Give a formula cell the cached value Excel would have saved (openpyxl writes none)."""
    _rewrite_sheet(path, lambda xml: re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v>[^<]*</v>|<v\s*/>)?',
                                            rf"\1\2<v>{cached}</v>", xml))
    return path


def add_member(path: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return path


def _rewrite_sheet(path: Path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = change(members["xl/worksheets/sheet1.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
