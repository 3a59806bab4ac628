"""A corpus of bad files, one per refusal: each names where the problem is and writes nothing."""
import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook

from etl.intake import loader
from tests.conftest import add_figures, target
from tests.xlsx_files import HEADINGS, add_member, bulk, sheet_with

TODAY = dt.date(2026, 11, 23)
OK = ("90002", 2023, 2, "tipoffs_handled", 2, 2)


def content(con) -> dict:
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in ("uploads", "returns", "figures")}


@pytest.fixture
def con(make_db):
    c = make_db([target(1, "establishments_inspected", "at_least", 25), target(2, "tipoffs_handled", "all", 100)])
    add_figures(c, [("90001@pre2025", 2023, 1, "establishments_inspected", 20, 100)])
    return c


def _rows(*rows):
    return lambda p: bulk(p, [OK, *rows])


def _sheet(*rows):
    return lambda p: sheet_with(p, [HEADINGS, list(OK), *rows])


def _bytes(data: bytes):
    def make(p):
        p.write_bytes(data)
        return p
    return make


def _xlsm(p):
    bulk(p, [OK])
    return add_member(p, "xl/vbaProject.bin", b"\x00" * 64)


def _zip_bomb(p):
    bulk(p, [OK])
    with zipfile.ZipFile(p, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    return p


def _oversized(p):
    bulk(p, [OK])
    with p.open("ab") as f:
        f.truncate(21 * 1024 * 1024)
    return p


def _truncated(p):
    bulk(p, [OK])
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def _formula_without_value(p):
    wb = Workbook()
    ws = wb.active
    ws.title = "Dữ liệu"
    ws.append(HEADINGS)
    ws.append(["90001", 2023, 2, "establishments_inspected", "=10*2", 100])
    wb.save(p)
    return p


def _template_block(p):
    """A template whose header block carries an unknown locality code."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A3"], ws["B3"] = "Mã địa bàn", "77777"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "Năm", 2023, "Quý", 2
    ws.append([])
    ws.append(["Mã chỉ số", "Chỉ tiêu", "Mức chỉ tiêu", "Kỳ số liệu", "Đơn vị", "Tử số", "Mẫu số", "Ghi chú"])
    ws.append(["tipoffs_handled", "Tin báo", "100%", "trong quý", "tin", 2, 2, None])
    wb.save(p)
    return p


def _personal(heading, value):
    def make(p):
        return sheet_with(p, [HEADINGS + [heading], list(OK) + [None, value]])
    return make


# (name, file builder, text the message must contain) — row/column named in the text where a cell is at fault
CORPUS = [
    ("numerator > denominator", _rows(("90001", 2023, 2, "establishments_inspected", 152, 148)),
     "Sheet 'Dữ liệu', dòng 5, cột 'Tử số': 152 lớn hơn mẫu số 148"),
    ("negative", _rows(("90001", 2023, 2, "establishments_inspected", -3, 148)), "dòng 5, cột 'Tử số': -3 là số âm"),
    ("negative denominator", _rows(("90001", 2023, 2, "establishments_inspected", 3, -148)), "dòng 5, cột 'Mẫu số': -148 là số âm"),
    ("non-integer", _rows(("90001", 2023, 2, "establishments_inspected", 2.5, 148)), "dòng 5, cột 'Tử số': '2.5' không phải số nguyên"),
    ("decimal comma", _sheet(["90001", 2023, 2, "establishments_inspected", "25,5", "148"]), "dòng 3, cột 'Tử số': '25,5' không phải số nguyên"),
    ("percent typed", _rows(("90001", 2023, 2, "establishments_inspected", "70%", 148)), "dòng 5, cột 'Tử số': '70%' là tỷ lệ phần trăm"),
    ("zero denominator", _rows(("90001", 2023, 2, "establishments_inspected", 3, 0)), "dòng 5, cột 'Mẫu số': mẫu số bằng 0 nhưng tử số là 3"),
    ("share without denominator", _rows(("90001", 2023, 2, "establishments_inspected", 3, None)), "dòng 5, cột 'Mẫu số': chỉ số 'Cơ sở KDDV dễ phát sinh TNMD được kiểm tra' là tỷ lệ"),
    ("count with denominator", _rows(("90001", 2023, 2, "new_hotspots", 1, 3)), "dòng 5, cột 'Mẫu số': chỉ số 'Điểm, tụ điểm phức tạp mới phát sinh' là số đếm"),
    ("qualitative not 0/1", _rows(("90001", 2023, 2, "outreach_maintained", 2, None)), "dòng 5, cột 'Tử số': chỉ số 'Duy trì thường xuyên hình thức tuyên truyền về phòng ngừa mại dâm' là định tính"),
    ("missing numerator", _rows(("90001", 2023, 2, "establishments_inspected", None, 148)), "dòng 5, cột 'Tử số': thiếu giá trị"),
    ("unknown locality", _rows(("99999", 2023, 2, "tipoffs_handled", 1, 1)), "dòng 5, cột 'Mã địa bàn': mã địa bàn '99999' không có"),
    ("unknown indicator", _rows(("90001", 2023, 2, "no_such_code", 1, 1)), "dòng 5, cột 'Mã chỉ số': mã chỉ số 'no_such_code' không có"),
    ("quarter out of range", _rows(("90001", 2023, 5, "tipoffs_handled", 1, 1)), "dòng 5, cột 'Quý': quý '5' không hợp lệ"),
    ("quarter in the future", _rows(("90001", 2027, 1, "tipoffs_handled", 1, 1)), "dòng 5, cột 'Quý': quý 1/2027 chưa bắt đầu"),
    ("bad year", _rows(("90001", "năm nay", 2, "tipoffs_handled", 1, 1)), "dòng 5, cột 'Năm': năm 'năm nay' không hợp lệ"),
    ("same figure twice, different values", _rows(("90002", 2023, 2, "tipoffs_handled", 1, 2)),
     "dòng 5, cột 'Tử số': địa bàn Xã B (mã 90002), chỉ số 'Tin báo, tố giác được tiếp nhận, xác minh, xử lý kịp thời', quý 2/2023 đã có ở dòng 4 với số liệu khác"),
    ("year-to-date below last quarter (database)", _rows(("90001", 2023, 2, "establishments_inspected", 15, 100)),
     "dòng 5, cột 'Tử số': 15 thấp hơn số đã báo cáo đến quý 1 (20)"),
    ("year-to-date below an earlier quarter (same file)", _rows(("90003", 2023, 1, "establishments_inspected", 9, 50),
                                                                 ("90003", 2023, 3, "establishments_inspected", 7, 50)),
     "dòng 6, cột 'Tử số': 7 thấp hơn số đã báo cáo đến quý 1 (9)"),
    ("formula without cached value", _formula_without_value, "Sheet 'Dữ liệu', ô E2: công thức chưa có giá trị tính sẵn"),
    ("template block with unknown locality", _template_block, "Sheet 'Báo cáo', dòng 3, cột 'Mã địa bàn': mã địa bàn '77777'"),
    ("personal data: names column", _personal("Họ và tên", "Nguyễn Văn An"), "dòng 1, cột 'H': ô này có vẻ chứa họ tên người"),
    ("personal data: CCCD", _personal("Ghi chú thêm", "038195001234"), "dòng 2, cột 'H': ô này có vẻ chứa số CCCD/CMND"),
    ("personal data: phone", _personal("Liên hệ", "0912 345 678"), "dòng 2, cột 'H': ô này có vẻ chứa số điện thoại"),
    ("personal data: address", _personal("Địa chỉ", "Số 5, ngõ 3"), "dòng 1, cột 'H': ô này có vẻ chứa địa chỉ của cá nhân"),
    ("personal data: name in a note", _sheet(["90001", 2023, 2, "tipoffs_handled", 1, 1, "xử lý đối tượng Lê Thị Mai"]),
     "dòng 3, cột 'G': ô này có vẻ chứa họ tên người"),
    ("renamed CSV", _bytes("Mã địa bàn,Năm\n90001,2023\n".encode()), "không phải tệp Excel .xlsx thật"),
    ("PDF", _bytes(b"%PDF-1.4\n%fake"), "không phải tệp Excel .xlsx thật"),
    ("old .xls or encrypted", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "tệp Excel cũ (.xls) hoặc tệp đã đặt mật khẩu"),
    ("empty file", _bytes(b""), "rỗng (0 byte)"),
    ("macros", _xlsm, "có chứa macro (VBA)"),
    ("zip bomb", _zip_bomb, "khi giải nén lớn bất thường"),
    ("oversized", _oversized, "quá lớn"),
    ("damaged", _truncated, "không phải tệp Excel .xlsx thật"),
    ("no header row", lambda p: sheet_with(p, [["Báo cáo quý"], ["xã A", 3, 4]]), "không có trang tính nào có dòng tiêu đề"),
    ("nothing filled in", lambda p: sheet_with(p, [HEADINGS, ["90001", 2023, 2, "tipoffs_handled"]]), "không có số liệu nào"),
    ("two columns both 'Tử số'", lambda p: sheet_with(p, [[*HEADINGS, "TỬ SỐ"], [*OK, 5]]),
     "dòng 1: hai cột cùng tiêu đề 'TỬ SỐ' (cột E và cột H)"),
]


@pytest.mark.parametrize("name, build, expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_is_refused_with_its_place_named_and_nothing_written(con, tmp_path, name, build, expected):
    path = build(tmp_path / "bao-cao.xlsx")
    before = content(con)
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert not report.loaded
    assert any(expected in str(p) for p in report.problems), [str(p) for p in report.problems]
    assert content(con) == before


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 25


def test_personal_data_message_never_repeats_the_value(con, tmp_path):
    report = loader.load_file(con, _personal("Ghi chú thêm", "038195001234")(tmp_path / "p.xlsx"), "A", today=TODAY)
    assert report.problems and all("038195001234" not in str(p) for p in report.problems)
    assert any("chỉ được chứa số liệu tổng hợp" in str(p) for p in report.problems)


def test_a_nearby_officer_label_exempts_no_name(con, tmp_path):
    """Only the template's own signature cell may hold a name (tests/intake/test_personal_data.py), not any cell
    beside a 'Người báo cáo' label."""
    path = sheet_with(tmp_path / "t.xlsx", [["Người báo cáo", "Nguyễn Văn An"], [], HEADINGS, list(OK)])
    report = loader.load_file(con, path, "A", today=TODAY)
    assert not report.loaded
    assert any("dòng 1, cột 'B'" in str(p) and "họ tên người" in str(p) for p in report.problems)


NAMED = [  # rows whose problems or warnings name a unit or an indicator the file gives by its code
    [("90001", 2023, 2, "establishments_inspected", 3, None)],
    [("90001", 2023, 2, "new_hotspots", 1, 3)],
    [("90001", 2023, 2, "outreach_maintained", 2, None)],
    [("90002", 2023, 2, "tipoffs_handled", 1, 2)],
    [("90001", 2023, 2, "establishments_inspected", 15, 100)],
    [("90003", 2023, 1, "establishments_inspected", 9, 50), ("90003", 2023, 3, "establishments_inspected", 7, 50)],
    [("90001", 2023, 2, "students_reached", 5, 50)],                       # warning: not in the plan
    [("90001", 2023, 2, "establishments_inspected", 900, 1000)],           # warning: far from its history
    [("90002", 2023, 1, "new_hotspots", "xóa", None)],                    # warning: nothing to remove
]
CODES = ("establishments_inspected", "new_hotspots", "outreach_maintained", "tipoffs_handled", "students_reached",
         "@pre2025", "@2025")


@pytest.mark.parametrize("rows", NAMED, ids=range(len(NAMED)))
def test_messages_name_units_and_indicators_never_by_code_alone(con, tmp_path, rows):
    report = loader.check(con, bulk(tmp_path / "f.xlsx", [OK, *rows]), TODAY)
    said = [p.message for p in report.problems] + report.warnings
    assert said, rows
    assert not [m for m in said for code in CODES if code in m], said
    assert all("(mã 9000" in m for m in said if "địa bàn" in m and "mã địa bàn '" not in m), said


def test_a_figure_given_on_two_sheets_names_both_sheets_and_the_unit(con, tmp_path):
    path = tmp_path / "hai-sheet.xlsx"
    book = Workbook()
    first = book.active
    first.title = "Quý 2"
    for r in (HEADINGS, list(OK)):
        first.append(r)
    second = book.create_sheet("Bổ sung")
    for r in (HEADINGS, ["90003", 2023, 2, "tipoffs_handled", 1, 1], ["90002", 2023, 2, "tipoffs_handled", 3, 3]):
        second.append(r)
    book.save(path)
    before = content(con)
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    said = [str(p) for p in report.problems]
    assert len(said) == 1 and "Sheet 'Bổ sung', dòng 3" in said[0]
    assert "đã có ở dòng 2 của sheet 'Quý 2' với số liệu khác" in said[0] and "Xã B (mã 90002)" in said[0]
    assert content(con) == before


def test_a_row_repeated_on_another_sheet_is_written_once_and_said_with_both_sheets(con, tmp_path):
    path = tmp_path / "lap.xlsx"
    book = Workbook()
    first = book.active
    first.title = "Quý 2"
    first.append(HEADINGS)
    first.append(list(OK))
    second = book.create_sheet("Chép lại")
    second.append(HEADINGS)
    second.append(list(OK))
    book.save(path)
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert report.problems == [] and report.loaded
    said = [w for w in report.warnings if "lặp lại" in w]
    assert said == ["Dòng 2 (sheet 'Chép lại') lặp lại dòng 2 của sheet 'Quý 2' (cùng địa bàn Xã B (mã 90002), "
                    "chỉ số, quý và số liệu): chỉ ghi một lần."]
    assert con.execute("SELECT count(*) FROM current_figures WHERE locality_id = '90002@pre2025'").fetchone()[0] == 1
