"""National-scale cost of each page's data (dashboard/queries.py), as the pages ask for it.

Builds the database of bench/national_attainment.py (every commune-level unit of Vietnam before
the 2025 reform under a national root, 20 indicators, 5 years of quarterly returns, a plan with one
target per indicator), then prints the median time of each page's query at national, province and
commune level, and what a load pays to keep the analytics table current.
Run: python3 bench/pages.py [--years 5] [--runs 7]
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard import queries  # noqa: E402
from etl import analytics  # noqa: E402
from national_attainment import arguments, median_ms, national  # noqa: E402

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


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        con = national(folder, args.years)
        print(f"{'page':20s} {'level':38s} {'median':>9s}")
        worst = 0.0
        for page, query in PAGES.items():
            for label, unit in LEVELS:
                view = queries.View("bench", 2024, 4, unit)
                ms = median_ms(lambda: query(con.cursor(), view), args.runs)
                worst = max(worst, ms)
                print(f"{page:20s} {label:38s} {ms:7.1f} ms")
        print(f"slowest page query: {worst:.1f} ms (budget 200 ms)")
        ms = median_ms(lambda: analytics.refresh(con, [2024]), 3)
        print(f"load: refreshing the analytics table for one year: {ms:,.0f} ms")
        con.close()


if __name__ == "__main__":
    main()
