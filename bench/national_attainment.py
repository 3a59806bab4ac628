"""National-scale cost of the attainment engine.

Builds (in a temporary file) every commune-level unit of Vietnam before the 2025 reform under a
national root, 20 indicators, 5 years of quarterly returns for every commune, and a plan with one
target per indicator; then prints the median time of `attainment.evaluate` at national, province and
commune level.  Run: python3 bench/national_attainment.py [--years 5] [--runs 7]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.engine import attainment
from etl.model import catalog, localities
from etl.model.catalog import Plan, Target  # noqa: E402
from etl.storage import (
    analytics,  # noqa: E402
    db,
)

RULE = {"share": "at_least", "count": "range", "qualitative": "qualitative"}


def build(path: Path, years: int) -> tuple[int, int]:
    con = db.connect(path)
    localities.load(con)
    con.execute("INSERT INTO localities VALUES ('VN', 'VN', 'Toàn quốc', 'province', '', NULL, NULL, NULL, NULL, FALSE)")
    con.execute("UPDATE localities SET parent_id = 'VN' WHERE level = 'province' AND locality_id LIKE '%@pre2025'")
    con.execute("DELETE FROM locality_closure")
    con.execute("""INSERT INTO locality_closure
                   WITH RECURSIVE up(locality_id, ancestor_id, depth) AS (
                       SELECT locality_id, locality_id, 0 FROM localities
                       UNION ALL SELECT up.locality_id, l.parent_id, up.depth + 1
                       FROM up JOIN localities l ON l.locality_id = up.ancestor_id WHERE l.parent_id IS NOT NULL)
                   SELECT * FROM up""")
    indicators = [i for i in catalog.read_indicators() if i["kind"] != "qualitative"][:20]
    targets = [Target(f"bench#{n:02d}", "bench", n, "", i["code"], RULE[i["kind"]], 25.0 if i["kind"] == "share" else 2,
                      4 if i["kind"] == "count" else None, "%" if i["kind"] == "share" else i["unit"], None, None, None,
                      "c") for n, i in enumerate(indicators, start=1)]
    last_year = 2024
    catalog.load(con, catalog.read_indicators(), [Plan("bench", "Bench", "VN", "", last_year - years + 1, last_year,
                                                       None, None, None, targets)])
    # ids from the tables' sequences (not typed in), so that a real upload on this database gets the next ones
    upload_id = con.execute("INSERT INTO uploads (file_name, file_hash, submitted_by, submitted_at, row_count) "
                            "VALUES ('bench', 'h', 'bench', now(), 0) RETURNING upload_id").fetchone()[0]
    con.execute("""INSERT INTO returns (upload_id, locality_id, year, quarter, version, submitted_by, submitted_at)
                   SELECT ?, l.locality_id, y, q, 1, 'bench', now()
                   FROM localities l, range(?, ?) t(y), range(1, 5) s(q)
                   WHERE l.level = 'commune' AND l.locality_id LIKE '%@pre2025'""",
                [upload_id, last_year - years + 1, last_year + 1])
    con.execute("""INSERT INTO figures
                   SELECT r.return_id, i.code, (hash(r.return_id, i.code) % 40)::BIGINT,
                          CASE WHEN i.kind = 'share' THEN 40 + (hash(r.locality_id, i.code) % 20)::BIGINT END, NULL
                   FROM returns r, indicators i WHERE i.kind <> 'qualitative'""")
    analytics.refresh(con)
    counts = con.execute("SELECT (SELECT count(*) FROM returns), (SELECT count(*) FROM figures)").fetchall()[0]
    con.close()
    return counts


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    return parser.parse_args()


def national(folder: str, years: int):
    """Build the national database in `folder`, say how big it is, and open it."""
    path = Path(folder) / "national.duckdb"
    start = time.perf_counter()
    returns, figures = build(path, years)
    print(f"built: {returns:,} returns, {figures:,} figures in {time.perf_counter() - start:.1f} s")
    return db.connect(path)


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        con = national(folder, args.years)
        for label, locality in [("national (10 035 communes)", "VN"), ("province (Thanh Hóa)", "38@pre2025"),
                                ("district (Bình Lục)", "352@pre2025"), ("commune (Vĩnh Lộc)", "15349@pre2025")]:
            for quarter in (2, 4):
                ms = median_ms(lambda: attainment.evaluate(con, "bench", 2024, quarter, locality), args.runs)
                print(f"evaluate 20 targets, {label:28s} Q{quarter}: median {ms:7.1f} ms")
        con.close()


if __name__ == "__main__":
    main()
