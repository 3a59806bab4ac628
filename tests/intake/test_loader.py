"""Loading bulk sheets: exact figures from messy files, whole-file refusal, idempotence, versions."""
import datetime as dt
import unicodedata
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from etl.cli.demo import write_bulk
from etl.engine import attainment
from etl.intake import loader, submission
from tests.conftest import target

TODAY = dt.date(2026, 11, 23)
HEADINGS = ["Mã địa bàn", "Năm", "Quý", "Mã chỉ số", "Tử số", "Mẫu số", "Ghi chú"]


def content(con) -> dict:
    """Every row of every table that a load writes."""
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
            for t in ("uploads", "returns", "figures")}


def load(con, path, by="Cán bộ A"):
    return loader.load_file(con, path, by, today=TODAY)


@pytest.fixture
def con(make_db):
    return make_db([target(1, "establishments_inspected", "at_least", 25), target(2, "tipoffs_handled", "all", 100)])


def test_messy_but_valid_file_loads_exact_figures(con, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "BÁO CÁO QUÝ 2/2023"
    ws.merge_cells("A1:G1")
    ws.append([])
    # headings in another case and NFD Unicode, columns in another order
    ws.append([unicodedata.normalize("NFD", h.upper()) for h in ["Quý", "Năm", "Mã địa bàn", "Mã chỉ số",
                                                                "Mẫu số", "Tử số", "Ghi chú"]])
    ws.append(["Q2", "2023", 90001, "establishments_inspected", "1.234", "617", None])  # codes and numbers as typed
    ws.append([None] * 7)                                                              # blank row
    ws.append([2, 2023, "90002", "tipoffs_handled", 8, 7, "đủ"])
    ws.append(["Tổng cộng", None, None, None, 8, 624, None])                           # total row
    hidden = wb.create_sheet("Cũ")
    hidden.append(HEADINGS)
    hidden.append(["90003", 2023, 2, "tipoffs_handled", 1, 1, None])
    hidden.sheet_state = "hidden"
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    report = load(con, path)
    assert not report.problems and report.loaded and (report.new, report.rows) == (2, 2)
    rows = con.execute("SELECT locality_id, year, quarter, indicator_code, numerator, denominator, note "
                       "FROM current_figures ORDER BY locality_id").fetchall()
    assert rows == [("90001@pre2025", 2023, 2, "establishments_inspected", 617, 1234, None),
                    ("90002@pre2025", 2023, 2, "tipoffs_handled", 7, 8, "đủ")]


BAD_ROWS = [
    (("90001", 2023, 2, "establishments_inspected", 152, 148), "dòng 5, cột 'Tử số': 152 lớn hơn mẫu số 148"),
    (("90001", 2023, 2, "establishments_inspected", -1, 148), "dòng 5, cột 'Tử số': -1 là số âm"),
    (("90001", 2023, 2, "establishments_inspected", 2.5, 148), "dòng 5, cột 'Tử số': '2.5' không phải số nguyên"),
    (("90001", 2023, 2, "establishments_inspected", "70%", 148), "dòng 5, cột 'Tử số': '70%' là tỷ lệ phần trăm"),
    (("90001", 2023, 2, "establishments_inspected", 3, 0), "dòng 5, cột 'Mẫu số': mẫu số bằng 0"),
    (("90001", 2023, 2, "establishments_inspected", 3, None), "dòng 5, cột 'Mẫu số': chỉ số 'Cơ sở KDDV dễ phát sinh TNMD được kiểm tra' là tỷ lệ"),
    (("99999", 2023, 2, "establishments_inspected", 3, 9), "dòng 5, cột 'Mã địa bàn': mã địa bàn '99999' không có"),
    (("90001", 2023, 2, "no_such_code", 3, 9), "dòng 5, cột 'Mã chỉ số': mã chỉ số 'no_such_code' không có"),
    (("90001", 2023, 5, "establishments_inspected", 3, 9), "dòng 5, cột 'Quý': quý '5' không hợp lệ"),
    (("90001", 2027, 1, "establishments_inspected", 3, 9), "dòng 5, cột 'Quý': quý 1/2027 chưa bắt đầu"),
    (("90001", 2023, 2, "new_hotspots", 1, 3), "dòng 5, cột 'Mẫu số': chỉ số 'Điểm, tụ điểm phức tạp mới phát sinh' là số đếm"),
]


@pytest.mark.parametrize("row, message", BAD_ROWS, ids=[m.split(": ", 1)[1][:30] for _, m in BAD_ROWS])
def test_bad_row_refuses_the_whole_file_and_names_the_cell(con, tmp_path, row, message):
    load(con, _bulk(tmp_path / "ok.xlsx", [("90002", 2023, 1, "tipoffs_handled", 1, 1)]))
    before = content(con)
    path = _bulk(tmp_path / "bad.xlsx", [("90002", 2023, 2, "tipoffs_handled", 2, 2), row])
    report = load(con, path)
    assert not report.loaded
    assert any(f"Sheet 'Dữ liệu', {message}" in str(p) for p in report.problems), report.problems
    assert "bị từ chối, không có số liệu nào được ghi" in report.summary()
    assert content(con) == before


def test_all_problems_are_listed_at_once(con, tmp_path):
    path = _bulk(tmp_path / "bad.xlsx", [("90001", 2023, 2, "establishments_inspected", 152, 148),
                                         ("99999", 2023, 2, "tipoffs_handled", 1, 1),
                                         ("90002", 2023, 2, "tipoffs_handled", 3, 2)])
    report = load(con, path)
    assert [str(p).split(",")[1].strip() for p in report.problems] == ["dòng 4", "dòng 5", "dòng 6"]


def test_same_figures_twice_with_different_values_is_refused(con, tmp_path):
    path = _bulk(tmp_path / "dup.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2),
                                         ("90001", 2023, 2, "tipoffs_handled", 1, 2)])
    report = load(con, path)
    assert any("đã có ở dòng 4 với số liệu khác" in str(p) for p in report.problems)


