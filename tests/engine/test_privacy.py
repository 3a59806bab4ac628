"""Small numbers: a count of persons below 5 is "<5" to anyone outside the reporting locality, on
pages and in exports; roll-ups still add the real figures."""
from __future__ import annotations

import datetime as dt

import pytest

from etl.access import accounts
from etl.access.scope import EVERYTHING, Scope
from etl.engine import queries
from etl.engine.queries import View
from etl.reports import export_tables
from etl.reports import format as fmt
from tests.apptest import open_app
from tests.conftest import add_figures, target

TODAY = dt.date(2024, 2, 1)


@pytest.fixture
def con(make_db):
    con = make_db([target(1, "sex_workers_supported", "at_least", 80), target(2, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "sex_workers_supported", 3, 4),
                      ("90002@pre2025", 2023, 4, "sex_workers_supported", 2, 6),
                      ("90001@pre2025", 2023, 4, "establishments_inspected", 3, 4)])
    return con


def test_outside_the_locality_small_person_counts_are_hidden(con):
    district = queries.overview(con, View("test-plan", 2023, 4, "900@pre2025", Scope("900@pre2025")), TODAY)
    commune = district.grid["90001@pre2025"][0]
    assert commune.suppressed and commune.numerator is None and commune.actual is None
    assert (fmt.actual_of(commune), fmt.fraction_of(commune)) == ("<5", "<5/<5")
    other = district.grid["90002@pre2025"][0]
    # its denominator 6 is not small, but the district's 10 minus 6 would give Xã A's hidden 4
    assert fmt.fraction_of(other) == "<5/ẩn" and other.secondary == ("denominator",)
    # the district's own figure is the real sum (5/10), and its own leader sees it
    assert (district.results[0].numerator, district.results[0].denominator) == (5, 10)
    assert commune.status == "not_met"                 # judged on the real figure: 3/4 = 75% < 80%
    # not a person count: shown as it is
    assert district.grid["90001@pre2025"][1].numerator == 3


def test_inside_the_locality_the_figure_is_shown(con):
    own = queries.overview(con, View("test-plan", 2023, 4, "90001@pre2025", Scope("90001@pre2025")), TODAY)
    assert (own.results[0].numerator, own.results[0].denominator, own.results[0].suppressed) == (3, 4, False)


def test_exports_hide_them_too(con):
    export = export_tables.build(con, View("test-plan", 2023, 4, "900@pre2025", EVERYTHING), TODAY)
    rows = {row[0].value: row for row in export.table("dia-ban").rows}
    assert rows["Xã A"][2].value == "<5"
    by_target = export.table("chi-tieu").rows[0]
    assert [c.value for c in by_target[4:8]] == [50.0, "%", 5, 10]   # the district's sum: not small


def test_a_page_shows_lt5_to_the_province_leader(con, monkeypatch):
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    at = open_app("indicator", accounts.User("lanhdao.tinh", "leader", "90@pre2025"), unit="900@pre2025")
    ranking = at.dataframe[0].value
    assert list(ranking["Tử số / mẫu số"]) == ["<5/<5", "<5/ẩn"]     # hidden values rank last, by code
    assert "<5" in set(ranking["Kết quả"])
