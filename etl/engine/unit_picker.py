"""The sidebar's unit picker at national scale (issue 18): not the whole area (10 805 units nationally),
only the way down from the plan's area to the current unit, the current unit's siblings and its children.
Picking one of them moves the view there, and the picker then offers what is around that unit."""
from __future__ import annotations

from collections.abc import Iterable

import duckdb

from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine.areas import Unit, in_tree_order, valid_in_year

VALID = valid_in_year()   # existed in the year up to the quarter: year, year, quarter

# Units under the root existing in the period (areas.valid_in_year); c.depth is the depth below it (the picker's indentation).
_AROUND = f"""
WITH cur AS (SELECT ?::VARCHAR AS unit, ?::VARCHAR AS root),
path AS (SELECT c.ancestor_id AS id FROM locality_closure c, cur WHERE c.locality_id = cur.unit),
near AS (SELECT l.locality_id AS id FROM localities l, cur
         WHERE l.parent_id = cur.unit
            OR (cur.unit <> cur.root AND l.parent_id = (SELECT parent_id FROM localities WHERE locality_id = cur.unit)))
SELECT l.locality_id, l.code, l.name, l.level, l.parent_id, c.depth
FROM cur, locality_closure c JOIN localities l ON l.locality_id = c.locality_id
WHERE c.ancestor_id = cur.root AND (l.locality_id IN (SELECT id FROM path) OR l.locality_id IN (SELECT id FROM near))
  AND {VALID}
ORDER BY c.depth, l.code
"""

_UNDER = f"""
SELECT 1 FROM locality_closure c JOIN localities l ON l.locality_id = c.locality_id
WHERE c.locality_id = ? AND c.ancestor_id = ? AND {VALID}
"""


def current(con: duckdb.DuckDBPyConnection, root: str, candidates: Iterable[str | None], year: int,
            quarter: int = 4, scope: Scope | None = None) -> str | None:
    """The first candidate (the session's unit, the URL's, the account's entry point) that lies under `root`,
    exists in the period and is one the account may see; None when none does."""
    for unit in candidates:
        if (unit and con.execute(_UNDER, [unit, root, year, year, quarter]).fetchall()
                and access.covers(con, scope, unit)):
            return unit
    return None


def options(con: duckdb.DuckDBPyConnection, root: str, candidates: Iterable[str | None], year: int,
            quarter: int = 4, scope: Scope | None = None) -> list[Unit]:
    """What the picker offers around the current unit (`current`; the root when no candidate will do): the
    units from `root` down to it, its siblings and its children, in tree order, those the account may see."""
    unit = current(con, root, candidates, year, quarter, scope) or root
    rows = con.execute(_AROUND, [unit, root, year, year, quarter]).fetchall()
    return in_tree_order(con, [Unit(*row) for row in rows], scope)