@pytest.mark.parametrize("payload, message", [
    (b"Ma dia ban,Nam\n90001,2023\n", "không phải tệp Excel .xlsx thật"),
    (b"%PDF-1.4 fake", "không phải tệp Excel .xlsx thật"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "tệp Excel cũ (.xls) hoặc tệp đã đặt mật khẩu"),
    (b"", "rỗng"),
])
def test_files_that_are_not_xlsx_are_refused(con, tmp_path, payload, message):
    path = tmp_path / "return.xlsx"
    path.write_bytes(payload)
    before = content(con)
    report = load(con, path)
    assert any(message in str(p) for p in report.problems) and content(con) == before


def test_loading_the_identical_file_again_changes_nothing_and_says_so(con, tmp_path):
    path = _bulk(tmp_path / "q2.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2)])
    assert load(con, path).loaded
    before = content(con)
    again = load(con, path)
    assert not again.loaded and not again.problems and again.unchanged == 1
    assert "không có gì thay đổi" in again.summary()
    assert content(con) == before


def test_a_corrected_return_becomes_a_new_version_and_the_old_one_is_kept(con, tmp_path):
    load(con, _bulk(tmp_path / "v1.xlsx", [("90001", 2023, 2, "tipoffs_handled", 1, 2)]), by="Cán bộ A")
    report = load(con, _bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2)]), by="Cán bộ B")
    assert (report.new, report.replaced) == (0, 1)
    versions = con.execute("SELECT version, submitted_by FROM returns ORDER BY version").fetchall()
    assert versions == [(1, "Cán bộ A"), (2, "Cán bộ B")]
    assert con.execute("SELECT numerator FROM current_figures").fetchall() == [(2,)]


def test_the_engine_reads_the_corrected_version(con, tmp_path):
    load(con, _bulk(tmp_path / "v1.xlsx", [("90001", 2023, 2, "tipoffs_handled", 1, 2)]))
    assert [r.numerator for r in attainment.evaluate(con, "test-plan", 2023, 2, today=TODAY)] == [None, 1]
    load(con, _bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2)]))
    results = attainment.evaluate(con, "test-plan", 2023, 2, today=TODAY)
    assert [(r.numerator, r.denominator, r.status) for r in results][1] == (2, 2, "met")


