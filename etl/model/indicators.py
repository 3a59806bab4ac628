"""The one indicator model: what every part of the code knows of an indicator (data/indicators.yaml,
stored in the indicators table by etl/model/catalog.py), and the one place that reads it."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

_SQL = """SELECT code, name, kind, numerator_agg, denominator_agg, unit, numerator_label, denominator_label,
                 better, person_count
          FROM indicators ORDER BY code"""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str                      # Vietnamese: what messages and pages show (a person reads names, not codes)
    kind: str                      # share | count | qualitative
    numerator_agg: str             # sum (flows) | last (year-to-date totals, stocks): a year from its quarters
    denominator_agg: str | None = None
    unit: str = ""
    numerator_label: str = ""
    denominator_label: str | None = None
    better: str = "higher"         # higher | lower | no_decrease
    person_count: bool = False     # counts persons: small numbers hidden outside their locality (etl/engine/privacy.py)


def indicators(con: duckdb.DuckDBPyConnection) -> dict[str, Indicator]:
    """Every indicator of the database by code (on a cursor of `con`: safe on a connection shared by threads)."""
    cur = con.cursor()
    try:
        return {row[0]: Indicator(*row[:9], person_count=bool(row[9])) for row in cur.execute(_SQL).fetchall()}
    finally:
        cur.close()


def person_counts(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The codes of the indicators that count persons."""
    return frozenset(code for code, i in indicators(con).items() if i.person_count)
