"""The 100 000-row bulk file through the real load path, step by step, against openpyxl + pandas.

Writes a bulk sheet of N rows (commune x indicator x quarter, real codes, optionally a different note on
every row), then loads it with `loader.load_file` into a fresh database while each step of the path is
timed by wrapping the function the path calls (wall and process CPU time, all threads; CPU is the figure
to compare on a shared machine): file checks, the hostile-file guard, calamine's read, formulas and
hidden rows, the personal-data scan, finding the rows, validation (parsing the cells, resolving codes,
duplicates, history, warnings), the changes, the write and the analytics refresh. Then it reads the same
file with pandas on openpyxl (`pd.read_excel(engine="openpyxl")`, reading alone) and prints the ratios.

Run: python3 bench/bulk.py [--rows 100000] [--notes] [--repeat 3]
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from read_bulk import write  # noqa: E402  (bench/ is the script's folder: the same sheet as bench/read_bulk.py)

from etl.intake import corrections, excel, loader, validate
from etl.model import bootstrap
from etl.storage import analytics, db

SHEET = "Dữ liệu"
TODAY = dt.date(2026, 11, 23)

# (label, module, function name): each step of the path, in the order the path calls them
STEPS = [
    ("file checks (size, zip, macros)", excel, "check_file"),
    ("hostile-file guard (every XML part)", excel.xlsx_guard, "check"),
    ("formulas without a cached value", excel, "formulas_without_value"),
    ("hidden rows and columns", excel.sheet_layout, "hidden"),
    ("personal-data scan (every text)", excel.workbook_privacy, "scan"),
    ("finding the figure rows", excel, "_sheet_rows"),
    ("excel.read (calamine read + the above)", loader.excel, "read"),
    ("  validate: resolve codes", validate, "_resolve_localities"),
    ("  validate: scope", validate, "_within_scope"),
    ("  validate: duplicates", validate, "_unique"),
    ("  validate: history", validate, "_history"),
    ("  validate: year-to-date checks", validate, "_ytd_decreases"),
    ("  validate: untracked indicators", validate, "_untracked"),
    ("  validate: unusual figures", validate, "_unusual"),
    ("  validate: first after the reform", validate, "_first_after_reform"),
    ("validate (cells, codes, warnings)", loader, "validate"),
    ("check (everything before writing)", loader, "check"),
    ("  changes (figure by figure)", corrections, "changes"),
    ("  analytics refresh (touched units)", analytics, "refresh_touched"),
    ("write (versions, figures, refresh)", loader, "_write"),
    ("load_file (check + write, one transaction)", loader, "load_file"),
]


class Clock:
    """Wall and CPU seconds per step, summed over calls (a step a function calls for each sheet adds up)."""

    def __init__(self):
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    def wrap(self, label: str, module, name: str):
        original = getattr(module, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                result = original(*args, **kwargs)
                if name == "_sheet_rows":  # a generator: its time is spent while it is consumed
                    result = list(result)
                return result
            finally:
                self.wall[label] += time.perf_counter() - wall
                self.cpu[label] += time.process_time() - cpu
        setattr(module, name, timed)
        return lambda: setattr(module, name, original)


def one_load(rows: int, notes: bool, folder: Path) -> tuple[Clock, Path]:
    con = db.connect(folder / f"b{time.monotonic_ns()}.duckdb")
    bootstrap.initialise(con)
    path = folder / "bulk.xlsx"
    if not path.exists():
        write(path, con, rows, notes)
    clock = Clock()
    undo = [clock.wrap(*step) for step in STEPS]
    try:
        report = loader.load_file(con, path, "bench", today=TODAY)
    finally:
        for restore in reversed(undo):
            restore()
        con.close()
    assert report.loaded and not report.problems, report.problems[:3]
    return clock, path


def baseline(path: Path) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_excel(path, sheet_name=SHEET, header=1, engine="openpyxl")
    assert len(frame) > 0
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--notes", action="store_true", help="a different note on every row")
    parser.add_argument("--repeat", type=int, default=3, help="loads (each into a fresh database); medians shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clocks = []
        for _ in range(args.repeat):
            clock, path = one_load(args.rows, args.notes, folder)
            clocks.append(clock)
        print(f"{args.rows:,} rows{' each with a different note' if args.notes else ''} "
              f"({path.stat().st_size / 1e6:.1f} MB), median of {args.repeat} loads into a fresh database:")
        print(f"{'step':46} {'wall s':>7} {'CPU s':>7}")
        for label, *_ in STEPS:
            wall = statistics.median(c.wall[label] for c in clocks)
            cpu = statistics.median(c.cpu[label] for c in clocks)
            print(f"{label:46} {wall:7.2f} {cpu:7.2f}")
        total_wall = statistics.median(c.wall[STEPS[-1][0]] for c in clocks)
        total_cpu = statistics.median(c.cpu[STEPS[-1][0]] for c in clocks)
        runs = [baseline(path) for _ in range(args.repeat)]
        base_wall = statistics.median(w for w, _ in runs)
        base_cpu = statistics.median(c for _, c in runs)
        print(f"{'TOTAL check + write (load_file)':46} {total_wall:7.2f} {total_cpu:7.2f}")
        print(f"{'openpyxl + pandas, reading alone':46} {base_wall:7.2f} {base_cpu:7.2f}")
        print(f"ratio (openpyxl + pandas / check + write): wall {base_wall / total_wall:.1f}x, "
              f"CPU {base_cpu / total_cpu:.1f}x")


if __name__ == "__main__":
    main()
