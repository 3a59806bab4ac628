"""A locality's figures for a year up to a quarter, read through the SQL macros of 002_attainment.sql."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int | None
    own_return: bool = True
    children_reported: int | None = None
    children_total: int | None = None
    note: str | None = None


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> dict[str, Figure]:
    cur = con.cursor()
    rows = cur.execute(sql, params).fetchall()
    # A locality's own return is its figure: how many units below it reported says nothing then.
    return {code: Figure(n, d, bool(own), None if own else reported, None if own else total, note)
            for code, n, d, own, reported, total, note in rows}


def rolled_up(con: duckdb.DuckDBPyConnection, locality_id: str, year: int, quarter: int) -> dict[str, Figure]:
    """Indicator code -> the locality's figure (own return, else summed from the units below)."""
    return _fetch(con, "SELECT * FROM rolled_up(?, ?, ?)", [locality_id, year, quarter])


def level_sum(con: duckdb.DuckDBPyConnection, locality_id: str, year: int, quarter: int,
              levels: tuple[str, ...]) -> dict[str, Figure]:
    """Indicator code -> sum of the own returns of the units at `levels` under the locality."""
    return _fetch(con, "SELECT * FROM level_sum(?, ?, ?, ?)", [locality_id, year, quarter, list(levels)])
