"""Small numbers: counts of persons below 5 are not shown to users outside the reporting locality
(on pages and in exports); roll-ups and statuses still use the real figures.

Statistical disclosure control as statistics offices do it:
- primary suppression: a person count below 5 of another locality is hidden ("<5");
- secondary suppression: a total and its parts (a unit and the units right below it) are one table
  to a reader who can subtract, so when a part is hidden, the next smallest other part is hidden
  too ("ẩn"), and the total itself when no part is left, until no hidden value can be worked out
  from what is shown (see `disclosed`). Numerators and denominators are protected each on its own.

What is hidden is decided from the real figures of the whole group (a unit's parent and all its
siblings), never from which cells a page asked for, so every page and export hides the same cells.
"""
from __future__ import annotations

import math
from dataclasses import replace

import duckdb

from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import areas
from etl.engine.results import TargetResult
from etl.model import indicators

SMALL = 5
FIELDS = ("numerator", "denominator")
PRIMARY = (1, SMALL - 1)          # what a reader knows of a "<5" cell
SECONDARY = (SMALL, math.inf)     # ... and of a cell hidden to protect another (never small, never 0)

Cell = tuple[str, int, int]

# The figures pages show (etl.engine.figures.area reads the same analytics table), person counts only.
_FIGURES_SQL = """SELECT locality_id, indicator_code, numerator, denominator FROM area_figures
                  WHERE year = ? AND quarter = ? AND list_contains(?, indicator_code)
                    AND locality_id IN (SELECT unnest(?))"""

# existed at some time from 1 January of the year (?) to the end of the quarter (?, ?)
_VALID = areas.valid_in_year("")


def small(value: int | None) -> bool:
    return value is not None and 0 < value < SMALL



def disclosed(total: int, shown: list[int], hidden: list[tuple[float, float]]) -> bool:
    """Whether a reader who knows the total, the shown parts and the range of each hidden part
    (`PRIMARY` or `SECONDARY`) can pin down a hidden part to one value."""
    if not hidden:
        return False
    rest = total - sum(shown)
    low_sum, high_sum = sum(lo for lo, _ in hidden), sum(hi for _, hi in hidden)
    for lo, hi in hidden:
        least = max(lo, rest - (high_sum - hi))
        most = min(hi, rest - (low_sum - lo))
        if least >= most:
            return True
    return False


def protect(total: int | None, parts: dict[str, int], total_hidden: bool,
            forced: frozenset[str] = frozenset()) -> tuple[set[str], bool]:
    """The parts to hide (the small ones, those `forced` hidden by their own parts, then the next
    smallest until nothing can be worked out) and whether the total must be hidden too.
    `total_hidden`: the reader does not see the total (it is itself small): nothing to subtract from."""
    hidden = {p for p, v in parts.items() if small(v) or (p in forced and v)}
    if total_hidden or total is None or not hidden:
        return hidden, False

    def known() -> bool:
        return disclosed(total, [v for p, v in parts.items() if p not in hidden],
                         [PRIMARY if small(parts[p]) else SECONDARY for p in hidden])

    while known():
        candidates = sorted((v, p) for p, v in parts.items() if p not in hidden and v > 0)
        if not candidates:
            return hidden, True
        hidden.add(candidates[0][1])
    return hidden, False


class _Groups:
    """A period's units around the cells asked for: each one's parent, the parent's children, and
    their children; the plain figures of person counts of all of them; and what is hidden in each
    group (memoised)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, locs: set[str], year: int, quarter: int, scope: Scope,
                 persons: frozenset[str]):
        self.root = scope.root
        rows = con.execute("SELECT locality_id, parent_id FROM localities WHERE list_contains(?, locality_id)",
                           [sorted(locs)]).fetchall()
        ups = {loc: parent for loc, parent in rows if parent and loc != scope.root}
        visible = access.allowed(con, scope, set(ups.values()))
        self.parent = {loc: p for loc, p in ups.items() if p in visible}
        self.children = _children(con, set(self.parent.values()) | locs, year, quarter)
        siblings = {c for p in set(self.parent.values()) for c in self.children.get(p, [])}
        self.children.update(_children(con, siblings - set(self.children), year, quarter))
        every = set(self.children) | {c for kids in self.children.values() for c in kids}
        self.figures = {(loc, code): (n, d) for loc, code, n, d in con.execute(
            _FIGURES_SQL, [year, quarter, sorted(persons), sorted(every)]).fetchall()}
        self._memo: dict = {}

    def value(self, loc: str, code: str, field: str) -> int | None:
        figure = self.figures.get((loc, code))
        return None if figure is None else figure[FIELDS.index(field)]

    def group(self, parent: str, code: str, field: str, deep: bool) -> tuple[set[str], bool]:
        memo_key = (parent, code, field, deep)
        if memo_key not in self._memo:
            kids = self.children.get(parent, [])
            parts = {k: self.value(k, code, field) or 0 for k in kids}
            forced = frozenset(k for k in kids if deep and self.group(k, code, field, False)[1])
            total = self.value(parent, code, field)
            self._memo[memo_key] = protect(total, parts, parent != self.root and small(total), forced)
        return self._memo[memo_key]

    def protects(self, loc: str, code: str, field: str) -> bool:
        """Whether the cell is hidden to protect another: as a part of its parent's total, or as the
        total of its own parts."""
        parent = self.parent.get(loc)
        as_part = parent is not None and loc in self.group(parent, code, field, True)[0]
        return as_part or self.group(loc, code, field, False)[1]


def _children(con: duckdb.DuckDBPyConnection, parents: set[str], year: int, quarter: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {p: [] for p in parents}
    if not parents:
        return out
    for parent, loc in con.execute(f"SELECT parent_id, locality_id FROM localities WHERE list_contains(?, parent_id) "
                                   f"AND {_VALID}", [sorted(parents), year, year, quarter]).fetchall():
        out[parent].append(loc)
    return out


def suppress(con: duckdb.DuckDBPyConnection, cells: dict[Cell, list[TargetResult]],
             scope: Scope | None) -> dict[Cell, list[TargetResult]]:
    """Every cell's results as `scope`'s account may see them: primary and secondary suppression of
    person counts (indicators flagged `person_count`). No scope (the command line, run by whoever holds
    the database): unchanged."""
    if scope is None:
        return cells
    persons = indicators.person_counts(con)
    if not any(r.indicator_code in persons for rs in cells.values() for r in rs):
        return cells
    out = dict(cells)
    for year, quarter in {(y, q) for _, y, q in cells}:
        keys = [c for c in cells if c[1:] == (year, quarter)]
        groups = _Groups(con, {loc for loc, _, _ in keys}, year, quarter, scope, persons)
        for key in keys:
            out[key] = [_masked(r, groups, scope) if r.indicator_code in persons else r for r in cells[key]]
    return out


def _masked(r: TargetResult, groups: _Groups, scope: Scope) -> TargetResult:
    own = r.locality_id != scope.root
    primary = {f for f in FIELDS if own and small(getattr(r, f))}
    secondary = tuple(f for f in FIELDS if f not in primary and getattr(r, f)
                      and groups.protects(r.locality_id, r.indicator_code, f))
    return _hidden(r, primary, secondary) if primary or secondary else r


def _hidden(r: TargetResult, primary: set[str], secondary: tuple[str, ...]) -> TargetResult:
    gone = primary | set(secondary)
    return replace(r, numerator=None if "numerator" in gone else r.numerator,
                   denominator=None if "denominator" in gone else r.denominator,
                   actual=None, previous_numerator=None, note=None, suppressed=True, secondary=secondary)
