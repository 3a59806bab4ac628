"""Quarter end for the whole country: commune after commune sends its Q4 return.

On the national database of bench/national_attainment.py (every commune-level unit before the 2025
reform under a national root, 20 indicators, 5 years), loads one commune file after another through the
real load path (`loader.load_file`: read, check, write, refresh the analytics rows it touches, one
transaction each), 20 indicators each, as corrections of 2024 Q4 (Q1-Q3 already in). Prints the median
and p95 time per upload (wall and CPU), the time inside the analytics refresh, and the total; then checks that the
incremental refreshes left the table exactly as a full refresh makes it.
Run: python3 bench/quarter_end.py [--communes 300] [--years 5]   (--communes 3321 for the full run)
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_attainment import national  # noqa: E402

from etl.cli.demo import write_bulk  # noqa: E402
from etl.intake import loader
from etl.storage import analytics  # noqa: E402

TODAY = dt.date(2025, 1, 10)
YEAR, QUARTER = 2024, 4


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    return parser.parse_args()


def files(con, folder: Path, count: int) -> list[Path]:
    """One bulk file per commune (spread over the country), 20 indicators each, figures changed."""
    communes = [r[0] for r in con.execute(
        "SELECT code FROM localities WHERE level = 'commune' AND locality_id LIKE '%@pre2025' ORDER BY code")
        .fetchall()]
    step = max(1, len(communes) // count)
    indicators = con.execute("SELECT DISTINCT f.indicator_code, i.kind FROM figures f "
                             "JOIN indicators i ON i.code = f.indicator_code ORDER BY 1").fetchall()
    out = []
    for n, code in enumerate(communes[::step][:count]):
        rows = [(code, YEAR, QUARTER, ind, 41 + n % 7, 60 + n % 5 if kind == "share" else None)
                for ind, kind in indicators]
        path = folder / f"{code}.xlsx"
        write_bulk(path, rows)
        out.append(path)
    return out


def timed_refresh(con):
    """Wrap analytics.refresh_touched to add up the time it takes."""
    spent = []
    original = analytics.refresh_touched

    def refresh_touched(cur, touched):
        start = time.perf_counter()
        original(cur, touched)
        spent.append(time.perf_counter() - start)
    analytics.refresh_touched = refresh_touched
    return spent


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        con = national(folder, args.years)
        paths = files(con, Path(folder), args.communes)
        refresh = timed_refresh(con)
        times, cpu = [], []
        total = time.perf_counter()
        for path in paths:
            start, start_cpu = time.perf_counter(), time.process_time()
            report = loader.load_file(con, path, "bench", today=TODAY)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if not report.loaded:
                raise SystemExit(f"{path.name} not loaded: {[p.message for p in report.problems][:3]}")
        total = time.perf_counter() - total
        print(f"{len(times)} commune uploads (20 figures each, {YEAR} Q{QUARTER}):")
        print(f"  per upload: median {statistics.median(times) * 1000:,.0f} ms, p95 {p95(times) * 1000:,.0f} ms"
              f" (CPU of this process, all threads: median {statistics.median(cpu) * 1000:,.0f} ms,"
              f" p95 {p95(cpu) * 1000:,.0f} ms; the machine may be shared, CPU time is the cost itself)")
        print(f"  of which the analytics refresh: median {statistics.median(refresh) * 1000:,.0f} ms")
        print(f"  total {total:,.1f} s; for 3 321 communes at this median: "
              f"{statistics.median(times) * 3321 / 60:,.1f} min")
        start = time.perf_counter()
        con.execute("CREATE TEMP TABLE full_year AS SELECT * FROM compute_area_figures([?::INTEGER])", [YEAR])
        full = con.execute("SELECT (SELECT count(*) FROM (FROM full_year EXCEPT ALL FROM area_figures WHERE year = ?))"
                           " + (SELECT count(*) FROM (FROM area_figures WHERE year = ? EXCEPT ALL FROM full_year))",
                           [YEAR, YEAR]).fetchone()[0]
        print(f"full refresh of {YEAR} for comparison: {(time.perf_counter() - start) * 1000:,.0f} ms; "
              f"rows differing from the incremental table: {full}")
        con.close()


if __name__ == "__main__":
    main()
