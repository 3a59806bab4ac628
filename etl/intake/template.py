"""The quarterly return template a locality downloads, fills in and sends back (made with openpyxl)."""
from __future__ import annotations

import io
from dataclasses import dataclass

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from etl.intake.corrections import REMOVE_MARKERS
from etl.labels_vi import BULK_COLUMNS, QUARTER_SCOPE, TEMPLATE
from etl.model import indicators, localities, target_words

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")     # light yellow: type here
LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Border(*(Side(style="thin", color="999999"),) * 4)
UNLOCKED = Protection(locked=False)
TABLE_ROW = 8  # heading row of the return sheet's table
OFFICER_ROW, OFFICER_COLUMN = 5, 2  # B5 of the return sheet: the officer's name, the only name a return may carry


class UnknownLocality(LookupError):
    pass


@dataclass(frozen=True)
class Line:
    indicator_code: str
    indicator_name: str
    kind: str
    unit: str
    numerator_agg: str
    denominator_label: str | None
    target_text: str


_TARGETS_SQL = """
SELECT t.indicator_code, t.rule, t.value, t.value_high, t.unit, t.levels, t.year, p.year_to
FROM locality_closure c
JOIN plans p ON p.issuer_id = c.ancestor_id AND ? BETWEEN p.year_from AND p.year_to
JOIN targets t ON t.plan_id = p.plan_id AND (t.year IS NULL OR t.year >= ?)
WHERE c.locality_id = ?
ORDER BY p.plan_id || lpad(t.position::VARCHAR, 3, '0')"""


def lines_for(con: duckdb.DuckDBPyConnection, locality_id: str, year: int) -> list[Line]:
    """One line per indicator that a plan covering the unit (its own or an ancestor's) targets that year,
    its targets worded as on every page (etl.model.target_words)."""
    known = indicators.indicators(con)
    texts: dict[str, list[str]] = {}
    for code, rule, value, high, unit, levels, t_year, plan_end in con.cursor().execute(
            _TARGETS_SQL, [year, year, locality_id]).fetchall():
        if code in known:
            text = target_words.target_text(rule, value, high, unit, target_words.deadline(rule, t_year, plan_end))
            texts.setdefault(code, []).append(target_words.with_levels(text, levels))
    return [Line(code, known[code].name, known[code].kind, known[code].unit, known[code].numerator_agg,
                 known[code].denominator_label, "; ".join(dict.fromkeys(parts))) for code, parts in texts.items()]


def build(con: duckdb.DuckDBPyConnection, locality_code: str, year: int, quarter: int) -> bytes:
    locality_id = localities.resolve(con, locality_code, year, quarter)
    if locality_id is None:
        raise UnknownLocality(locality_code)
    code, name = con.cursor().execute("SELECT code, name FROM localities WHERE locality_id = ?",
                                      [locality_id]).fetchall()[0]
    lines = lines_for(con, locality_id, year)
    children = con.cursor().execute(
        "SELECT l.code, l.name FROM units_under(?, ?, ?) l WHERE depth = 1 ORDER BY code",
        [locality_id, year, quarter]).fetchall()
    workbook = Workbook()
    _instructions(workbook.active, name, year, quarter)
    _return_sheet(workbook.create_sheet(TEMPLATE["return_sheet"]), code, name, year, quarter, lines)
    _bulk_sheet(workbook.create_sheet(TEMPLATE["bulk_sheet"]), children, year, quarter, lines)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(sheet, name: str, year: int, quarter: int) -> None:
    sheet.title = TEMPLATE["instructions_sheet"]
    sheet["A1"] = TEMPLATE["instructions_title"].format(name=name, quarter=quarter, year=year)
    sheet["A1"].font = Font(bold=True, size=14)
    for row, line in enumerate(TEMPLATE["instructions"], start=3):
        sheet.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 120


