"""What secondary suppression (etl/engine/privacy.py) costs, and how much it hides.

Builds the national database of bench/national_attainment.py (its person counts are 0–39, so many
are below 5), then, for the units below the national root, a province and a district, times the
engine's judging of every unit's 20 targets (`evaluate_many`, no account) and, apart, the masking
step that an account's view adds (`privacy.suppress`: primary and secondary suppression, reading
the groups' figures), for the admin and for a leader of the unit; and counts the hidden cells.
Run: python3 bench/small_numbers.py [--years 1] [--runs 5]
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_attainment import arguments, median_ms, national  # noqa: E402

from etl.access.scope import EVERYTHING, Scope  # noqa: E402
from etl.engine import (
    areas,  # noqa: E402
    attainment,
    privacy,
)

TODAY = dt.date(2025, 3, 1)
LEVELS = [("national (63 provinces)", "VN"), ("province Thanh Hóa (27 districts)", "38@pre2025"),
          ("district Bình Lục (communes)", "352@pre2025")]


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        con = national(folder, args.years)
        print(f"{'units below':36s} {'judge':>9s} {'mask: admin':>12s} {'leader':>9s}   hidden <5 / to protect")
        for label, unit in LEVELS:
            kids = [u.locality_id for u in areas.children(con, unit, 2024, 4)]
            judge = median_ms(lambda: attainment.evaluate_many(con, "bench", 2024, 4, kids, TODAY), args.runs)
            cells = {(k, 2024, 4): rs for k, rs in attainment.evaluate_many(con, "bench", 2024, 4, kids, TODAY).items()}
            masks = [median_ms(lambda: privacy.suppress(con.cursor(), cells, scope), args.runs)
                     for scope in (EVERYTHING, Scope(unit))]
            shown = [r for rs in privacy.suppress(con, cells, Scope(unit)).values() for r in rs if r.suppressed]
            small = sum(1 for r in shown if not r.secondary)
            print(f"{label:36s} {judge:6.1f} ms {masks[0]:9.1f} ms {masks[1]:6.1f} ms   "
                  f"{small} / {len(shown) - small} of {sum(len(rs) for rs in cells.values())} results")
        con.close()


if __name__ == "__main__":
    main()
