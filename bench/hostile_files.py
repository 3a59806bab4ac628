"""Peak memory and time of refusing each hostile workbook (tests/hostile_files.py).

Each file is checked in its own subprocess (loader.check: file checks, extent guard, reading,
validation against a small database), so one file's memory cannot hide behind another's. Prints, per
file: its size, the wall and CPU time of the check (CPU time tells the cost on a busy machine), the
child's peak RSS (VmHWM; Python, duckdb and pandas loaded account for the baseline, printed first for
a valid one-row file) and the start of the message.
Goal: every refusal under ~3 s and ~300 MB.  Run: python3 bench/hostile_files.py [--only NAME ...]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile_files  # noqa: E402

CHILD = """
import datetime as dt, json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from etl.storage import db
from etl.intake import loader
con = db.connect(Path({db!r}))
start, cpu = time.perf_counter(), time.process_time()
checked = loader.check(con, Path({path!r}), dt.date(2026, 11, 23))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({{"seconds": seconds, "cpu": cpu, "rss_mb": peak / 1024,
                   "message": checked.problems[0].message if checked.problems else "(accepted)"}}))
"""


def make_db(folder: Path) -> Path:
    from etl.model import catalog, localities
    from etl.storage import db
    from tests.conftest import write_tree
    path = folder / "bench.duckdb"
    con = db.connect(path)
    localities.load(con, write_tree(folder / "tree.csv"))
    catalog.load(con, catalog.read_indicators(), [])
    con.close()
    return path


def run(database: Path, path: Path) -> dict:
    code = CHILD.format(root=str(ROOT), db=str(database), path=str(path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": float("nan"), "cpu": float("nan"), "rss_mb": float("nan"),
                "message": f"EXIT {done.returncode}: {last}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    cases = {"(valid one-row file)": lambda p: hostile_files.workbook(p), **hostile_files.ALL}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        database = make_db(folder)
        print(f"{'file':30} {'size':>9} {'check':>8} {'CPU':>8} {'peak RSS':>9}  message")
        for name, build in cases.items():
            if args.only and name not in args.only:
                continue
            path = build(folder / f"{name.strip('()').replace(' ', '-').replace('^', '')}.xlsx")
            result = run(database, path)
            print(f"{name:30} {path.stat().st_size / 1024:7.0f} KB {result['seconds']:6.2f} s "
                  f"{result['cpu']:6.2f} s {result['rss_mb']:6.0f} MB  {result['message'][:90]}")
            path.unlink()


if __name__ == "__main__":
    main()
