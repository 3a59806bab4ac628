"""Quarters and the periods of a year: their dates, their names, and the quarter the 2025 reform starts.

The one place for quarter arithmetic (in Python and in the SQL fragments the queries share)."""
from __future__ import annotations

import datetime as dt
import functools

# A period of the command line and the exports -> the quarter whose year-to-date it is.
PERIODS = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "H1": 2, "Y": 4}

# The 1 July 2025 reform: the first quarter of the new units.
REFORM_YEAR, FIRST_NEW_QUARTER = 2025, 3

# SQL: the first and the last day of a quarter, from SQL expressions for the year and the quarter.
QUARTER_START_SQL = "make_date({year}, 3 * {quarter} - 2, 1)"
QUARTER_END_SQL = "last_day(make_date({year}, 3 * {quarter}, 1))"


@functools.lru_cache(maxsize=1024, typed=True)
def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of the quarter."""
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def started(year: int, quarter: int, today: dt.date) -> bool:
    """Whether the quarter has begun by `today`."""
    return quarter_bounds(year, quarter)[0] <= today


def year_to_date(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """1 January of the year and the last day of the quarter: the dates a year-to-date figure covers."""
    return dt.date(year, 1, 1), quarter_bounds(year, quarter)[1]


def after_reform(year: int, quarter: int) -> bool:
    """Whether a quarter lies after 30 June 2025."""
    return (year, quarter) >= (REFORM_YEAR, FIRST_NEW_QUARTER)


def valid_in_year_sql(alias: str = "") -> str:
    """SQL: a locality (table `alias`) valid at some time from 1 January up to the end of a quarter.
    Bound parameters, in order: year, quarter, year."""
    p = f"{alias}." if alias else ""
    return (f"coalesce({p}valid_from, DATE '1900-01-01') <= {QUARTER_END_SQL.format(year='?', quarter='?')}\n"
            f"        AND coalesce({p}valid_to, DATE '9999-12-31') >= make_date(?, 1, 1)")
