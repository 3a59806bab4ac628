"""Scanning every text a workbook carries for personal data, before anything is stored: every cell of
every sheet (visible, hidden, very hidden; the grids etl.intake.excel read, so its limits apply), cell comments,
sheet names, document properties and the file name. Messages name the place and the kind, never the value.
"""
from __future__ import annotations

import re
from pathlib import Path

from etl.intake import personal_data, template, workbook_text
from etl.intake.personal_data import PersonalDataProblem, find, text_message
from etl.intake.problems import Problem
from etl.labels_vi import MSG, PROPERTY_FIELD, TEMPLATE


def scan(path: Path, name: str, sheets: list[tuple[str, list[list]]]) -> list[Problem]:
    """Every personal-data problem of the file, all at once: file name, sheet names, cells, comments,
    properties."""
    labels = sheet_labels([sheet for sheet, _ in sheets])
    problems = file_name_problems(name)
    problems += [PersonalDataProblem(text_message(MSG["where_sheet_name"].format(n=n), find(sheet)))
                 for n, (sheet, _) in enumerate(sheets, start=1) if find(sheet)]
    for sheet, grid in sheets:
        problems += personal_data.scan(sheet, grid, officer_cell(sheet, grid), labels[sheet])
    problems += _comment_problems(path, labels)
    problems += _property_problems(path)
    problems += _other_text_problems(path, labels)
    return problems


def file_name_problems(name: str) -> list[Problem]:
    found = find(re.sub(r"(?<=[^\W\d])-(?=[^\W\d])", " ", Path(name).stem.replace("_", " ")))
    return [PersonalDataProblem(text_message(MSG["where_file_name"], found))] if found else []


def shown_name(name: str) -> str:
    """The file's name as messages may show it: never a name that carries personal data."""
    return MSG["masked_file_name"] if file_name_problems(name) else name


def sheet_labels(sheets: list[str]) -> dict[str, str]:
    """How messages call each sheet: its name, or 'sheet thứ N' when the name itself carries personal data."""
    return {sheet: MSG["where_sheet_at"].format(n=n) if find(sheet) else sheet
            for n, sheet in enumerate(sheets, start=1)}


def officer_cell(sheet: str, grid: list[list]) -> tuple[int, int] | None:
    """The template's signature cell (B5 of its return sheet, beside the label the template writes)."""
    row, col = template.OFFICER_ROW - 1, template.OFFICER_COLUMN - 1
    if sheet != TEMPLATE["return_sheet"] or len(grid) <= row or not grid[row]:
        return None
    label = grid[row][col - 1] if len(grid[row]) >= col else None
    return (row, col) if isinstance(label, str) and label.strip() == TEMPLATE["officer"] else None


def _comment_problems(path: Path, labels: dict[str, str]) -> list[Problem]:
    problems = []
    for comment in workbook_text.comments(path):
        found = find(comment.text)
        if found:
            where = MSG["where_comment"].format(sheet=labels.get(comment.sheet, comment.sheet), cell=comment.cell)
            row, col = _row_col(comment.cell)
            problems.append(PersonalDataProblem(text_message(where, found), comment.sheet, row, col))
    return problems


def _property_problems(path: Path) -> list[Problem]:
    problems = []
    for prop in workbook_text.properties(path):
        found = find(prop.text)
        if found:
            where = (MSG["where_custom_property"].format(n=prop.number) if prop.field == "custom"
                     else MSG["where_property"].format(field=PROPERTY_FIELD[prop.field]))
            problems.append(PersonalDataProblem(text_message(where, found)))
    return problems


def _other_text_problems(path: Path, labels: dict[str, str]) -> list[Problem]:
    problems = []
    for item in workbook_text.other_texts(path):
        found = find(item.text)
        if found:
            where = MSG[f"where_{item.place}"].format(sheet=labels.get(item.sheet, item.sheet))
            problems.append(PersonalDataProblem(text_message(where, found), item.sheet or None))
    return problems


def _row_col(ref: str) -> tuple[int | None, int | None]:
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    if not letters or not digits:
        return None, None
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits), col
