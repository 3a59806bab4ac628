"""What an account may see, enforced where data is read (engine, areas, completeness, exports,
loads), not only by hiding widgets."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import duckdb


class Account(Protocol):   # etl.access.accounts.User (not imported: accounts reads scopes' lookups)
    role: str
    locality_id: str | None


@dataclass(frozen=True)
class Scope:
    """An account's locality (None: the whole country). Hashable, so cached reads are kept per scope."""
    root: str | None = None

    @property
    def everything(self) -> bool:
        return self.root is None


EVERYTHING = Scope(None)
NOBODY = Scope("(no account)")   # a root no unit has: sees nothing


def of_account(account: Account | None) -> Scope:
    """What an account may see, the one rule for the app and the command line: an admin the whole
    country, anyone else their own locality and the units under it; no account (or one without a
    locality that is not an admin) nothing."""
    if account is None:
        return NOBODY
    if account.role == "admin":
        return EVERYTHING
    return Scope(account.locality_id) if account.locality_id else NOBODY


def allowed(con: duckdb.DuckDBPyConnection, scope: Scope | None, locality_ids) -> set[str]:
    """The given units the scope covers."""
    ids = set(locality_ids)
    if scope is None or scope.everything or not ids:
        return ids
    rows = con.execute("SELECT locality_id FROM in_scope(?) WHERE list_contains(?, locality_id)",
                       [scope.root, sorted(ids)]).fetchall()
    return {lid for lid, in rows}


def covers(con: duckdb.DuckDBPyConnection, scope: Scope | None, locality_id: str) -> bool:
    return locality_id in allowed(con, scope, [locality_id])


def entry_points(con: duckdb.DuckDBPyConnection, scope: Scope, area_root: str, year: int) -> list[str]:
    """Where a scoped account starts in an area: the area itself if covered, else the topmost covered
    units inside it (e.g. a district leader in a province plan)."""
    if scope.everything or covers(con, scope, area_root):
        return [area_root]
    rows = con.execute(
        """WITH mine AS (SELECT locality_id FROM in_scope(?)),
                inside AS (SELECT c.locality_id, c.depth FROM locality_closure c
                           WHERE c.ancestor_id = ? AND c.locality_id IN (SELECT locality_id FROM mine))
           SELECT i.locality_id FROM inside i
           WHERE NOT EXISTS (SELECT 1 FROM locality_closure up JOIN inside j ON j.locality_id = up.ancestor_id
                             WHERE up.locality_id = i.locality_id AND up.depth > 0)
           ORDER BY i.locality_id""", [scope.root, area_root]).fetchall()
    return [lid for lid, in rows]
