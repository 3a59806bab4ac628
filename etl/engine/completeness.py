"""Reporting completeness and timeliness (DHIS2's words): who has sent each quarter's return, when,
how many times, against the deadline setting (etl/access/settings.py)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from etl.access import scope as access
from etl.access import settings
from etl.access.scope import Scope
from etl.engine import areas
from etl.engine.areas import Unit
from etl.labels_vi import UI, UNIT_WORD
from etl.model import periods, reform
from etl.storage import db

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
    return periods.quarter_bounds(year, quarter)[1] + dt.timedelta(days=days)


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
    sent: dict[tuple[str, bool, int], tuple] = {}
    for row in con.execute(_SENT_SQL, [year, [area], 0]).fetchall():  # the area itself: its own returns only
        sent[(row[0], True, row[1])] = row[2:]
    expected = expected_units(con, area, year, quarters, scope, sends=bool(sent))
    below = sorted({u.locality_id for (u, own), _ in expected.items() if not own})
    if below:  # a unit below counts with every unit under it
        for row in con.execute(_SENT_SQL, [year, below, 99]).fetchall():
            sent[(row[0], False, row[1])] = row[2:]
    out = []
    for (unit, own), its_quarters in expected.items():
        for quarter in its_quarters:
            first, last, versions, units_sent = sent.get((unit.locality_id, own, quarter), (None, None, 0, 0))
            due = due_date(year, quarter, days)
            out.append(Submission(unit, own, year, quarter, due, first, last, versions, units_sent,
                                  _status(first, due, today)))
    return out


def expected_units(con: duckdb.DuckDBPyConnection, area: str, year: int, quarters: list[int],
                   scope: Scope | None = None, sends: bool | None = None) -> dict[tuple[Unit, bool], list[int]]:
    """Which units are expected to report each quarter for an area: (unit, own row) -> its quarters.

    In the area's own era: the area itself (when it sends returns, or has no units under it) and its
    children. In a quarter of the other era (a pre-2025 area after 30 June 2025, a post-2025 area before
    1 July 2025): the units that stand for it then (etl/model/reform.py: the new communes succeeding its units,
    or its predecessors); a return counts for the unit that sent it. `sends`: whether the area sent a
    return of its own that year (looked up when not given)."""
    me = areas.unit(con, area)
    area_era = reform.era(con, area)
    crosses = area_era is not None and any(
        periods.after_reform(year, q) != (area_era == "new") for q in quarters)
    by_half = {after: reform.other_era_units(con, area, year, 3 if after else 2, area_era) if crosses else None
               for after in {periods.after_reform(year, q) for q in quarters}}   # one read per side of the reform
    other = {q: by_half[periods.after_reform(year, q)] for q in quarters}
    own_era = [q for q in quarters if other[q] is None]
    rows: dict[tuple[Unit, bool], list[int]] = {}
    if own_era:
        kids = areas.children(con, area, year, max(own_era), scope)
        if sends is None:
            sends = db.one(con, "SELECT 1 FROM returns WHERE locality_id = ? AND year = ?", [area, year]) is not None
        if not kids or sends:
            rows[(me, True)] = list(own_era)
        for kid in kids:
            rows[(kid, False)] = list(own_era)
    standing_in = sorted({u for ids in other.values() if ids for u in ids})
    if standing_in:
        found = areas.units(con, access.allowed(con, scope, standing_in), depth=1)
        for quarter in (q for q in quarters if other[q] is not None):
            for locality_id in (u for u in other[quarter] if u in found):
                rows.setdefault((found[locality_id], False), []).append(quarter)
    return rows


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
