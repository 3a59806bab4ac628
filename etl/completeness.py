"""Reporting completeness and timeliness (DHIS2's words): who has sent each quarter's return, when,
how many times, against the deadline setting (etl/settings.py)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from etl import access, areas, localities, settings
from etl.access import Scope
from etl.areas import Unit
from etl.labels_vi import UI, UNIT_WORD

ON_TIME, LATE, MISSING, NOT_DUE = "on_time", "late", "missing", "not_due"

_SENT_SQL = """
SELECT c.ancestor_id, r.quarter, min(r.submitted_at), max(r.submitted_at),
       count(DISTINCT r.upload_id), count(DISTINCT r.locality_id)
FROM returns r JOIN locality_closure c ON c.locality_id = r.locality_id
WHERE r.year = ? AND list_contains(?, c.ancestor_id) AND c.depth <= ?
GROUP BY ALL"""


@dataclass(frozen=True)
class Submission:
    unit: Unit
    own: bool                     # the unit's own returns only (not those of units under it)
    year: int
    quarter: int
    due: dt.date
    first_sent: dt.datetime | None
    last_sent: dt.datetime | None
    versions: int                 # uploads that wrote a return for it (or, for an area, under it)
    units_sent: int               # units that sent a return (itself, or units under it)
    status: str

    @property
    def days_late(self) -> int:
        return max(0, (self.first_sent.date() - self.due).days) if self.first_sent else 0


def due_date(year: int, quarter: int, days: int) -> dt.date:
    return localities.quarter_bounds(year, quarter)[1] + dt.timedelta(days=days)


def _status(first_sent: dt.datetime | None, due: dt.date, today: dt.date) -> str:
    if first_sent is None:
        return MISSING if today > due else NOT_DUE
    return ON_TIME if first_sent.date() <= due else LATE


def table(con: duckdb.DuckDBPyConnection, area: str, year: int, quarters: list[int],
          today: dt.date | None = None, scope: Scope | None = None) -> list[Submission]:
    """For the area's own returns (when it sends any, or has no units under it) and each of its
    children, each quarter: sent or not, on time or late, how many versions."""
    today = today or dt.date.today()
    if not access.covers(con, scope, area):
        return []
    days = settings.deadline_days(con)
    last_q = max(quarters)
    kids = areas.children(con, area, year, last_q)
    sent: dict[tuple[str, bool, int], tuple] = {}
    for own in (True, False):
        ids = [area] if own else [k.locality_id for k in kids]
        if ids:  # a child counts with every unit under it; the area itself only with its own returns
            for row in con.execute(_SENT_SQL, [year, ids, 0 if own else 99]).fetchall():
                sent[(row[0], own, row[1])] = row[2:]
    rows: list[tuple[Unit, bool]] = []
    me = areas.unit(con, area)
    if not kids or any(key[0] == area and key[1] for key in sent):
        rows.append((me, True))
    rows += [(k, False) for k in kids]
    out = []
    for unit, own in rows:
        for quarter in quarters:
            first, last, versions, units_sent = sent.get((unit.locality_id, own, quarter), (None, None, 0, 0))
            due = due_date(year, quarter, days)
            out.append(Submission(unit, own, year, quarter, due, first, last, versions, units_sent,
                                  _status(first, due, today)))
    return out


def missing(submissions: list[Submission], quarter: int) -> list[Unit]:
    """Units still owing the quarter's return, past its deadline: the list to chase."""
    return [s.unit for s in submissions if s.quarter == quarter and s.status == MISSING]


@dataclass(frozen=True)
class Rate:
    """The reporting rate of a quarter, the one definition every page uses: the units below the unit
    (its children, each counting with every unit under it) that sent that quarter's return, out of all
    of them; a unit with no units below counts itself. The unit's own return, when it also sends one, is
    shown apart and not counted. `basis` says in words what the denominator counts."""
    sent: int
    expected: int
    late: int
    basis: str

    @property
    def missing(self) -> int:
        return self.expected - self.sent

    @property
    def percent(self) -> float | None:
        return 100 * self.sent / self.expected if self.expected else None

    def __str__(self) -> str:
        return f"{self.sent}/{self.expected}"


def rate(submissions: list[Submission], quarter: int) -> Rate:
    """(units that sent the quarter's return, units expected, how many late, the denominator in words)."""
    these = [s for s in submissions if s.quarter == quarter]
    below = [s for s in these if not s.own]
    pool = below or these
    sent = [s for s in pool if s.first_sent is not None]
    late = sum(s.status == LATE for s in sent)
    if not pool:
        return Rate(0, 0, 0, UI["rate_basis_none"])
    own = next((s for s in these if s.own), None)
    year = pool[0].year
    if below:
        levels = ", ".join(dict.fromkeys(UNIT_WORD.get(s.unit.level, s.unit.level) for s in below))
        basis = UI["rate_basis_children"].format(total=len(below), levels=levels, quarter=quarter, year=year)
        if own:
            basis += " " + UI["rate_own_apart"].format(name=own.unit.name)
    else:
        basis = UI["rate_basis_self"].format(name=pool[0].unit.name, quarter=quarter, year=year)
    return Rate(len(sent), len(pool), late, basis)
