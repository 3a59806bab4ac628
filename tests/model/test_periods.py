"""Quarters and periods (etl/model/periods.py): the Python dates and the SQL fragments agree, every quarter."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.model import periods

YEARS = st.integers(min_value=1901, max_value=2998)
QUARTERS = st.integers(min_value=1, max_value=4)


@given(YEARS, QUARTERS)
def test_quarters_tile_the_year(year, quarter):
    start, end = periods.quarter_bounds(year, quarter)
    assert start.day == 1 and start.month == 3 * quarter - 2 and start.year == year
    assert (end + dt.timedelta(days=1)) == (periods.quarter_bounds(year, quarter + 1)[0] if quarter < 4
                                            else dt.date(year + 1, 1, 1))
    assert periods.year_to_date(year, quarter) == (dt.date(year, 1, 1), end)
    assert periods.started(year, quarter, start) and not periods.started(year, quarter, start - dt.timedelta(days=1))


def test_the_sql_fragments_give_the_same_days_for_every_quarter_of_several_years():
    con = duckdb.connect()
    rows = [(y, q) for y in (1999, 2000, 2024, 2025, 2100) for q in range(1, 5)]
    sql = (f"SELECT {periods.QUARTER_START_SQL.format(year='y', quarter='q')}, "
           f"{periods.QUARTER_END_SQL.format(year='y', quarter='q')} FROM (VALUES {', '.join(map(str, rows))}) t(y, q)")
    assert con.execute(sql).fetchall() == [periods.quarter_bounds(y, q) for y, q in rows]


@pytest.mark.parametrize("valid_from, valid_to, year, quarter, valid", [
    (None, None, 2024, 1, True),
    (None, dt.date(2025, 6, 30), 2025, 4, True),          # valid in Q1–Q2 of the year up to Q4
    (dt.date(2025, 7, 1), None, 2025, 2, False),          # begins after the end of Q2
    (dt.date(2025, 7, 1), None, 2025, 3, True),
    (dt.date(2025, 9, 30), None, 2025, 3, True),          # the quarter's last day
    (dt.date(2025, 10, 1), None, 2025, 3, False),
    (None, dt.date(2024, 12, 31), 2025, 1, False),        # ended the year before
])
def test_validity_in_the_year_up_to_a_quarter(valid_from, valid_to, year, quarter, valid):
    con = duckdb.connect()
    con.execute("CREATE TABLE l (valid_from DATE, valid_to DATE)")
    con.execute("INSERT INTO l VALUES (?, ?)", [valid_from, valid_to])
    for alias, sql in (("", f"SELECT count(*) FROM l WHERE {periods.valid_in_year_sql()}"),
                       ("l", f"SELECT count(*) FROM l WHERE {periods.valid_in_year_sql('l')}")):
        assert con.execute(sql, [year, quarter, year]).fetchall() == [(int(valid),)], alias


def test_the_reform_starts_with_the_third_quarter_of_2025():
    assert [periods.after_reform(y, q) for y, q in ((2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1))] \
        == [False, False, False, True, True, True]


def test_period_names_end_their_year_to_date_at_the_right_quarter():
    assert periods.PERIODS == {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "H1": 2, "Y": 4}
    from etl.cli.main import build_parser
    args = build_parser().parse_args(["export", "--plan", "p", "--year", "2024", "--period", "H1", "-o", "x.xlsx"])
    assert periods.PERIODS[args.period] == 2
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--plan", "p", "--year", "2024", "--period", "H2", "-o", "x.xlsx"])
