"""Writing export tables: .xlsx (one sheet per table, ready to print) and CSV (one file per table,
zipped when several). Numbers stay numbers; text that a spreadsheet could run as a formula is not."""
from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from etl.labels_vi import EXPORT
from etl.reports.export_tables import Cell, Export, Table
from etl.reports.format import STATUS_COLOUR

# Submission statuses in the same colour-blind-safe palette as attainment statuses.
FILL = {**STATUS_COLOUR, "on_time": STATUS_COLOUR["met"], "late": STATUS_COLOUR["behind"],
        "missing": STATUS_COLOUR["not_met"], "not_due": STATUS_COLOUR["no_data"]}
FORMAT = {"number": "#,##0", "decimal": "#,##0.0", "percent": "0.0%", "date": "dd/mm/yyyy"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
THIN = Side(style="thin", color="999999")
MAX_WIDTH, WIDE_WIDTH = 40, 60


def neutralised(text: str) -> str:
    """A text cell a spreadsheet would run as a formula, made plain text (OWASP: prefix a quote)."""
    return "'" + text if text.startswith(FORMULA_START) else text


# --- Excel ---------------------------------------------------------------------------------------

def xlsx(export: Export) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in export.tables:
        _sheet(workbook.create_sheet(table.sheet), table, export)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _title_block(ws, table: Table, export: Export) -> int:
    lines = [table.title, EXPORT["plan_line"].format(plan=export.plan_title),
             EXPORT["period_line"].format(period=export.period, dates=export.period_dates),
             EXPORT["locality_line"].format(locality=export.locality_name),
             EXPORT["made_line"].format(date=f"{export.made_on:%d/%m/%Y}")]
    for row, text in enumerate(lines, start=1):
        ws.cell(row, 1, text).font = Font(bold=row == 1, size=14 if row == 1 else 11)
    return len(lines) + 2


def _sheet(ws, table: Table, export: Export) -> None:
    row = _title_block(ws, table, export)
    if table.groups:
        column = 1
        for label, span in table.groups:
            ws.cell(row, column, label)
            if span > 1:
                ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
            column += span
        _style_header(ws, row, len(table.header))
        row += 1
    for column, heading in enumerate(table.header, start=1):
        ws.cell(row, column, heading)
    _style_header(ws, row, len(table.header))
    header_row = row
    for values in table.rows:
        row += 1
        for column, cell in enumerate(values, start=1):
            _write(ws.cell(row, column), cell)
    ws.freeze_panes = ws.cell(header_row + 1, 3 if table.groups else 1)
    _fit(ws, table, header_row)
    ws.print_title_rows = f"{header_row - bool(table.groups)}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _style_header(ws, row: int, width: int) -> None:
    for column in range(1, width + 1):
        cell = ws.cell(row, column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)


def _write(target, cell: Cell) -> None:
    value = cell.value
    if cell.kind == "percent" and value is not None:
        target.value, target.number_format = value / 100, FORMAT["percent"]
    elif cell.kind == "number" and value is not None:
        target.value = value
        target.number_format = FORMAT["number"] if float(value).is_integer() else FORMAT["decimal"]
    elif cell.kind == "date" and value is not None:
        target.value, target.number_format = value, FORMAT["date"]
    elif value is not None:
        target.value = str(value)
        target.data_type = "s"   # openpyxl would otherwise store "=…" as a formula
    target.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    target.alignment = Alignment(vertical="top", wrap_text=True)
    if cell.status:
        target.fill = PatternFill("solid", fgColor=FILL[cell.status].lstrip("#"))
        target.font = Font(bold=True)


def _fit(ws, table: Table, header_row: int) -> None:
    for index in range(len(table.header)):
        texts = [table.header[index]] + [_shown(line[index]) for line in table.rows]
        longest = max(len(t) for t in texts)
        width = min(longest + 2, WIDE_WIDTH if index in table.wide else MAX_WIDTH)
        ws.column_dimensions[get_column_letter(index + 1)].width = max(width, 8)


def _shown(cell: Cell) -> str:
    if cell.value is None:
        return ""
    if cell.kind == "percent":
        return "100,0%"
    if cell.kind == "date":
        return "00/00/0000"
    return str(cell.value) if cell.kind == "text" else f"{cell.value:,.0f}"


# --- CSV -----------------------------------------------------------------------------------------

def csv_table(table: Table) -> bytes:
    """UTF-8 with BOM (so Excel reads Vietnamese), a header row, one row per line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_csv_header(table))
    for line in table.rows:
        writer.writerow([_csv_value(c) for c in line])
    return out.getvalue().encode("utf-8-sig")


def _csv_header(table: Table) -> list[str]:
    if not table.groups:
        return table.header
    above = [label for label, span in table.groups for _ in range(span)]
    return [f"{g} — {h}" if g else h for g, h in zip(above, table.header)]


def _csv_value(cell: Cell):
    if cell.value is None:
        return ""
    if cell.kind == "percent":
        return round(cell.value, 1)
    if cell.kind == "number":
        return int(cell.value) if float(cell.value).is_integer() else round(cell.value, 1)
    if cell.kind == "date":
        return f"{cell.value:%d/%m/%Y}"
    return neutralised(str(cell.value))


def csv_zip(export: Export) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in export.tables:
            archive.writestr(f"{table.key}.csv", csv_table(table))
    return out.getvalue()


# --- on screen -----------------------------------------------------------------------------------

def frame(table: Table):
    """The table as the export page previews it: the same cells, written the Vietnamese way."""
    import pandas as pd

    from etl.reports import format as fmt
    shown = {"percent": lambda v: fmt.percent(v), "number": lambda v: fmt.number(v, 0 if float(v).is_integer() else 1),
             "date": lambda v: f"{v:%d/%m/%Y}", "text": str}
    rows = [["" if c.value is None else shown[c.kind](c.value) for c in line] for line in table.rows]
    return pd.DataFrame(rows, columns=_csv_header(table))
