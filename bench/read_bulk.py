"""How fast a large bulk return is read and validated.

Writes a bulk sheet of N rows (commune x indicator x quarter, real codes), then prints the time to
read its cells with openpyxl (read-only) and with python-calamine, and the time of the whole check
the loader runs before writing (file checks, reading, personal-data scan, validation against the
database).  Run: python3 bench/read_bulk.py [--rows 100000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import python_calamine  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from etl.intake import loader, xlsx_guard
from etl.labels_vi import BULK_COLUMNS  # noqa: E402
from etl.model import bootstrap  # noqa: E402
from etl.storage import db

INDICATORS = [("establishments_inspected", True), ("tipoffs_handled", True), ("crimes_handled", False),
              ("students_reached", True), ("new_hotspots", False)]


def write(path: Path, con, rows: int, notes: bool = False) -> None:
    """A bulk sheet of `rows` rows (commune x indicator x quarter, real codes); with `notes`, a different note
    on every row. bench/bulk.py writes its file with it too."""
    communes = [c for (c,) in con.execute("SELECT code FROM localities WHERE level = 'commune' "
                                          "AND locality_id LIKE '%@pre2025' ORDER BY code").fetchall()]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(["BÁO CÁO TỔNG HỢP"])
    sheet.append(list(BULK_COLUMNS.values()))
    n = 0
    for quarter in (1, 2, 3, 4):
        for code in communes:
            for indicator, share in INDICATORS:
                if n == rows:
                    break
                note = f"Kiểm tra đợt {n} theo kế hoạch liên ngành" if notes else None
                sheet.append([code, 2024, quarter, indicator, quarter * 3, 40 if share else None, note])
                n += 1
    workbook.save(path)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        con = db.connect(Path(folder) / "b.duckdb")
        bootstrap.initialise(con)
        path = Path(folder) / "bulk.xlsx"
        seconds, _ = timed(lambda: write(path, con, args.rows))
        print(f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in {seconds:.1f} s")
        seconds, _ = timed(lambda: sum(1 for _ in load_workbook(path, read_only=True)["Dữ liệu"].iter_rows(values_only=True)))
        print(f"read cells, openpyxl read-only:  {seconds:6.2f} s")
        seconds, _ = timed(lambda: python_calamine.CalamineWorkbook.from_path(str(path))
                           .get_sheet_by_name("Dữ liệu").to_python())
        print(f"read cells, python-calamine:     {seconds:6.2f} s")
        cpu = time.process_time()
        seconds, refused = timed(lambda: xlsx_guard.check(path))
        cpu = time.process_time() - cpu
        assert not refused, refused
        print(f"extent and declaration scan:     {seconds:6.2f} s ({cpu:.2f} s CPU; part of the whole check)")
        cpu = time.process_time()
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Dữ liệu").to_python()
        print(f"  (calamine's read, for comparison: {time.process_time() - cpu:.2f} s CPU)")
        seconds, checked = timed(lambda: loader.check(con, path, dt.date(2026, 11, 23)))
        assert not checked.problems, checked.problems[:3]
        print(f"whole check before writing:      {seconds:6.2f} s ({len(checked.records):,} figures, "
              f"{len(checked.warnings)} warnings)")
        seconds, report = timed(lambda: loader.load_file(con, path, "bench", today=dt.date(2026, 11, 23)))
        print(f"check + write in one transaction: {seconds:6.2f} s ({report.rows:,} figures written)")
        con.close()


if __name__ == "__main__":
    main()
