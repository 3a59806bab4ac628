"""Localities' figures for a year up to a quarter, read from the analytics table (migration 005).

Functions take a connection or cursor and run on it directly: inside a transaction (a load's
preview) they then see the transaction's own writes.
"""
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
    across: str | None = None   # 'predecessors' / 'successors': includes the other era's units (migration 013)


Cell = tuple[str, int, int]                 # locality_id, year, quarter
Figures = dict[Cell, dict[str, Figure]]     # cell -> indicator code -> figure

_AREA_SQL = """
SELECT locality_id, year, quarter, indicator_code, numerator, denominator, own_return, children_reported,
       children_total, note, across
FROM area_figures
WHERE list_contains(?, year) AND list_contains(?, quarter) AND list_contains(?, locality_id)"""


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> Figures:
    out: Figures = {}
    for locality_id, year, quarter, code, n, d, own, reported, total, note, *across in con.execute(sql, params).fetchall():
        # A locality's own return is its figure: how many units below it reported says nothing then.
        out.setdefault((locality_id, year, quarter), {})[code] = Figure(
            n, d, bool(own), None if own else reported, None if own else total, note, across[0] if across else None)
    return out


def area(con: duckdb.DuckDBPyConnection, locality_ids, years, quarters) -> Figures:
    """Each locality's figures in each period: its own return, else summed from the topmost
    reporting units below. Every combination of the given localities, years and quarters."""
    return _fetch(con, _AREA_SQL, [sorted(set(years)), sorted(set(quarters)), sorted(set(locality_ids))])
