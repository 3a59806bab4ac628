"""Nothing skipped without a word: total rows, rows with text but no figure, hidden rows, columns and
sheets are listed as warnings (preview, CLI) with their row numbers."""
import datetime as dt

import pytest
from openpyxl import Workbook

from etl.intake import loader, submission, template
from tests.conftest import target
from tests.xlsx_files import HEADINGS, fill_template

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def con(make_db):
    return make_db([target(1, "tipoffs_handled", "all", 100)])


def workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["BÁO CÁO QUÝ 2/2023"])                                   # row 1: a title, not a warning
    ws.append(HEADINGS)                                                 # row 2
    ws.append(["90001", 2023, 2, "tipoffs_handled", 3, 4, None])        # row 3
    ws.append(["90002", 2023, 2, "tipoffs_handled", None, None, None])  # row 4: a code, no figure
    ws.append(["90003", 2023, 2, "tipoffs_handled", 1, 1, None])        # row 5: hidden
    ws.append([None] * 7)                                               # row 6: blank, not a warning
    ws.append([None, None, None, None, 4, 5, "Tổng cộng"])              # row 7: total with figures
    ws.append(["Tổng cộng", None, None, None, None, None, None])        # row 8: total without figures
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["F"].hidden = True
    old = wb.create_sheet("Bản cũ")
    old.append(HEADINGS)
    old.append(["90003", 2023, 2, "tipoffs_handled", 9, 9, None])
    old.sheet_state = "hidden"
    wb.save(path)
    return path


def test_every_skipped_or_hidden_row_is_listed_with_its_number(con, tmp_path):
    report = loader.load_file(con, workbook(tmp_path / "a.xlsx"), "Cán bộ A", today=TODAY)
    assert report.loaded and report.rows == 2  # the hidden row 5 is loaded, and said
    warnings = "\n".join(report.warnings)
    assert "Sheet 'Số liệu': bỏ qua các dòng tổng cộng (không có mã chỉ số): dòng 7–8." in warnings
    assert "Sheet 'Số liệu': bỏ qua các dòng có chữ nhưng không có Tử số, Mẫu số, Ghi chú: dòng 4 " in warnings
    assert "Sheet 'Số liệu': các dòng bị ẩn vẫn được đọc và nạp: dòng 5." in warnings
    assert "Sheet 'Số liệu': các cột bị ẩn vẫn được đọc: cột F." in warnings
    assert "Sheet 'Bản cũ' bị ẩn nên không được đọc, dù có 1 dòng số liệu." in warnings
    stored = con.execute("SELECT warnings FROM uploads").fetchone()[0]
    assert any("dòng 7–8" in w for w in stored)


def test_the_preview_shows_them_before_confirming(con, tmp_path):
    inspection = submission.inspect(con, "a.xlsx", workbook(tmp_path / "a.xlsx").read_bytes(), today=TODAY)
    assert not inspection.refused and any("dòng bị ẩn" in w and "dòng 5" in w for w in inspection.warnings)


def test_unfilled_template_rows_are_listed_as_kept(make_db, tmp_path):
    con = make_db([target(1, "tipoffs_handled", "all", 100), target(2, "outreach_sessions", "at_least", 2)],
                  issuer="90001@pre2025")
    path = fill_template(template.build(con, "90001", 2023, 2), tmp_path / "t.xlsx", {"tipoffs_handled": (2, 2)})
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert report.loaded
    line = next(w for w in report.warnings if "không có Tử số" in w)
    assert line.startswith("Sheet 'Báo cáo': ") and "được giữ nguyên" in line


def test_row_ranges_are_compact():
    from etl.intake.sheet_layout import ranges
    assert ranges([12, 5, 7, 8, 9]) == "5, 7–9, 12"
    assert ranges(range(1, 200, 2)).endswith(", …")
