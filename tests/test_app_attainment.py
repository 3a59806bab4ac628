"""The attainment page as users meet it (Streamlit AppTest), against a database the test builds."""
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import format as fmt
from etl import attainment, db
from tests.conftest import add_figures, target

from pathlib import Path

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "attainment.py")


@pytest.fixture
def page_db(make_db, tmp_path, monkeypatch, fresh_streamlit_caches):
    con = make_db([target(1, "establishments_inspected", "at_least", 25),
                   target(2, "tipoffs_handled", "all", 100),
                   target(3, "outreach_sessions", "range", 2, 4, unit="buổi")], years=(2022, 2023))
    add_figures(con, [("90001@pre2025", 2023, 2, "establishments_inspected", 3, 10),
                      ("90002@pre2025", 2023, 2, "establishments_inspected", 45, 50),
                      ("90001@pre2025", 2023, 1, "tipoffs_handled", 4, 5)])
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    return path


def run_page(**params) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_shows_the_engines_numbers(page_db):
    at = run_page()
    table = at.dataframe[0].value
    con = db.connect(page_db)
    expected = attainment.evaluate(con, "test-plan", 2023, 2)  # default: latest quarter with data = Q2
    con.close()
    assert list(table["Kết quả"]) == [fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator) for r in expected]
    assert list(table["Tử số / mẫu số"]) == ["48/60", "4/5", "–"]
    assert list(table["Trạng thái"]) == ["✔ Đạt", "⚠ Chậm tiến độ", "○ Chưa có số liệu"]
    assert at.sidebar.selectbox[2].value == 2
    assert any("1 chỉ tiêu đạt" in m.value for m in at.markdown)
    assert list(table["Chỉ tiêu"])[0] == "1. Cơ sở KDDV dễ phát sinh TNMD được kiểm tra"


def test_query_string_opens_the_same_view(page_db):
    at = run_page(plan="test-plan", year="2023", q="1")
    assert at.sidebar.selectbox[2].value == 1
    assert list(at.dataframe[0].value["Tử số / mẫu số"]) == ["–", "4/5", "–"]


def test_a_period_with_no_returns_says_what_to_do(page_db):
    at = run_page(year="2022")
    assert "Chưa có báo cáo nào của năm 2022 (kỳ: Cả năm)" in at.warning[0].value
    assert "python -m etl load" in at.warning[0].value
    assert set(at.dataframe[0].value["Trạng thái"]) == {"○ Chưa có số liệu"}


def test_missing_database_explains_how_to_make_one(tmp_path, monkeypatch, fresh_streamlit_caches):
    monkeypatch.setenv("PCMD_DB", str(tmp_path / "none.duckdb"))
    at = run_page()
    assert "python -m etl demo" in at.warning[0].value
