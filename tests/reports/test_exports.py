"""Exports read back as a user's spreadsheet or word processor would: .xlsx (openpyxl), CSV, .docx
(python-docx); every number is compared with the engine's, cell by cell."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import docx
import pytest
from openpyxl import load_workbook

from etl.cli import main as cli
from etl.engine import attainment
from etl.engine.queries import View
from etl.reports import annex, export_files, export_tables
from etl.reports import format as fmt
from etl.reports.format import STATUS_COLOUR
from etl.storage import analytics
from tests.conftest import add_figures, target

TODAY = dt.date(2024, 2, 1)
HYPERLINK = '=HYPERLINK("http://example.invalid","bấm vào")'
VIEW = View("test-plan", 2023, 4, "90@pre2025")


@pytest.fixture
def con(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25),
                   target(2, "crimes_handled", "growth", 3, 5, unit="vụ"),
                   target(3, "programmes_integrated", "qualitative", unit="%")], years=(2022, 2023))
    add_figures(con, [("90001@pre2025", 2022, 4, "crimes_handled", 1500, None),
                      ("90001@pre2025", 2022, 4, "establishments_inspected", 3, 10)],
                submitted_at=dt.datetime(2023, 1, 5, 9))
    add_figures(con, [("90001@pre2025", 2023, 4, "crimes_handled", 1389, None),
                      ("90001@pre2025", 2023, 4, "establishments_inspected", 37, 148),
                      ("90@pre2025", 2023, 4, "programmes_integrated", 1, 1)],
                submitted_at=dt.datetime(2024, 1, 15, 9))
    # What a user typed can look like a formula: a note, and (imagine a bad import) a unit's name.
    con.execute("UPDATE figures SET note = ? WHERE indicator_code = 'programmes_integrated'", [HYPERLINK])
    con.execute("UPDATE localities SET name = '-Huyện Hai' WHERE locality_id = '901@pre2025'")
    analytics.refresh(con)
    return con


@pytest.fixture
def export(con):
    return export_tables.build(con, VIEW, TODAY)


def engine(con):
    return attainment.evaluate(con, "test-plan", 2023, 4, today=TODAY)


def test_tables_follow_the_view_and_hold_the_engines_numbers(con, export):
    assert [t.key for t in export.tables] == ["chi-tieu", "dia-ban", "bao-cao", "cac-nam"]
    assert (export.period, export.period_dates, export.locality_name) == \
        ("năm 2023", "01/01/2023 – 31/12/2023", "Tỉnh Thử Nghiệm")
    for row, r in zip(export.table("chi-tieu").rows, engine(con)):
        assert row[4] == export_tables.result_cell(r)
        assert (row[6].value, row[7].value) == (r.numerator, r.denominator)
    one = export_tables.view_for(con, "test-plan", 2023, "H1", "900")
    assert one == View("test-plan", 2023, 2, "900@pre2025")


def test_xlsx_has_a_sheet_per_table_with_title_block_formats_colours_and_print_setup(con, export):
    book = load_workbook(io.BytesIO(export_files.xlsx(export)))
    assert book.sheetnames == ["Theo chỉ tiêu", "Theo địa bàn", "Tình hình báo cáo", "Qua các năm"]
    ws = book["Theo chỉ tiêu"]
    assert ws["A1"].value == "KẾT QUẢ THỰC HIỆN CHỈ TIÊU"
    assert ws["A2"].value == "Kế hoạch: Kế hoạch thử"
    assert ws["A3"].value == "Kỳ báo cáo: năm 2023 (số liệu lũy kế 01/01/2023 – 31/12/2023)"
    assert ws["A4"].value == "Địa bàn: Tỉnh Thử Nghiệm" and ws["A5"].value == "Ngày xuất: 01/02/2024"
    assert [c.value for c in ws[7]][:8] == ["STT", "Chỉ tiêu", "Trích kế hoạch", "Mức chỉ tiêu", "Kết quả",
                                            "Đơn vị tính", "Tử số", "Mẫu số"]
    assert ws.freeze_panes == "A8"
    results = engine(con)
    share, growth, done = ws[8], ws[9], ws[10]
    assert share[4].value == pytest.approx(results[0].actual / 100) and share[4].number_format == "0.0%"
    assert (share[6].value, share[7].value) == (37, 148) and share[6].number_format == "#,##0"
    assert growth[4].value == pytest.approx(results[1].actual) and growth[4].value < 0   # -7,4%
    assert share[8].value == fmt.status(results[0].status)
    assert share[8].fill.fgColor.rgb.endswith(STATUS_COLOUR[results[0].status].lstrip("#"))
    assert done[10].value == HYPERLINK and done[10].data_type == "s"       # text, never a formula
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["B"].width > 20


def test_xlsx_matrix_compares_units_cell_by_cell(con, export):
    ws = load_workbook(io.BytesIO(export_files.xlsx(export)))["Theo địa bàn"]
    assert ws["C7"].value == "1. Cơ sở KDDV dễ phát sinh TNMD được kiểm tra" and "C7:D7" in ws.merged_cells
    rows = {ws.cell(r, 1).value: r for r in range(9, ws.max_row + 1)}
    assert set(rows) == {"Huyện Một", "-Huyện Hai", "Toàn Tỉnh Thử Nghiệm"}
    assert ws.cell(rows["-Huyện Hai"], 1).data_type == "s"
    district = attainment.evaluate(con, "test-plan", 2023, 4, "900@pre2025", today=TODAY)
    assert ws.cell(rows["Huyện Một"], 3).value == pytest.approx(district[0].actual / 100)
    assert ws.cell(rows["Huyện Một"], 4).value == fmt.status(district[0].status)


def test_csv_is_utf8_with_bom_numbers_stay_numbers_and_formulas_are_neutralised(con, export):
    archive = zipfile.ZipFile(io.BytesIO(export_files.csv_zip(export)))
    assert archive.namelist() == ["chi-tieu.csv", "dia-ban.csv", "bao-cao.csv", "cac-nam.csv"]
    raw = archive.read("chi-tieu.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["STT", "Chỉ tiêu", "Trích kế hoạch", "Mức chỉ tiêu", "Kết quả"]
    results = engine(con)
    assert rows[1][4] == str(round(results[0].actual, 1)) and rows[1][6:8] == ["37", "148"]
    assert rows[2][4] == str(round(results[1].actual, 1)) and rows[2][4].startswith("-")   # a number, kept
    assert rows[3][10] == "'" + HYPERLINK
    matrix = list(csv.reader(io.StringIO(archive.read("dia-ban.csv").decode("utf-8-sig"))))
    assert "'-Huyện Hai" in [line[0] for line in matrix]
    assert matrix[0][2] == "1. Cơ sở KDDV dễ phát sinh TNMD được kiểm tra — Kết quả"


def test_completeness_and_years_tables(con, export):
    completeness = export.table("bao-cao")
    late = [row for row in completeness.rows if row[2].value == 4 and row[0].value == "Huyện Một"][0]
    assert late[3].value == "⚠ Muộn 5 ngày" and late[5].value == dt.date(2024, 1, 15) and late[7].value == 1
    years = export.table("cac-nam")
    assert years.groups[1:] == [("2022 (cả năm)", 2), ("2023 (cả năm)", 2)]   # the period each column covers
    assert years.rows[0][2].value == pytest.approx(30.0) and years.rows[0][4].value == pytest.approx(25.0)


def test_word_annex_is_an_administrative_document_with_the_engines_results(con, export):
    document = docx.Document(io.BytesIO(annex.docx(export)))
    heading = document.tables[0].rows[0].cells
    assert heading[0].text == "UBND TỈNH THỬ NGHIỆM"
    assert heading[1].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    texts = [p.text for p in document.paragraphs]
    assert "Thử Nghiệm, ngày 01 tháng 02 năm 2024" in texts
    assert "PHỤ LỤC" in texts and "KẾT QUẢ THỰC HIỆN CHỈ TIÊU" in texts
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert abs(document.sections[0].page_width.cm - 21) < 0.01
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Chỉ tiêu", "Mức chỉ tiêu", "Kết quả", "Tử số/mẫu số",
                                                     "Đánh giá"]
    for row, r in zip(table.rows[1:], engine(con)):
        assert [c.text for c in row.cells][3:] == [fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator),
                                                   fmt.fraction(r.numerator, r.denominator),
                                                   fmt.STATUS[r.status]]
    summary = " ".join(texts)
    assert "Cơ sở KDDV dễ phát sinh TNMD được kiểm tra: 37/148 (25,0%), đạt chỉ tiêu ≥ 25%." in summary


def test_cli_export_writes_each_format_and_refuses_in_vietnamese(con, tmp_path, capsys):
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    base = ["export", "--db", path, "--plan", "test-plan", "--year", "2023"]
    assert cli.main(base + ["-o", str(tmp_path / "a.xlsx")]) == 0
    assert load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "Theo chỉ tiêu"
    assert cli.main(base + ["--period", "H1", "--locality", "900", "-o", str(tmp_path / "a.zip")]) == 0
    assert "chi-tieu.csv" in zipfile.ZipFile(tmp_path / "a.zip").namelist()
    assert cli.main(base + ["--table", "chi-tieu", "-o", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfSTT")
    assert cli.main(base + ["-o", str(tmp_path / "a.docx")]) == 0
    assert docx.Document(tmp_path / "a.docx").tables
    assert cli.main(base + ["-o", str(tmp_path / "b.csv")]) == 2
    assert cli.main(base + ["--locality", "12345", "-o", str(tmp_path / "c.xlsx")]) == 2
    assert cli.main(base[:-1] + ["2030", "-o", str(tmp_path / "d.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "tệp .zip" in err and "Không có địa bàn mã '12345' trong năm 2023." in err
    assert "không có năm 2030" in err
