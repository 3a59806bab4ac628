"""The units of an area as pages walk them: the tree under a plan's issuer, children, the path up."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.access import scope as access
from etl.access.scope import Scope


# existed at some time from 1 January of the year (?) to the end of the quarter (?, ?)
def valid_in_year(alias: str = "l") -> str:
    """SQL: the unit (table `alias`) existed at some time from 1 January to the end of the quarter.
    Bound parameters, in order: year, year, quarter."""
    p = f"{alias}." if alias else ""
    return f"valid_during({p}valid_from, {p}valid_to, make_date(?, 1, 1), last_day(make_date(?, 3 * ?, 1)))"


_VALID = valid_in_year()


@dataclass(frozen=True)
class Unit:
    locality_id: str
    code: str
    name: str
    level: str
    parent_id: str | None
    depth: int = 0   # below the area's root


def _units(rows) -> list[Unit]:
    return [Unit(*row) for row in rows]


def subtree(con: duckdb.DuckDBPyConnection, root: str, year: int, quarter: int = 4,
            scope: Scope | None = None) -> list[Unit]:
    """Every unit under root (root first) existing in the year up to `quarter`, each followed by its own
    units; only those `scope` covers (a scoped account's part of the tree, from its topmost units)."""
    rows = con.execute(
        f"""SELECT l.locality_id, l.code, l.name, l.level, l.parent_id, c.depth
            FROM locality_closure c JOIN localities l ON l.locality_id = c.locality_id
            WHERE c.ancestor_id = ? AND {_VALID}
            ORDER BY c.depth, l.code""", [root, year, year, quarter]).fetchall()
    return in_tree_order(con, _units(rows), scope)


def in_tree_order(con: duckdb.DuckDBPyConnection, units: list[Unit], scope: Scope | None = None) -> list[Unit]:
    """The units `scope` covers, each followed by its own units (those without a parent among them first)."""
    visible = access.allowed(con, scope, [u.locality_id for u in units])
    units = [u for u in units if u.locality_id in visible]
    ids = {u.locality_id for u in units}
    below: dict[str | None, list[Unit]] = {}
    for unit in units:
        below.setdefault(unit.parent_id, []).append(unit)
    ordered, stack = [], [u for u in reversed(units) if u.parent_id not in ids]
    while stack:
        unit = stack.pop()
        ordered.append(unit)
        stack.extend(reversed(below.get(unit.locality_id, [])))
    return ordered


def children(con: duckdb.DuckDBPyConnection, parent: str, year: int, quarter: int = 4,
             scope: Scope | None = None) -> list[Unit]:
    rows = con.execute(
        f"""SELECT l.locality_id, l.code, l.name, l.level, l.parent_id, 1 FROM localities l
            WHERE l.parent_id = ? AND {_VALID} ORDER BY l.code""", [parent, year, year, quarter]).fetchall()
    visible = access.allowed(con, scope, [row[0] for row in rows])
    return [u for u in _units(rows) if u.locality_id in visible]


def path(con: duckdb.DuckDBPyConnection, locality_id: str, top: str, scope: Scope | None = None) -> list[Unit]:
    """From `top` down to the locality (a breadcrumb), through the units `scope` covers; just the
    locality when `top` is not above it."""
    rows = con.execute(
        """SELECT l.locality_id, l.code, l.name, l.level, l.parent_id, c.depth
           FROM locality_closure c JOIN localities l ON l.locality_id = c.ancestor_id
           WHERE c.locality_id = ?
             AND c.depth <= coalesce((SELECT depth FROM locality_closure WHERE locality_id = ? AND ancestor_id = ?), 0)
           ORDER BY c.depth DESC""", [locality_id, locality_id, top]).fetchall()
    visible = access.allowed(con, scope, [row[0] for row in rows])
    return [u for u in _units(rows) if u.locality_id in visible]


def units(con: duckdb.DuckDBPyConnection, locality_ids, depth: int = 0) -> dict[str, Unit]:
    """Several units by id, each given `depth`."""
    rows = con.execute("SELECT locality_id, code, name, level, parent_id, ? FROM localities "
                       "WHERE list_contains(?, locality_id)", [depth, sorted(set(locality_ids))]).fetchall()
    return {u.locality_id: u for u in _units(rows)}


def unit(con: duckdb.DuckDBPyConnection, locality_id: str) -> Unit | None:
    rows = con.execute("SELECT locality_id, code, name, level, parent_id, 0 FROM localities WHERE locality_id = ?",
                       [locality_id]).fetchall()
    return _units(rows)[0] if rows else None
