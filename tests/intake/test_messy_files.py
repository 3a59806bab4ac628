"""Messy but unambiguous files are accepted with exactly the figures meant; warnings and the error report."""
import datetime as dt
import io
import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from etl.intake import loader, submission
from tests.conftest import add_figures, target
from tests.xlsx_files import HEADINGS, bulk, sheet_with, with_cached_formula

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def con(make_db):
    return make_db([target(1, "establishments_inspected", "at_least", 25), target(2, "tipoffs_handled", "all", 100)])


def figures(con):
    return con.execute("SELECT locality_id, year, quarter, indicator_code, numerator, denominator FROM current_figures "
                       "ORDER BY ALL").fetchall()


def load(con, path):
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert report.loaded and not report.problems, [str(p) for p in report.problems]
    return report


def test_headings_in_nfd_upper_case_other_order_with_title_and_blank_rows(con, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "TỔNG HỢP SỐ LIỆU QUÝ II"
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append([unicodedata.normalize("NFD", h).upper() for h in ["Mẫu số", "Tử số", "Mã chỉ số", "Quý", "Năm",
                                                                  "Mã địa bàn", "Ghi chú"]])
    ws.append([None] * 7)
    ws.append(["1.234", "617", "establishments_inspected", "Quý 2", "2023", 90001, None])
    ws.append([5, 5, "tipoffs_handled", "Q2", 2023.0, "90002", None])
    ws.append([None, None, None, None, None, "Tổng cộng", None])
    wb.save(tmp_path / "a.xlsx")
    load(con, tmp_path / "a.xlsx")
    assert figures(con) == [("90001@pre2025", 2023, 2, "establishments_inspected", 617, 1234),
                            ("90002@pre2025", 2023, 2, "tipoffs_handled", 5, 5)]


def test_total_row_with_numbers_is_ignored_and_hidden_and_extra_sheets_skipped(con, tmp_path):
    wb = Workbook()
    notes = wb.active
    notes.title = "Ghi chú"
    notes["A1"] = "Số liệu do Phòng VH-XH tổng hợp"
    data = wb.create_sheet("Số liệu")
    data.append(HEADINGS)
    data.append(["90001", 2023, 3, "tipoffs_handled", 3, 4, None])
    data.append(["90002", 2023, 3, "tipoffs_handled", 2, 2, None])
    data.append(["Tổng cộng", None, None, None, 5, 6, None])
    old = wb.create_sheet("Bản cũ")
    old.append(HEADINGS)
    old.append(["90003", 2023, 3, "tipoffs_handled", 9, 9, None])
    old.sheet_state = "hidden"
    wb.save(tmp_path / "b.xlsx")
    load(con, tmp_path / "b.xlsx")
    assert figures(con) == [("90001@pre2025", 2023, 3, "tipoffs_handled", 3, 4),
                            ("90002@pre2025", 2023, 3, "tipoffs_handled", 2, 2)]


def test_formula_with_cached_value_uses_the_value(con, tmp_path):
    path = sheet_with(tmp_path / "c.xlsx", [HEADINGS, ["90001", 2023, 2, "tipoffs_handled", "=3+4", 9, None]])
    with_cached_formula(path, "E2", 7)
    load(con, path)
    assert figures(con) == [("90001@pre2025", 2023, 2, "tipoffs_handled", 7, 9)]


def test_identical_duplicate_rows_are_written_once_and_said(con, tmp_path):
    path = bulk(tmp_path / "d.xlsx", [("90001", 2023, 2, "tipoffs_handled", 1, 1)] * 2)
    report = load(con, path)
    assert report.rows == 1 and any("chỉ ghi một lần" in w for w in report.warnings)


def test_a_short_code_typed_as_a_number_is_refused_when_it_could_be_several_units(make_db, tmp_path):
    """Excel turns '01' (Hà Nội) into 1, which is also district 001 and commune 00001: the officer must say."""
    from etl.model import catalog, localities
    con = make_db()
    localities.load(con)
    catalog.load(con)
    path = sheet_with(tmp_path / "e.xlsx", [HEADINGS, [1, 2023, 2, "tipoffs_handled", 1, 1, None]])
    report = loader.load_file(con, path, "A", today=TODAY)
    assert not report.loaded
    assert "mã địa bàn '1' không rõ (khớp nhiều đơn vị: Phường Phúc Xá (mã 00001), Quận Ba Đình (mã 001), Thành phố Hà Nội (mã 01))" in str(report.problems[0])


def test_warnings_are_shown_and_stored_with_the_upload(con, tmp_path):
    add_figures(con, [("90001@pre2025", 2023, q, "establishments_inspected", 10 * q, 100) for q in (1, 2)]
                + [("90001@pre2025", 2023, q, "tipoffs_handled", 4, 4) for q in (1, 2)])
    path = bulk(tmp_path / "w.xlsx", [("90001", 2023, 3, "establishments_inspected", 30, 160),   # stock +60%
                                      ("90001", 2023, 3, "tipoffs_handled", 40, 40),              # x10 jump
                                      ("90001", 2023, 3, "students_reached", 5, 50)])             # not in the plan
    report = load(con, path)
    joined = "\n".join(report.warnings)
    assert "mẫu số 160 thay đổi hơn 1/3 so với quý 2/2023 (100)" in joined
    assert "Tử số 40 khác xa các quý trước" in joined
    assert "chỉ số 'Học sinh, sinh viên được tuyên truyền' không có trong kế hoạch" in joined
    stored = con.execute("SELECT warnings FROM uploads ORDER BY upload_id DESC LIMIT 1").fetchall()[0][0]
    assert stored == report.warnings


def test_error_report_marks_each_bad_cell_in_the_users_own_workbook(con, tmp_path):
    path = bulk(tmp_path / "bad.xlsx", [("90001", 2023, 2, "establishments_inspected", 152, 148),
                                        ("99999", 2023, 2, "tipoffs_handled", 1, 1)])
    inspection = submission.inspect(con, "bad.xlsx", path.read_bytes(), today=TODAY)
    assert inspection.refused and len(inspection.problems) == 2
    wb = load_workbook(io.BytesIO(inspection.report))
    assert wb.sheetnames[0] == "Danh sách lỗi"
    summary = [[c.value for c in row] for row in wb["Danh sách lỗi"].iter_rows(min_row=4)]
    assert [row[:3] for row in summary] == [["Dữ liệu", 4, "E"], ["Dữ liệu", 5, "A"]]
    data = wb["Dữ liệu"]
    assert data["E4"].fill.fgColor.rgb.endswith("FFC7CE") and "152 lớn hơn mẫu số 148" in data["E4"].comment.text
    assert data["A5"].fill.fgColor.rgb.endswith("FFC7CE") and "'99999'" in data["A5"].comment.text
    assert data["D4"].comment is None  # the title, data and other cells are left as the officer wrote them
    assert data["A1"].value.startswith("Số liệu")
