"""Hostile workbooks (tests/hostile_files.py): each refused with a Vietnamese message before any cell is
read, nothing written, the process alive; numbers no indicator can hold refused at their cell.
Memory and time of each refusal are measured by bench/hostile_files.py, not here."""
import datetime as dt
from pathlib import Path

import pytest

from etl.intake import excel, loader, submission, xlsx_guard
from tests import hostile_files as hostile
from tests.conftest import target

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {  # case -> words the message must carry
    "far_cell_XFD1048576": ["sheet 'Trang 1'", "dòng 1048576, cột XFD"],
    "far_cell_Z1048576": ["sheet 'Trang 1'", "dòng 1048576, cột Z"],
    "million_styled_empty_rows": ["sheet 'Trang 1'", "tối đa 200000 dòng", "kể cả ô chỉ được tô màu"],
    "rows_without_numbers": ["sheet 'Trang 1'", "tối đa 200000 dòng"],
    "wide_row": ["sheet 'Trang 1'", "cột XFD"],
    "lying_dimension": ["sheet 'Trang 1'", "dòng 1048576, cột XFD"],
    "shared_strings_claim": ["4000000000 chuỗi"],
    "shared_strings_many": ["chuỗi văn bản", "tối đa 1000000"],
    "many_sheets": ["300 sheet"],
    "many_parts": ["thành phần"],
    "one_part_many_sheets": ["vượt quá 2000000 ô"],
    "text_before_sheet": ["dòng 1048576, cột XFD"],
    "duplicate_parts": ["trùng tên"],
    "doctype_in_sheet": ["'xl/worksheets/sheet1.xml'", "DOCTYPE/ENTITY"],
    "billion_laughs": ["'xl/sharedStrings.xml'", "DOCTYPE/ENTITY"],
    "doctype_in_content_types": ["'[Content_Types].xml'", "DOCTYPE/ENTITY"],
    "doctype_in_workbook": ["'xl/workbook.xml'", "DOCTYPE/ENTITY"],
    "utf16_sheet": ["'xl/worksheets/sheet1.xml'", "UTF-8"],
}
NUMBER_MESSAGES = {
    "1e20_number": "lớn quá mức", "2^63_number": "lớn quá mức", "2^63_text": "lớn quá mức",
    "1e308_number": "lớn quá mức", "inf_number": "lớn quá mức", "huge_thousands_text": "lớn quá mức",
    "1e20_text": "không phải số nguyên", "inf_text": "không phải số nguyên", "nan_text": "không phải số nguyên",
}


@pytest.fixture
def con(make_db):
    return make_db([target(1, "outreach_sessions", "at_least", 2, unit="buổi")])


def content(con) -> dict:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in ("uploads", "returns", "figures")}


def test_every_hostile_case_is_tested():
    assert set(EXPECTED) == set(hostile.EXTENT) | set(hostile.DECLARATIONS)
    assert set(NUMBER_MESSAGES) == set(hostile.NUMBERS)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_hostile_workbook_is_refused_before_any_cell_is_read(con, tmp_path, case, monkeypatch):
    path = hostile.ALL[case](tmp_path / f"{case}.xlsx")
    monkeypatch.setattr(excel.calamine.CalamineWorkbook, "from_path",
                        lambda *_: pytest.fail("a hostile file reached the cell reader"))
    before = content(con)
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert not report.loaded and len(report.problems) == 1
    message = report.problems[0].message
    assert message.startswith(f"Tệp '{case}.xlsx'") and all(words in message for words in EXPECTED[case]), message
    assert content(con) == before


@pytest.mark.parametrize("case", sorted(NUMBER_MESSAGES))
def test_a_number_no_indicator_can_hold_is_refused_at_its_cell(con, tmp_path, case):
    path = hostile.ALL[case](tmp_path / f"{case}.xlsx")
    before = content(con)
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert [p.message.split(": ")[0] for p in report.problems] == ["Sheet 'Trang 1', dòng 2, cột 'Tử số'"]
    assert NUMBER_MESSAGES[case] in report.problems[0].message
    assert len(report.problems[0].message) < 200  # 1e308 is not spelled out in 309 digits
    assert content(con) == before


