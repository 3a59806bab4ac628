"""National-scale cost of each page's data (etl/engine/queries.py), as the pages ask for it.

Builds the database of bench/national_attainment.py (every commune-level unit of Vietnam before
the 2025 reform under a national root, 20 indicators, 5 years of quarterly returns, a plan with one
target per indicator), then prints the median time of each page's query at national, province and
commune level (wall time, and the process's CPU time: on a machine shared with other work the CPU time is
the comparable figure), and what a load pays to keep the analytics table current.
Run: python3 bench/pages.py [--years 5] [--runs 7] [--db PATH (built there once, reused afterwards)]
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

from national_attainment import build, median_ms, national  # noqa: E402

from etl.engine import queries  # noqa: E402
from etl.storage import (
    analytics,  # noqa: E402
    db,
)

TODAY = dt.date(2025, 3, 1)  # 2024 closed, 2024 Q4 returns due
LEVELS = [("national (63 provinces below)", "VN"), ("province (Thanh Hóa, 27 districts)", "38@pre2025"),
          ("commune (Vĩnh Lộc)", "15349@pre2025")]
PAGES = {
    "Tổng quan": lambda con, v: queries.overview(con, v, TODAY),
    "Kế hoạch": lambda con, v: queries.scorecard(con, v, TODAY),
    "Địa bàn": lambda con, v: queries.locality(con, v, "VN", TODAY),
    "Chỉ số": lambda con, v: queries.indicator(con, v, "bench#01", TODAY),
    "Xu hướng": lambda con, v: queries.trend(con, v, "bench#01", TODAY),
    "Tình hình báo cáo": lambda con, v: queries.completeness(con, v, TODAY),
}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="the national database: built there if missing, else reused")
    return parser.parse_args()


def timed(fn, runs: int) -> tuple[float, float]:
    """Median wall time and median process CPU time (all threads), in ms."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def pages(con, runs: int) -> dict[tuple[str, str], tuple[float, float]]:
    """(page, level) -> (median wall ms, median CPU ms) of each page's data function."""
    out = {}
    for page, query in PAGES.items():
        for label, unit in LEVELS:
            view = queries.View("bench", 2024, 4, unit)
            out[(page, label)] = timed(lambda: query(con.cursor(), view), runs)
    return out


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        if args.db and args.db.exists():
            con = db.connect(args.db)
        elif args.db:
            build(args.db, args.years)
            con = db.connect(args.db)
        else:
            con = national(folder, args.years)
        print(f"{'page':20s} {'level':38s} {'wall':>9s} {'CPU':>9s}")
        worst = 0.0
        for (page, label), (wall, cpu) in pages(con, args.runs).items():
            worst = max(worst, wall)
            print(f"{page:20s} {label:38s} {wall:7.1f} ms {cpu:7.1f} ms")
        print(f"slowest page query: {worst:.1f} ms (budget 200 ms)")
        ms = median_ms(lambda: analytics.refresh(con, [2024]), 3)
        print(f"load: refreshing the analytics table for one year: {ms:,.0f} ms")
        con.close()


if __name__ == "__main__":
    main()