def _return_sheet(sheet, code: str, name: str, year: int, quarter: int, lines: list[Line]) -> None:
    sheet["A1"] = TEMPLATE["return_title"].format(quarter=quarter, year=year)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells("A1:H1")
    block = [(3, BULK_COLUMNS["locality_code"], code, TEMPLATE["locality_name"], name),
             (4, BULK_COLUMNS["year"], year, BULK_COLUMNS["quarter"], quarter),
             (OFFICER_ROW, TEMPLATE["officer"], None, TEMPLATE["report_date"], None)]
    for row, label1, value1, label2, value2 in block:
        sheet.cell(row, 1, label1).font = Font(bold=True)
        sheet.cell(row, 2, value1)
        sheet.cell(row, 3, label2).font = Font(bold=True)
        sheet.cell(row, 4, value2)
    for cell in (sheet["B5"], sheet["D5"]):
        cell.fill, cell.protection = INPUT_FILL, UNLOCKED
    sheet["D5"].number_format = "dd/mm/yyyy"
    sheet["A6"] = TEMPLATE["return_hint"]
    sheet["A6"].font = Font(italic=True, color="555555")
    code_heading, name_heading, *rest = TEMPLATE["table_headings"]
    headings = [name_heading, code_heading, *rest]   # a person reads the name first; the code is the file's key
    for col, heading in enumerate(headings, start=1):
        cell = sheet.cell(TABLE_ROW, col, heading)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, THIN
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    numbers = _validations(sheet)
    for offset, line in enumerate(lines, start=1):
        row = TABLE_ROW + offset
        values = [line.indicator_name, line.indicator_code, line.target_text, QUARTER_SCOPE[line.numerator_agg],
                  line.unit, None, None, None]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col, value)
            cell.border = THIN
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row, 2).font = Font(color="777777", size=9)
        for col in (6, 8) + ((7,) if line.kind == "share" else ()):
            sheet.cell(row, col).fill, sheet.cell(row, col).protection = INPUT_FILL, UNLOCKED
        if line.kind != "share":
            sheet.cell(row, 7).fill = LOCKED_FILL
        _numerator_rule(sheet, f"F{row}", qualitative=line.kind == "qualitative")
        if line.kind == "share":
            numbers.add(f"G{row}")
    for col, width in zip("ABCDEFGH", (48, 22, 26, 18, 10, 16, 16, 30)):
        sheet.column_dimensions[col].width = width
    sheet.row_dimensions[TABLE_ROW].height = 48
    sheet.freeze_panes = f"A{TABLE_ROW + 1}"
    sheet.protection.sheet = True  # labels locked; yellow cells stay editable (no password)


def _validations(sheet):
    def rule(formula1, formula2=None, message=TEMPLATE["whole_number_error"]):
        dv = DataValidation(type="whole", operator="between" if formula2 else "greaterThanOrEqual",
                            formula1=formula1, formula2=formula2, allow_blank=True, showErrorMessage=True,
                            errorTitle=TEMPLATE["validation_title"], error=message)
        sheet.add_data_validation(dv)
        return dv
    return rule("0")


def _numerator_rule(sheet, cells: str, qualitative: bool = False) -> None:
    """Tử số: a whole number (0 or 1 for a qualitative indicator), or 'xóa' to remove a figure sent before."""
    first = cells.split(":")[0]
    number = f"OR({first}=0,{first}=1)" if qualitative else f"AND(ISNUMBER({first}),{first}>=0,{first}=INT({first}))"
    marker = ",".join(f'LOWER(TRIM({first}))="{m}"' for m in REMOVE_MARKERS)
    dv = DataValidation(type="custom", formula1=f"OR({number},{marker})", allow_blank=True, showErrorMessage=True,
                        errorTitle=TEMPLATE["validation_title"],
                        error=TEMPLATE["flag_or_remove_error" if qualitative else "number_or_remove_error"])
    sheet.add_data_validation(dv)
    dv.add(cells)


def _bulk_sheet(sheet, children: list[tuple[str, str]], year: int, quarter: int, lines: list[Line]) -> None:
    sheet["A1"] = TEMPLATE["bulk_title"]
    sheet["A1"].font = Font(bold=True, size=12)
    # a person reads the unit's and the indicator's names first (grey: for reading); the codes are the file's keys
    headings = [TEMPLATE["bulk_unit"], TEMPLATE["bulk_indicator"], *BULK_COLUMNS.values()]
    for col, heading in enumerate(headings, start=1):
        cell = sheet.cell(3, col, heading)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, THIN
    numbers = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle=TEMPLATE["validation_title"],
                             error=TEMPLATE["whole_number_error"])
    sheet.add_data_validation(numbers)
    row = 4
    for code, name in children:
        for line in lines:
            unit = TEMPLATE["bulk_unit_value"].format(name=name, code=code)
            for col, value in enumerate([unit, line.indicator_name, code, year, quarter, line.indicator_code], start=1):
                sheet.cell(row, col, value)
            for col in (1, 2):
                sheet.cell(row, col).fill = LOCKED_FILL
            for col in (7, 8, 9):
                sheet.cell(row, col).fill = INPUT_FILL
            row += 1
    numbers.add(f"H4:H{max(row, 2000)}")
    _numerator_rule(sheet, f"G4:G{max(row, 2000)}")
    for col, width in zip("ABCDEFGHI", (30, 40, 14, 8, 6, 26, 12, 12, 30)):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A4"
