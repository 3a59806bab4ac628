"""Corrections carry forward what the file does not mention; removing takes 'xóa'; the preview and the
CLI say figure by figure what happens; year-to-date figures are checked both ways."""
import datetime as dt
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from etl.cli.demo import write_bulk
from etl.engine import attainment
from etl.intake import loader, submission
from tests.conftest import target

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]
FIRST = [("90001", 2023, 2, "establishments_inspected", 4, 8), ("90001", 2023, 2, "tipoffs_handled", 1, 2),
         ("90001", 2023, 2, "outreach_sessions", 3, None), ("90002", 2023, 2, "outreach_sessions", 2, None)]


@pytest.fixture
def con(make_db, tmp_path):
    con = make_db([target(1, "establishments_inspected", "at_least", 25), target(2, "tipoffs_handled", "all", 100),
                   target(3, "outreach_sessions", "at_least", 2, unit="buổi")])
    assert load(con, bulk(tmp_path / "v1.xlsx", FIRST)).loaded
    return con


def bulk(path: Path, rows) -> Path:
    write_bulk(path, rows)
    return path


def load(con, path):
    return loader.load_file(con, path, "Cán bộ A", today=TODAY)


def in_force(con) -> dict:
    return {(loc, ind): (n, d, v) for loc, ind, n, d, v in con.execute(
        "SELECT locality_id, indicator_code, numerator, denominator, version FROM current_figures "
        "WHERE year = 2023 AND quarter = 2").fetchall()}


def engine(con, locality=None) -> list:
    return [(r.numerator, r.denominator) for r in attainment.evaluate(con, "test-plan", 2023, 2, locality,
                                                                      today=TODAY)]


def everything(con) -> dict:
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
            for t in ("uploads", "returns", "figures", "area_figures")}


def test_a_one_row_correction_keeps_the_other_figures(con, tmp_path):
    assert engine(con) == [(4, 8), (1, 2), (5, None)]
    report = load(con, bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2)]))
    assert report.loaded and (report.new, report.replaced, report.rows) == (0, 1, 3)
    assert in_force(con) == {("90001@pre2025", "establishments_inspected"): (4, 8, 2),
                             ("90001@pre2025", "tipoffs_handled"): (2, 2, 2),
                             ("90001@pre2025", "outreach_sessions"): (3, None, 2),
                             ("90002@pre2025", "outreach_sessions"): (2, None, 1)}
    # the pages' engine and the analytics table count the carried figures: the province and the unit
    assert engine(con) == [(4, 8), (2, 2), (5, None)]
    assert engine(con, "90001@pre2025") == [(4, 8), (2, 2), (3, None)]
    versions = con.execute("SELECT version, count(*) FROM returns r JOIN figures USING (return_id) "
                           "WHERE locality_id = '90001@pre2025' GROUP BY ALL ORDER BY ALL").fetchall()
    assert versions == [(1, 3), (2, 3)]  # the first version is kept whole


@pytest.mark.parametrize("marker", ["xóa", "XÓA", " Xoá ", "xoa", unicodedata.normalize("NFD", "xóa")])
def test_xoa_in_tu_so_removes_that_figure_only(con, tmp_path, marker):
    report = load(con, bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", marker, None)]))
    assert report.loaded and not report.problems
    assert set(in_force(con)) == {("90001@pre2025", "establishments_inspected"),
                                  ("90001@pre2025", "outreach_sessions"), ("90002@pre2025", "outreach_sessions")}
    assert engine(con, "90001@pre2025")[1] == (None, None)


def test_removing_every_figure_leaves_a_version_with_none(con, tmp_path):
    rows = [("90002", 2023, 2, "outreach_sessions", "xóa", None)]
    assert load(con, bulk(tmp_path / "v2.xlsx", rows)).loaded
    assert ("90002@pre2025", "outreach_sessions") not in in_force(con)
    assert engine(con)[2] == (3, None)


def test_xoa_with_a_denominator_is_refused_at_its_cell(con, tmp_path):
    before = everything(con)
    report = load(con, bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", "xóa", 2)]))
    assert [p.message for p in report.problems] == [
        "Sheet 'Dữ liệu', dòng 4, cột 'Mẫu số': đã ghi 'xóa' ở Tử số thì để trống Mẫu số."]
    assert everything(con) == before


def test_removing_a_figure_never_sent_changes_nothing_and_says_so(con, tmp_path):
    before = everything(con)
    report = load(con, bulk(tmp_path / "v2.xlsx", [("90002", 2023, 2, "tipoffs_handled", "xóa", None)]))
    assert not report.loaded and not report.problems
    assert any("chưa có số liệu nào để xóa" in w for w in report.warnings)
    assert everything(con) == before


def test_a_figure_and_its_removal_in_one_file_conflict(con, tmp_path):
    rows = [("90001", 2023, 2, "tipoffs_handled", "xóa", None), ("90001", 2023, 2, "tipoffs_handled", 2, 2)]
    assert load(con, bulk(tmp_path / "v2.xlsx", rows)).problems


def test_the_preview_lists_new_changed_carried_and_removed_by_indicator_name(con, tmp_path):
    before = everything(con)
    data = bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", "xóa", None),
                                       ("90001", 2023, 2, "establishments_inspected", 5, 8),
                                       ("90002", 2023, 2, "units_with_plan", 1, 1)]).read_bytes()
    inspection = submission.inspect(con, "v2.xlsx", data, today=TODAY)
    listed = inspection.changes[["code", "indicator_code", "indicator_name", "change", "numerator"]]
    rows = [tuple(None if pd.isna(v) else v for v in r) for r in listed.itertuples(index=False)]
    assert rows == [
        ("90001", "tipoffs_handled", "Tin báo, tố giác được tiếp nhận, xác minh, xử lý kịp thời", "removed", None),
        ("90001", "establishments_inspected", *rows[1][2:3], "changed", 5),
        ("90001", "outreach_sessions", *rows[2][2:3], "carried", 3),
        ("90002", "units_with_plan", *rows[3][2:3], "new", 1),
        ("90002", "outreach_sessions", *rows[4][2:3], "carried", 2)]
    assert rows[2][2] == "Số buổi tuyên truyền"
    assert inspection.counts == {"new": 1, "changed": 1, "same": 0, "carried": 2, "removed": 1}
    assert everything(con) == before


