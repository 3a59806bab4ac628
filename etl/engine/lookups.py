"""Small reads the pages and the CLI share: plan list, latest quarter with data, locality names."""
from __future__ import annotations

import duckdb

from etl.access.scope import Scope
from etl.model import indicators
from etl.storage import db


def plans(con: duckdb.DuckDBPyConnection, scope: Scope | None = None) -> list[tuple[str, str, int, int, str]]:
    """(plan_id, title, year_from, year_to, issuer_id), most recent first; for a scoped account, the
    plans whose area holds some unit it covers."""
    root = None if scope is None else scope.root
    return con.execute(
        """SELECT plan_id, title, year_from, year_to, issuer_id FROM plans p
           WHERE NOT coalesce(retired, FALSE) AND (?::VARCHAR IS NULL OR EXISTS (
               SELECT 1 FROM locality_closure c JOIN in_scope(?) s ON s.locality_id = c.locality_id
               WHERE c.ancestor_id = p.issuer_id))
           ORDER BY year_to DESC, year_from DESC, plan_id""", [root, root]).fetchall()


# The (year, quarter)s of the returns sent for a plan's area: its own units', and across the 1 July 2025
# reform (README model rules) the new units that succeed a pre-2025 area's units from Q3 2025 on, and the
# old units that preceded a post-2025 area's units before it (era_bridge, migration 013).
_AREA_RETURNS_SQL = """
WITH p AS (SELECT issuer_id, year_from, year_to FROM plans WHERE plan_id = ?),
units AS (
    SELECT c.locality_id, NULL::VARCHAR AS direction FROM p JOIN locality_closure c ON c.ancestor_id = p.issuer_id
    UNION
    SELECT c.locality_id, b.direction FROM p JOIN era_bridge b ON b.locality_id = p.issuer_id
    JOIN locality_closure c ON c.ancestor_id = b.member_id)
SELECT r.year, r.quarter, p.year_from, p.year_to FROM {returns} r CROSS JOIN p
SEMI JOIN units u ON u.locality_id = r.locality_id
    AND (u.direction IS NULL
         OR (u.direction = 'successors' AND r.year * 4 + r.quarter >= 2025 * 4 + 3)
         OR (u.direction = 'predecessors' AND r.year * 4 + r.quarter < 2025 * 4 + 3))"""


def latest_quarter(con: duckdb.DuckDBPyConnection, plan_id: str, year: int) -> int | None:
    """The latest quarter of `year` for which any unit of the plan's area has a return, the other era's
    units that stand for the area counted (a 2022–2025 plan's Q3–Q4 2025 are its successors')."""
    row = db.one(con.cursor(), f"SELECT max(quarter) FROM ({_AREA_RETURNS_SQL.format(returns='current_returns')}) "
                               "WHERE year = ?", [plan_id, year])
    return row[0] if row else None


def latest_year(con: duckdb.DuckDBPyConnection, plan_id: str) -> int | None:
    """The latest year of the plan for which any unit of its area (or of the other era's units that stand
    for it) has a return."""
    row = db.one(con, f"SELECT max(year) FROM ({_AREA_RETURNS_SQL.format(returns='returns')}) "
                      "WHERE year BETWEEN year_from AND year_to", [plan_id])
    return row[0] if row else None


def indicator_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Indicator code -> Vietnamese name, by name."""
    return {i.code: i.name for i in sorted(indicators.indicators(con).values(), key=lambda i: i.name)}


def locality_name(con: duckdb.DuckDBPyConnection, locality_id: str) -> str:
    row = db.one(con.cursor(), "SELECT name FROM localities WHERE locality_id = ?", [locality_id])
    return row[0] if row else locality_id


def parent_plan(con: duckdb.DuckDBPyConnection, plan_id: str) -> tuple[str, str, int, int] | None:
    """(plan_id, title, year_from, year_to) of the plan this one implements, when it is in the database."""
    return db.one(con, """SELECT p.plan_id, p.title, p.year_from, p.year_to FROM plans c
                          JOIN plans p ON p.plan_id = c.parent_plan_id WHERE c.plan_id = ?""", [plan_id])


def plan_info(con: duckdb.DuckDBPyConnection, plan_id: str) -> dict | None:
    rows = con.execute("""SELECT plan_id, title, issuer_id, issuing_body, year_from, year_to, parent_plan_id,
                                 parent_document FROM plans WHERE plan_id = ?""", [plan_id]).fetchall()
    keys = ("plan_id", "title", "issuer_id", "issuing_body", "year_from", "year_to", "parent_plan_id",
            "parent_document")
    return dict(zip(keys, rows[0])) if rows else None


def years_with_data(con: duckdb.DuckDBPyConnection, locality_id: str, indicator_code: str) -> list[int]:
    rows = con.execute("SELECT DISTINCT year FROM area_figures WHERE locality_id = ? AND indicator_code = ? "
                       "ORDER BY year", [locality_id, indicator_code]).fetchall()
    return [y for y, in rows]