def test_preview_judges_the_file_as_if_loaded_and_writes_nothing(con, tmp_path):
    load(con, _bulk(tmp_path / "v1.xlsx", [("90001", 2023, 2, "tipoffs_handled", 1, 2)]))
    before = content(con)
    data = _bulk(tmp_path / "v2.xlsx", [("90002", 2023, 2, "tipoffs_handled", 3, 3),
                                        ("90001", 2023, 2, "establishments_inspected", 4, 8)]).read_bytes()
    inspection = submission.inspect(con, "v2.xlsx", data, today=TODAY)
    (title, year, quarter, results), = inspection.preview
    assert (year, quarter) == (2023, 2)
    # 90001's new version carries forward its tip-offs (1/2), which the file does not mention
    assert [(r.numerator, r.denominator) for r in results] == [(4, 8), (1 + 3, 2 + 3)]
    assert content(con) == before
    assert [r.numerator for r in attainment.evaluate(con, "test-plan", 2023, 2, today=TODAY)] == [None, 1]


def test_cli_load_refuses_with_vietnamese_messages_and_writes_nothing(tmp_path, cli):
    db = tmp_path / "cli.duckdb"
    good = _bulk(tmp_path / "good.xlsx", [("15349", 2023, 1, "tipoffs_handled", 2, 2)])
    bad = _bulk(tmp_path / "bad.xlsx", [("15349", 2023, 2, "establishments_inspected", 152, 148)])
    assert cli("load", good, "--db", db).returncode == 0

    def counted():
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT * FROM figures ORDER BY ALL").fetchall()
    before = counted()
    assert len(before) == 1
    result = cli("load", bad, "--db", db)
    assert result.returncode == 1
    assert "Sheet 'Dữ liệu', dòng 4, cột 'Tử số': 152 lớn hơn mẫu số 148" in result.stderr
    assert counted() == before


def _bulk(path: Path, rows) -> Path:
    write_bulk(path, rows)
    return path


def test_an_upload_is_in_the_audit_trail_with_file_hash_units_quarters_and_versions(con, tmp_path):
    import hashlib

    from etl.access import audit
    data = _bulk(tmp_path / "q2.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2),
                                        ("90002", 2023, 2, "tipoffs_handled", 1, 1)]).read_bytes()
    assert submission.commit(con, "q2.xlsx", data, "Cán bộ A", today=TODAY, username="baocao.a").loaded
    event = audit.events(con).iloc[0]
    assert (event["username"], event["action"]) == ("baocao.a", "upload")
    assert event["detail"] == (f"q2.xlsx (sha256 {hashlib.sha256(data).hexdigest()[:16]}): "
                               "90001 quý 2/2023 v1, 90002 quý 2/2023 v1")


def test_preview_and_commit_never_run_a_full_refresh_and_agree(con, tmp_path, monkeypatch):
    """Issue 18: the preview judges the file on the rows it touches only (no second full refresh),
    and what it shows is what the commit then makes."""
    load(con, _bulk(tmp_path / "v1.xlsx", [("90001", 2023, 2, "tipoffs_handled", 1, 2)]))

    def full_refresh(*args, **kwargs):
        raise AssertionError("a full refresh of the analytics table")
    monkeypatch.setattr(loader.analytics, "refresh", full_refresh)
    data = _bulk(tmp_path / "v2.xlsx", [("90003", 2023, 2, "tipoffs_handled", 3, 4),
                                        ("90001", 2023, 3, "establishments_inspected", 4, 8)]).read_bytes()
    inspection = submission.inspect(con, "v2.xlsx", data, today=TODAY)
    shown = {(year, quarter): [(r.numerator, r.denominator, r.status) for r in results]
             for _, year, quarter, results in inspection.preview}
    assert submission.commit(con, "v2.xlsx", data, "Cán bộ A", today=TODAY).loaded
    for (year, quarter), results in shown.items():
        after = attainment.evaluate(con, "test-plan", year, quarter, today=TODAY)
        assert [(r.numerator, r.denominator, r.status) for r in after] == results
    assert shown[(2023, 3)][1][:2] == (1 + 3, 2 + 4)
