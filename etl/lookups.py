"""Small reads the pages and the CLI share: plan list, latest quarter with data, locality names."""
from __future__ import annotations

import duckdb

from etl import db


def plans(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int, int, str]]:
    """(plan_id, title, year_from, year_to, issuer_id), most recent first."""
    return con.cursor().execute(
        "SELECT plan_id, title, year_from, year_to, issuer_id FROM plans ORDER BY year_to DESC, plan_id").fetchall()


def latest_quarter(con: duckdb.DuckDBPyConnection, plan_id: str, year: int) -> int | None:
    """The latest quarter of `year` for which any unit of the plan's area has a return."""
    row = db.one(con.cursor(),
                 """SELECT max(r.quarter) FROM current_returns r
                    JOIN locality_closure c ON c.locality_id = r.locality_id
                    JOIN plans p ON c.ancestor_id = p.issuer_id
                    WHERE p.plan_id = ? AND r.year = ?""", [plan_id, year])
    return row[0] if row else None


def locality_name(con: duckdb.DuckDBPyConnection, locality_id: str) -> str:
    row = db.one(con.cursor(), "SELECT name FROM localities WHERE locality_id = ?", [locality_id])
    return row[0] if row else locality_id
