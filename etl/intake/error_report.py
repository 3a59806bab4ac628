"""The officer's own workbook sent back with every bad cell highlighted and commented, plus a summary sheet."""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from etl.intake import excel, xlsx_guard
from etl.intake.problems import Problem
from etl.labels_vi import ERROR_REPORT

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")  # light red, with a comment and the summary sheet as well


def build(path: Path, problems: list[Problem]) -> bytes:
    """The workbook with marks where it could be opened, else a workbook holding only the list."""
    try:
        if excel.check_file(path) or xlsx_guard.check(path):
            raise ValueError("not safe to open")  # a hostile file is never handed to openpyxl
        workbook = load_workbook(path)
    except Exception:  # not an openable workbook at all (renamed CSV, damaged, …): the list alone
        workbook = Workbook()
        workbook.remove(workbook.active)
    for problem in problems:
        if problem.sheet in workbook.sheetnames and problem.row and problem.column:
            cell = workbook[problem.sheet].cell(problem.row, problem.column)
            cell.fill = BAD_FILL
            text = problem.message if cell.comment is None else f"{cell.comment.text}\n{problem.message}"
            cell.comment = Comment(text, ERROR_REPORT["author"], width=420, height=140)
    _summary(workbook, problems)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(workbook, problems: list[Problem]) -> None:
    sheet = workbook.create_sheet(ERROR_REPORT["sheet"], 0)
    sheet.append([ERROR_REPORT["title"].format(count=len(problems))])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(ERROR_REPORT["headings"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for p in problems:
        sheet.append([p.sheet or "", p.row or "", get_column_letter(p.column) if p.column else "", p.message])
    for col, width in zip("ABCD", (18, 8, 8, 120)):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A4"
    workbook.active = 0
