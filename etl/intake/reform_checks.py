"""Checks of a return across the 1 July 2025 reform (called by etl/intake/validate.py):

- a code of the other era: an old unit's code (no longer in use) for a quarter after 30 June 2025, or a
  new unit's code for a quarter before 1 July 2025, is refused with the code to use instead (the
  successor, or the predecessors);
- a new unit's first return for an indicator far from what its predecessors reported (the same quarter a
  year before, else their latest quarter): a warning naming the unit, the indicator and both figures,
  never a refusal.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from etl.labels_vi import MSG, REFORM
from etl.model import indicators, periods

FACTOR = 3          # more than 3× or less than 1/3 of the predecessors' figure ...
MIN_DIFFERENCE = 10  # ... and at least this far from it

_OTHER_ERA_SQL = """
SELECT l.code, l.name, l.valid_to IS NOT NULL AS old, s.code, s.name,
       (SELECT string_agg(format(?, p.name, p.code), ', ' ORDER BY p.code) FROM localities p
        WHERE p.successor_id = l.locality_id AND p.level = l.level)
FROM localities l LEFT JOIN localities s ON s.locality_id = l.successor_id
WHERE list_contains(?, l.code)
  AND (l.valid_to = DATE '2025-06-30' OR l.valid_from = DATE '2025-07-01')"""

_PREDECESSORS_SQL = """
WITH wanted AS (SELECT * FROM wanted_firsts),
preds AS (
    SELECT w.locality_id, w.indicator_code, w.year, w.quarter, p.locality_id AS pred
    FROM wanted w JOIN localities n ON n.locality_id = w.locality_id
    JOIN localities p ON p.successor_id = n.locality_id AND p.level = n.level
    WHERE n.valid_from = DATE '2025-07-01'),
theirs AS (
    SELECT pr.locality_id, pr.indicator_code, pr.year AS for_year, pr.quarter AS for_quarter,
           f.year, f.quarter, sum(f.numerator) AS numerator, sum(f.denominator) AS denominator
    FROM preds pr JOIN current_figures f ON f.locality_id = pr.pred AND f.indicator_code = pr.indicator_code
    WHERE (f.year, f.quarter) < (pr.year, pr.quarter)
    GROUP BY ALL)
SELECT locality_id, indicator_code, for_year, for_quarter, year, quarter, numerator, denominator
FROM theirs
QUALIFY row_number() OVER (PARTITION BY locality_id, indicator_code, for_year, for_quarter
                           ORDER BY (year = for_year - 1 AND quarter = for_quarter) DESC, year DESC, quarter DESC) = 1"""


def other_era_codes(con: duckdb.DuckDBPyConnection, wanted: list[tuple[list[str], int, int]]) -> list[str | None]:
    """For codes that match no unit in their quarter (each: the code's candidate spellings, year, quarter): why
    they do exist in the other era and what to write instead (a message's tail), or None. One read."""
    found: dict[str, list[tuple]] = {}
    codes = sorted({code for candidates, _, _ in wanted for code in candidates})
    for row in (con.execute(_OTHER_ERA_SQL, [REFORM["unit_code"], codes]).fetchall() if codes else []):
        found.setdefault(row[0], []).append(row)
    return [_other_era(found, candidates, year, quarter) for candidates, year, quarter in wanted]


def _other_era(found, candidates: list[str], year: int, quarter: int) -> str | None:
    new_era = periods.after_reform(year, quarter)
    for code, name, old, successor_code, successor_name, predecessors in (
            row for candidate in candidates for row in found.get(candidate, [])):
        if old and new_era:
            use = (MSG["era_use_successor"].format(name=successor_name, code=successor_code)
                   if successor_code else "")
            return MSG["era_old_code"].format(name=name, code=code, quarter=quarter, year=year, use=use)
        if not old and not new_era:
            use = MSG["era_use_predecessors"].format(names=predecessors) if predecessors else ""
            return MSG["era_new_code"].format(name=name, code=code, quarter=quarter, year=year, use=use)
    return None


def far_from_predecessors(con: duckdb.DuckDBPyConnection,
                          firsts: list[tuple[str, str, int, int, int, int | None, str]]) -> list[str]:
    """Warnings for new units' first figures of an indicator: firsts are (locality_id, indicator, year, quarter,
    numerator, denominator, where) of figures whose unit has none of that indicator before."""
    if not firsts:
        return []
    wanted = pd.DataFrame([f[:4] for f in firsts], columns=["locality_id", "indicator_code", "year", "quarter"])
    cur = con.cursor()
    cur.register("wanted_firsts", wanted)
    theirs = {tuple(row[:4]): row[4:] for row in cur.execute(_PREDECESSORS_SQL).fetchall()}
    names = dict(cur.execute("SELECT locality_id, format(?, name, code) FROM localities "
                             "WHERE list_contains(?, locality_id)",
                             [REFORM["unit_code"], sorted({k[0] for k in theirs})]).fetchall())
    cur.close()
    indicator_names, out = {code: i.name for code, i in indicators.indicators(con).items()}, []
    for loc, indicator, year, quarter, numerator, denominator, where in firsts:
        found = theirs.get((loc, indicator, year, quarter))
        if found is None:
            continue
        p_year, p_quarter, p_numerator, p_denominator = found
        for column, mine, before in (("numerator", numerator, p_numerator), ("denominator", denominator, p_denominator)):
            if mine is not None and before is not None and wildly_apart(mine, before):
                out.append(MSG["warn_far_from_predecessors"].format(
                    where=where, unit=names.get(loc, loc), indicator=indicator_names.get(indicator, indicator), column=MSG[f"era_{column}"],
                    value=mine, quarter=quarter, year=year, previous=before,
                    previous_quarter=p_quarter, previous_year=p_year))
    return out


def wildly_apart(value: int, before: int) -> bool:
    return abs(value - before) >= MIN_DIFFERENCE and (value > FACTOR * before or FACTOR * value < before)