def test_raising_q1_above_q2_in_force_is_refused(con, tmp_path):
    assert load(con, bulk(tmp_path / "q1.xlsx", [("90001", 2023, 1, "establishments_inspected", 3, 8)])).loaded
    before = everything(con)
    report = load(con, bulk(tmp_path / "q1b.xlsx", [("90001", 2023, 1, "establishments_inspected", 6, 8)]))
    assert [p.message for p in report.problems] == [
        "Sheet 'Dữ liệu', dòng 4, cột 'Tử số': 6 cao hơn số lũy kế đã báo cáo cho quý 2 (4); chỉ số "
        "'Cơ sở KDDV dễ phát sinh TNMD được kiểm tra' là số lũy kế từ đầu năm nên quý sau không thể thấp hơn quý trước. "
        "Hãy sửa cả quý 2 trong cùng tệp."]
    assert everything(con) == before
    both = [("90001", 2023, 1, "establishments_inspected", 6, 8), ("90001", 2023, 2, "establishments_inspected", 7, 8)]
    assert load(con, bulk(tmp_path / "both.xlsx", both)).loaded  # corrected together: accepted


def test_a_later_quarter_removed_in_the_same_file_no_longer_bounds_the_earlier(con, tmp_path):
    rows = [("90001", 2023, 1, "establishments_inspected", 6, 8),
            ("90001", 2023, 2, "establishments_inspected", "xóa", None)]
    assert load(con, bulk(tmp_path / "x.xlsx", rows)).loaded


def test_loading_the_same_correction_twice_changes_nothing(con, tmp_path):
    path = bulk(tmp_path / "v2.xlsx", [("90001", 2023, 2, "tipoffs_handled", 2, 2)])
    assert load(con, path).loaded
    before = everything(con)
    again = load(con, path)
    assert not again.loaded and "không có gì thay đổi" in again.summary()
    assert everything(con) == before
    # a subset of the figures in force, unchanged, is no new version either
    assert not load(con, bulk(tmp_path / "sub.xlsx", [("90001", 2023, 2, "outreach_sessions", 3, None)])).loaded
    assert everything(con) == before


def test_the_cli_lists_each_figure_new_changed_carried_and_removed(tmp_path, cli):
    db = tmp_path / "cli.duckdb"
    first = bulk(tmp_path / "a.xlsx", [("15349", 2023, 1, "tipoffs_handled", 2, 2),
                                       ("15349", 2023, 1, "outreach_sessions", 3, None),
                                       ("15349", 2023, 1, "new_hotspots", 0, None)])
    second = bulk(tmp_path / "b.xlsx", [("15349", 2023, 1, "tipoffs_handled", 3, 3),
                                        ("15349", 2023, 1, "new_hotspots", "xóa", None)])
    run = lambda path: cli("load", path, "--db", db)  # noqa: E731
    assert run(first).returncode == 0
    out = run(second).stdout
    assert "thay đổi: Thị trấn Vĩnh Lộc (mã 15349) quý 1/2023 — Tin báo, tố giác được tiếp nhận, xác minh, xử lý kịp thời: 2/2 → 3/3" in out
    assert "xóa: Thị trấn Vĩnh Lộc (mã 15349) quý 1/2023 — Điểm, tụ điểm phức tạp mới phát sinh: 0 → –" in out
    assert "giữ nguyên (tệp không ghi): Thị trấn Vĩnh Lộc (mã 15349) quý 1/2023 — Số buổi tuyên truyền: 3 → 3" in out
