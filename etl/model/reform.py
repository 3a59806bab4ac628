"""The 1 July 2025 reform as views meet it (issue 14): a code resolved in the plan's own era (rule 5),
and which units of the other era a figure includes (rule 7). The figures themselves come through the
era bridge of the analytics table (sql/macros.sql)."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.labels_vi import REFORM
from etl.model import localities, periods
from etl.storage import db

_IN_PLAN_SQL = """
SELECT l.locality_id FROM plans p
JOIN locality_closure c ON c.ancestor_id = p.issuer_id
JOIN localities l ON l.locality_id = c.locality_id
WHERE p.plan_id = ? AND l.code = ?
  AND valid_during(l.valid_from, l.valid_to, make_date(p.year_from, 1, 1), make_date(p.year_to, 12, 31))"""

_ERA_SQL = """SELECT coalesce(valid_to = DATE '2025-06-30', FALSE), coalesce(valid_from = DATE '2025-07-01', FALSE)
FROM localities WHERE locality_id = ?"""

_OTHER_ERA_SQL = """
SELECT b.member_id FROM era_bridge b JOIN localities l ON l.locality_id = b.member_id
WHERE b.locality_id = ? AND b.direction = ? ORDER BY l.code"""

_MEMBERS_SQL = """
SELECT b.locality_id, b.direction, l.name, b.split FROM era_bridge b JOIN localities l ON l.locality_id = b.member_id
WHERE b.locality_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY b.locality_id, l.code"""


def resolve_in_plan(con: duckdb.DuckDBPyConnection, code: str, plan_id: str, year: int,
                    quarter: int = 4) -> str | None:
    """A code typed for a plan's view: the unit of the plan's area with that code during the plan's years
    (an old plan's view takes old codes for every year, so a code reused after 2025 never shows another
    unit); else the unit valid during the quarter."""
    code = code.strip()
    if db.one(con, "SELECT 1 FROM localities WHERE locality_id = ?", [code]):
        return code
    found = [row[0] for row in con.execute(_IN_PLAN_SQL, [plan_id, code]).fetchall()]
    if len(found) == 1:
        return found[0]
    return localities.resolve(con, code, year, quarter)


def era(con: duckdb.DuckDBPyConnection, locality_id: str) -> str | None:
    """'old' (valid until 30 June 2025), 'new' (from 1 July 2025), or None (either side of the reform)."""
    row = con.execute(_ERA_SQL, [locality_id]).fetchone()
    return None if row is None else "old" if row[0] else "new" if row[1] else None


def other_era_units(con: duckdb.DuckDBPyConnection, locality_id: str, year: int, quarter: int,
                    area_era: str | None = None) -> list[str] | None:
    """The units that stand for an area in a quarter of the other era (None: the quarter is in the area's
    own era): for a pre-2025 area after 30 June 2025, the new communes the era bridge counts in it; for a
    post-2025 area before 1 July 2025, its predecessors (rules 1-3). `area_era`: era() when known."""
    area_era = area_era or era(con, locality_id)
    if area_era == "old" and periods.after_reform(year, quarter):
        direction = "successors"
    elif area_era == "new" and not periods.after_reform(year, quarter):
        direction = "predecessors"
    else:
        return None
    return [r[0] for r in con.execute(_OTHER_ERA_SQL, [locality_id, direction]).fetchall()]


@dataclass(frozen=True)
class Members:
    direction: str          # predecessors | successors
    names: list[str]
    split: list[str]        # new units counted here by the majority of their predecessors


def members(con: duckdb.DuckDBPyConnection, locality_id: str) -> Members | None:
    """The other era's units whose figures a locality's figures include (None: none)."""
    return members_many(con, [locality_id]).get(locality_id)


def members_many(con: duckdb.DuckDBPyConnection, locality_ids) -> dict[str, Members]:
    rows = con.execute(_MEMBERS_SQL, [sorted(set(locality_ids))]).fetchall()
    out: dict[str, Members] = {}
    for loc, direction, name, split in rows:
        m = out.setdefault(loc, Members(direction, [], []))
        m.names.append(name)
        if split:
            m.split.append(name)
    return out


_MERGED_SQL = """
SELECT b.member_id, format(?, n.name, n.code)
FROM era_bridge b JOIN localities n ON n.locality_id = b.locality_id
WHERE b.merged_with_others AND list_contains(?, b.member_id)"""


def merged_into_many(con: duckdb.DuckDBPyConnection, locality_ids) -> dict[str, str]:
    """Old communes merged with others into one new unit (no successor of their own from Q3 2025; the era
    bridge's merged_with_others, sql/macros.sql): locality -> the new unit's name and code."""
    if not locality_ids:
        return {}
    return dict(con.execute(_MERGED_SQL, [REFORM["unit_code"], sorted(set(locality_ids))]).fetchall())
