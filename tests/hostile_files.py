"""Hostile workbooks built byte by byte, for tests/intake/test_hostile_files.py and bench/hostile_files.py.

Each builder writes a small .xlsx (a few KB to a few MB) whose parts are chosen to hurt a reader: a
value in the last cell of the grid, a million styled empty rows, a shared-strings table that claims
billions of strings, thousands of sheets, DOCTYPE and entity declarations, UTF-16 parts.
"""
from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã địa bàn</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Năm</t></is></c><c r="C1" t="inlineStr"><is><t>Quý</t></is></c>'
              '<c r="D1" t="inlineStr"><is><t>Mã chỉ số</t></is></c><c r="E1" t="inlineStr"><is><t>Tử số</t></is></c>'
              '<c r="F1" t="inlineStr"><is><t>Mẫu số</t></is></c></row>')
GOOD_ROW = ('<row r="2"><c r="A2" t="inlineStr"><is><t>90001</t></is></c><c r="B2"><v>2023</v></c>'
            '<c r="C2"><v>2</v></c><c r="D2" t="inlineStr"><is><t>tipoffs_handled</t></is></c>'
            '<c r="E2"><v>1</v></c><c r="F2"><v>2</v></c></row>')


def sheet_xml(rows: str = HEADER_ROW + GOOD_ROW, dimension: str = "A1:F2", prolog: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{dim}<sheetData>{rows}</sheetData></worksheet>')


def workbook(path: Path, sheets: list[str] | None = None, extra: dict[str, bytes | str] | None = None,
             workbook_prolog: str = "", content_types_prolog: str = "") -> Path:
    """A workbook with one part per entry of `sheets` (sheet XML text); `extra` parts replace or add."""
    sheets = sheets if sheets is not None else [sheet_xml()]
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for i in range(1, len(sheets) + 1))
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>{content_types_prolog}'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{overrides}</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>{workbook_prolog}<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            '<sheets>' + "".join(f'<sheet name="Trang {i}" sheetId="{i}" r:id="rId{i}"/>'
                                 for i in range(1, len(sheets) + 1)) + '</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>'),
    }
    for i, xml in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def far_cell(path: Path, ref: str = "XFD1048576") -> Path:
    """One value in the grid's last cell (or Z1048576): a dense reader allocates the whole grid."""
    return workbook(path, [sheet_xml(HEADER_ROW + GOOD_ROW + f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
                                     f'<c r="{ref}"><v>1</v></c></row>', dimension="A1:F2")])


def styled_empty_rows(path: Path, rows: int = 1_048_576) -> Path:
    body = "".join(f'<row r="{r}" s="1" customFormat="1" ht="15" customHeight="1"/>' for r in range(3, rows + 1))
    return workbook(path, [sheet_xml(HEADER_ROW + GOOD_ROW + body, dimension="A1:F2")])


def rows_without_numbers(path: Path, rows: int = 400_000) -> Path:
    """Rows with no r attribute: their index is implied, so only counting them finds the extent."""
    return workbook(path, [sheet_xml(HEADER_ROW + GOOD_ROW + "<row><c><v>1</v></c></row>" * rows)])


def wide_row(path: Path, columns: int = 16_384) -> Path:
    """One row of cells with no r attribute: columns implied."""
    return workbook(path, [sheet_xml(HEADER_ROW + GOOD_ROW + "<row>" + "<c><v>1</v></c>" * columns + "</row>")])


def lying_dimension(path: Path) -> Path:
    return workbook(path, [sheet_xml(dimension="A1:XFD1048576")])


def shared_strings_claim(path: Path, count: int = 4_000_000_000) -> Path:
    """A shared-strings table claiming billions of strings (a reader may reserve room for them)."""
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'
           '<si><t>a</t></si></sst>')
    return workbook(path, extra={"xl/sharedStrings.xml": sst})


def shared_strings_many(path: Path, count: int = 1_500_000) -> Path:
    """Many distinct strings, under the zip-bomb ratio, with no count attribute to give them away."""
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
           + "".join(f"<si><t>{i * 7919:x}</t></si>" for i in range(count)) + "</sst>")
    return workbook(path, extra={"xl/sharedStrings.xml": sst})


def many_sheets(path: Path, count: int = 300) -> Path:
    return workbook(path, [sheet_xml()] * count)


def many_parts(path: Path, count: int = 5_000) -> Path:
    return workbook(path, extra={f"xl/media/a{i}.xml": "<a/>" for i in range(count)})