def test_the_upload_page_path_refuses_with_a_list_only_error_report(con, tmp_path):
    for case in ("million_styled_empty_rows", "billion_laughs", "2^63_number"):
        data = hostile.ALL[case](tmp_path / "x.xlsx").read_bytes()
        inspection = submission.inspect(con, f"{case}.xlsx", data, today=TODAY)
        assert inspection.refused and inspection.report  # the error report is built without opening the file


def test_the_cli_refuses_without_a_traceback(tmp_path, cli):
    db = tmp_path / "cli.duckdb"
    files = [hostile.ALL[case](tmp_path / f"{case.replace('^', '')}.xlsx")
             for case in ("far_cell_XFD1048576", "shared_strings_claim", "2^63_text", "1e308_number")]
    result = cli("load", *files, "--db", db)  # an exception would fail the test itself
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("không có số liệu nào được ghi") == 4 and "dòng 1048576, cột XFD" in result.stderr


def test_a_tag_that_hides_its_reference_behind_a_quoted_bracket_is_still_measured(tmp_path):
    row = '<row r="3"><c foo="&gt;" bar=">" r="XFD3"><v>1</v></c></row>'
    path = hostile.workbook(tmp_path / "q.xlsx", [hostile.sheet_xml(hostile.HEADER_ROW + hostile.GOOD_ROW + row)])
    assert "cột XFD" in xlsx_guard.check(path)[0].message


@pytest.mark.parametrize("ref", ["&#88;FD3", "XFD3 ", "A1:B2", "-5"])
def test_a_reference_the_scan_cannot_read_is_refused(tmp_path, ref):
    row = f'<row r="3"><c r="{ref}"><v>1</v></c></row>'
    path = hostile.workbook(tmp_path / "r.xlsx", [hostile.sheet_xml(hostile.HEADER_ROW + hostile.GOOD_ROW + row)])
    assert "không đọc được" in xlsx_guard.check(path)[0].message


def test_a_tag_split_across_the_scans_pieces_is_still_measured(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_guard, "CHUNK", 7)  # every tag falls across pieces
    path = hostile.far_cell(tmp_path / "f.xlsx", "AB9")
    extent = xlsx_guard._scan(__import__("zipfile").ZipFile(path), "xl/worksheets/sheet1.xml", "f.xlsx", "Trang 1")
    assert (extent.rows, extent.columns) == (9, 28)


def test_large_but_sane_sheets_pass(con, tmp_path):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="IV{r}"><v>1</v></c></row>' for r in range(3, 5001))
    path = hostile.workbook(tmp_path / "ok.xlsx", [hostile.sheet_xml(hostile.HEADER_ROW + hostile.GOOD_ROW + rows)])
    assert xlsx_guard.check(path) == []
    assert hostile.rows_without_numbers(tmp_path / "n.xlsx", rows=150_000) and not xlsx_guard.check(
        tmp_path / "n.xlsx")


@pytest.mark.parametrize("chunk", [13, 100, 1 << 20])
def test_rows_and_cells_without_references_are_counted_across_pieces(tmp_path, monkeypatch, chunk):
    import zipfile
    monkeypatch.setattr(xlsx_guard, "CHUNK", chunk)
    path = hostile.rows_without_numbers(tmp_path / "n.xlsx", rows=50)
    extent = xlsx_guard._scan(zipfile.ZipFile(path), "xl/worksheets/sheet1.xml", "n.xlsx", "Trang 1")
    assert (extent.rows, extent.columns) == (52, 6)
    wide = hostile.workbook(tmp_path / "w.xlsx", [hostile.sheet_xml(
        hostile.HEADER_ROW + hostile.GOOD_ROW + "<row>" + "<c><v>1</v></c>" * 40 + "</row><row><c><v>1</v></c></row>")])
    extent = xlsx_guard._scan(zipfile.ZipFile(wide), "xl/worksheets/sheet1.xml", "w.xlsx", "Trang 1")
    assert (extent.rows, extent.columns) == (4, 40)
