"""What a reporting officer picks on the upload page: the units its account may report for (those a
plan asks figures of that year, inside the account's area), and the quarter currently due."""
from __future__ import annotations

import datetime as dt

import duckdb

from etl.access.scope import Scope
from etl.engine.areas import Unit, valid_in_year

VALID = valid_in_year()   # existed in the year up to the quarter: year, year, quarter


def due_quarter(today: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that has ended by `today`: the return now due."""
    quarter = (today.month - 1) // 3   # quarters fully ended this year
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


def units_for(con: duckdb.DuckDBPyConnection, scope: Scope | None, year: int, quarter: int) -> list[Unit]:
    """Units valid in the quarter under the issuer of a plan covering `year`, inside `scope`; each once,
    in tree order (depth below the account's own unit for a scoped account, from the top otherwise)."""
    root = None if scope is None else scope.root
    rows = con.execute(
        f"""SELECT DISTINCT l.locality_id, l.code, l.name, l.level, l.parent_id,
                   coalesce((SELECT max(c2.depth) FROM locality_closure c2
                             WHERE c2.locality_id = l.locality_id AND c2.ancestor_id = ?::VARCHAR), 0) AS depth,
                   l.level_rank
            FROM plans p
            JOIN locality_closure c ON c.ancestor_id = p.issuer_id
            JOIN (SELECT *, CASE level WHEN 'province' THEN 0 WHEN 'district' THEN 1 WHEN 'commune' THEN 2 ELSE 3
                            END AS level_rank FROM localities) l ON l.locality_id = c.locality_id
            WHERE NOT coalesce(p.retired, FALSE) AND ? BETWEEN p.year_from AND p.year_to AND {VALID}
              AND (?::VARCHAR IS NULL OR l.locality_id IN (SELECT locality_id FROM in_scope(?::VARCHAR)))
            ORDER BY level_rank, l.code""",
        [root, year, year, year, quarter, root, root]).fetchall()
    return [Unit(lid, code, name, level, parent, depth) for lid, code, name, level, parent, depth, _ in rows]