def one_part_many_sheets(path: Path, sheets: int = 40, rows: int = 60_000) -> Path:
    """Forty sheets that are all the same 360 000-cell part: a reader reads it forty times."""
    workbook(path, [sheet_xml(HEADER_ROW + GOOD_ROW + "<row><c><v>1</v></c></row>" * rows)] * sheets)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if not n.startswith("xl/worksheets/sheet") or
                 n == "xl/worksheets/sheet1.xml"}
    parts["xl/_rels/workbook.xml.rels"] = re.sub(rb"worksheets/sheet\d+\.xml", b"worksheets/sheet1.xml",
                                                 parts["xl/_rels/workbook.xml.rels"])
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def text_before_sheet(path: Path) -> Path:
    """A sheet part that does not start with '<' (a lenient parser reads on into the far cell)."""
    xml = sheet_xml(HEADER_ROW + GOOD_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    return workbook(path, extra={"xl/worksheets/sheet1.xml": "x" + xml.split("?>", 1)[1]})


def duplicate_parts(path: Path) -> Path:
    """Two parts of the same name: which one a reader takes is its own choice."""
    workbook(path)
    with zipfile.ZipFile(path, "a") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        archive.writestr("xl/worksheets/sheet1.xml", far_sheet := sheet_xml(
            HEADER_ROW + GOOD_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    assert far_sheet
    return path


def doctype_in_sheet(path: Path) -> Path:
    return workbook(path, [sheet_xml(prolog='<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>')])


def billion_laughs(path: Path) -> Path:
    entities = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]>'
           f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>')
    return workbook(path, extra={"xl/sharedStrings.xml": sst})


def doctype_in_content_types(path: Path) -> Path:
    return workbook(path, content_types_prolog='<!DOCTYPE Types SYSTEM "http://example.invalid/x.dtd">')


def doctype_in_workbook(path: Path) -> Path:
    return workbook(path, workbook_prolog="<!DOCTYPE workbook>")


def utf16_sheet(path: Path) -> Path:
    """A sheet part in UTF-16, where a byte scan for '<!DOCTYPE' or '<row' would see nothing."""
    xml = sheet_xml(prolog="<!DOCTYPE worksheet>").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return workbook(path, extra={"xl/worksheets/sheet1.xml": xml.encode("utf-16")})


def numerator(path: Path, cell: str) -> Path:
    """A bulk row whose Tử số is `cell` (XML of the cell's type and value), Mẫu số empty."""
    row = ('<row r="2"><c r="A2" t="inlineStr"><is><t>90001</t></is></c><c r="B2"><v>2023</v></c>'
           '<c r="C2"><v>2</v></c><c r="D2" t="inlineStr"><is><t>outreach_sessions</t></is></c>'
           f'{cell}</row>')
    return workbook(path, [sheet_xml(HEADER_ROW + row)])


def number_cell(value: str) -> str:
    return f'<c r="E2"><v>{value}</v></c>'


def text_cell(value: str) -> str:
    return f'<c r="E2" t="inlineStr"><is><t>{value}</t></is></c>'


EXTENT = {  # name -> builder: files whose sheets reach far beyond any return
    "far_cell_XFD1048576": far_cell,
    "far_cell_Z1048576": lambda p: far_cell(p, "Z1048576"),
    "million_styled_empty_rows": styled_empty_rows,
    "rows_without_numbers": rows_without_numbers,
    "wide_row": wide_row,
    "lying_dimension": lying_dimension,
    "shared_strings_claim": shared_strings_claim,
    "shared_strings_many": shared_strings_many,
    "many_sheets": many_sheets,
    "many_parts": many_parts,
    "one_part_many_sheets": one_part_many_sheets,
    "text_before_sheet": text_before_sheet,
    "duplicate_parts": duplicate_parts,
}
DECLARATIONS = {  # name -> builder: XML parts with a DOCTYPE or entity declaration
    "doctype_in_sheet": doctype_in_sheet,
    "billion_laughs": billion_laughs,
    "doctype_in_content_types": doctype_in_content_types,
    "doctype_in_workbook": doctype_in_workbook,
    "utf16_sheet": utf16_sheet,
}
NUMBERS = {  # name -> Tử số cell: values beyond what any indicator can hold
    "1e20_number": number_cell("100000000000000000000"),
    "2^63_number": number_cell("9223372036854775808"),
    "2^63_text": text_cell("9223372036854775808"),
    "1e308_number": number_cell("1E+308"),
    "1e20_text": text_cell("1e20"),
    "inf_text": text_cell("inf"),
    "nan_text": text_cell("NaN"),
    "inf_number": number_cell("INF"),
    "huge_thousands_text": text_cell("1.000.000.000.000.000.000.000"),
}
ALL = {**EXTENT, **DECLARATIONS, **{k: (lambda p, c=c: numerator(p, c)) for k, c in NUMBERS.items()}}
