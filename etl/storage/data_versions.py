"""Versions of the data by area (migration 020), so that cached views of unchanged areas stay warm.

The area key of a unit is its province (its deepest ancestor-or-self at province level; a unit with none:
its root). Writing returns bumps the keys of the units whose analytics rows it refreshed (their ancestors
are among them), in the write's transaction; a full refresh bumps '*'. A view at a unit reads that unit's
area, its children's and, for small-number suppression, its parent's and siblings': its stamp is the
versions of '*', its key and its parent's key.
"""
from __future__ import annotations

from collections.abc import Iterable

import duckdb

EVERYTHING = "*"

_KEY_OF = """coalesce(
    (SELECT c.ancestor_id FROM locality_closure c JOIN localities a ON a.locality_id = c.ancestor_id
     WHERE c.locality_id = u.id AND a.level = 'province' ORDER BY c.depth LIMIT 1),
    (SELECT c.ancestor_id FROM locality_closure c WHERE c.locality_id = u.id ORDER BY c.depth DESC LIMIT 1),
    u.id)"""
_KEYS = f"SELECT DISTINCT {_KEY_OF} AS area_key FROM (SELECT unnest(?::VARCHAR[]) AS id) u"
_STAMP = f"""
WITH u AS (SELECT 0 AS k, $unit AS id
           UNION ALL SELECT 1, coalesce((SELECT parent_id FROM localities WHERE locality_id = $unit), $unit)),
keys AS (SELECT k, {_KEY_OF} AS area_key FROM u)
SELECT coalesce((SELECT version FROM data_versions WHERE area_key = $everything), 0),
       coalesce((SELECT v.version FROM keys JOIN data_versions v USING (area_key) WHERE keys.k = 0), 0),
       coalesce((SELECT v.version FROM keys JOIN data_versions v USING (area_key) WHERE keys.k = 1), 0)
"""


def area_keys(con: duckdb.DuckDBPyConnection, units: Iterable[str]) -> list[str]:
    return sorted(row[0] for row in con.execute(_KEYS, [sorted(set(units))]).fetchall())


def bump(con: duckdb.DuckDBPyConnection, units: Iterable[str]) -> None:
    """One more version for the areas of `units` (call inside the write's transaction)."""
    _bump(con, area_keys(con, units))


def bump_everything(con: duckdb.DuckDBPyConnection) -> None:
    _bump(con, [EVERYTHING])


def _bump(con: duckdb.DuckDBPyConnection, keys: list[str]) -> None:
    if keys:
        con.execute("""INSERT INTO data_versions SELECT unnest(?::VARCHAR[]), 1
                       ON CONFLICT (area_key) DO UPDATE SET version = data_versions.version + 1""", [keys])


def stamp(con: duckdb.DuckDBPyConnection, locality_id: str) -> tuple[int, int, int]:
    """The versions a view at `locality_id` depends on: everything's, its area's, its parent's area's."""
    return tuple(con.execute(_STAMP, {"unit": locality_id, "everything": EVERYTHING}).fetchone())


_VIEW_KEYS = f"""
WITH u AS (SELECT 0 AS k, $unit AS id
           UNION ALL SELECT 1, coalesce((SELECT parent_id FROM localities WHERE locality_id = $unit), $unit))
SELECT {_KEY_OF} FROM u ORDER BY k"""


def view_keys(con: duckdb.DuckDBPyConnection, locality_id: str) -> tuple[str, str]:
    """The area keys a view at `locality_id` reads (its own, its parent's): fixed by the tree of units, so the
    app keeps them (~14 ms of CPU on the national tree) and reads only their versions on each view."""
    own, parent = (row[0] for row in con.execute(_VIEW_KEYS, {"unit": locality_id}).fetchall())
    return own, parent


def versions(con: duckdb.DuckDBPyConnection, keys: tuple[str, str]) -> tuple[int, int, int]:
    """`stamp` from the view's keys (view_keys): one look-up of three rows (~0,7 ms)."""
    found = dict(con.execute("SELECT area_key, version FROM data_versions WHERE area_key IN (?, ?, ?)",
                             [EVERYTHING, *keys]).fetchall())
    return found.get(EVERYTHING, 0), found.get(keys[0], 0), found.get(keys[1], 0)
