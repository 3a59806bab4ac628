"""Administrative units: loading data/localities.csv, the ancestor closure, resolving a code at a date."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from etl.model.periods import QUARTER_END_SQL, QUARTER_START_SQL
from etl.storage import analytics, db

LOCALITIES_CSV = Path(__file__).resolve().parents[2] / "data" / "localities.csv"
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "neighbourhood": 3}


def load(con: duckdb.DuckDBPyConnection, csv_path: Path = LOCALITIES_CSV) -> int:
    """Replace the locality tables with the CSV's content (caller owns the transaction)."""
    con.execute("DELETE FROM locality_closure")
    con.execute("DELETE FROM localities")
    con.execute(
        """INSERT INTO localities
           SELECT locality_id, code, name, level, unit_type, NULLIF(parent_id, ''),
                  TRY_CAST(NULLIF(valid_from, '') AS DATE), TRY_CAST(NULLIF(valid_to, '') AS DATE),
                  NULLIF(successor_id, ''), local_code = 1
           FROM read_csv(?, header = true, all_varchar = true)""",
        [str(csv_path)],
    )
    con.execute(
        """INSERT INTO locality_closure
           WITH RECURSIVE up(locality_id, ancestor_id, depth) AS (
               SELECT locality_id, locality_id, 0 FROM localities
               UNION ALL
               SELECT up.locality_id, l.parent_id, up.depth + 1
               FROM up JOIN localities l ON l.locality_id = up.ancestor_id
               WHERE l.parent_id IS NOT NULL)
           SELECT * FROM up"""
    )
    analytics.refresh(con)
    return db.one(con, "SELECT count(*) FROM localities")[0]


def resolve_codes(con: duckdb.DuckDBPyConnection, code_quarters: list[tuple[str, int, int]]) -> dict:
    """Map (code, year, quarter) -> locality_id of the unit with that code valid during the quarter."""
    if not code_quarters:
        return {}
    wanted = pd.DataFrame(sorted(set(code_quarters)), columns=["code", "year", "quarter"])
    cur = con.cursor()
    cur.register("wanted_codes", wanted)
    found = cur.execute(
        f"""WITH w AS (SELECT code, year, quarter, {QUARTER_START_SQL.format(year='year', quarter='quarter')} AS q_start,
                              {QUARTER_END_SQL.format(year='year', quarter='quarter')} AS q_end FROM wanted_codes)
           SELECT w.code, w.year, w.quarter, l.locality_id FROM w JOIN localities l ON l.code = w.code
           WHERE valid_during(l.valid_from, l.valid_to, w.q_start, w.q_end)
           QUALIFY row_number() OVER (PARTITION BY w.code, w.year, w.quarter ORDER BY l.valid_from DESC NULLS LAST) = 1"""
    ).fetchall()
    cur.close()
    return {(c, y, q): loc for c, y, q, loc in found}


def resolve(con: duckdb.DuckDBPyConnection, code: str, year: int, quarter: int = 4) -> str | None:
    """A user-typed code (or a full locality_id) to the locality_id valid in that year/quarter."""
    cur = con.cursor()
    if db.one(cur, "SELECT 1 FROM localities WHERE locality_id = ?", [code]):
        return code
    return resolve_codes(con, [(code, year, quarter)]).get((code, year, quarter))
