"""What the personal-data scan costs, and whether the `phonenumbers` library would find more phones.

1. Writes a bulk sheet of N rows, each with a note taken from the legitimate corpus (tests/privacy_corpus.py)
   plus a row-specific number so that no two notes are alike, then prints the time to read the cells and
   the time of the whole workbook scan (cells, comments, sheet names, properties, file name).
2. Times the slowest single cells a hostile office could send (32 000 characters each).
3. Runs `phonenumbers.PhoneNumberMatcher(text, "VN")` (if installed) over both corpora and prints how many
   phone cases it finds and how many legitimate notes it would refuse, next to the scanner's own figures.

Run: python3 bench/personal_data_scan.py [--rows 100000]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import python_calamine  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from etl.intake import workbook_privacy  # noqa: E402
from etl.intake.personal_data import find  # noqa: E402
from etl.labels_vi import BULK_COLUMNS  # noqa: E402
from tests.privacy_corpus import LEGITIMATE, PERSONAL  # noqa: E402


def write(path: Path, rows: int) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(list(BULK_COLUMNS.values()))
    for n in range(rows):
        note = f"{LEGITIMATE[n % len(LEGITIMATE)]} (đợt {n})"
        sheet.append([f"{10000 + n % 9000}", 2024, 1 + n % 4, "tipoffs_handled", 3, 4, note])
    workbook.save(path)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def scan_cost(rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bulk.xlsx"
        write(path, rows)
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        read_s, grid = timed(lambda: workbook.get_sheet_by_name("Dữ liệu").to_python(skip_empty_area=False))
        scan_s, problems = timed(lambda: workbook_privacy.scan(path, path.name, [("Dữ liệu", grid)]))
        print(f"{rows} rows, each with a different note ({path.stat().st_size / 1048576:.1f} MB)")
        print(f"  read cells (python-calamine): {read_s:.2f} s")
        print(f"  personal-data scan of the workbook: {scan_s:.2f} s ({len(problems)} findings)")


def phone_library() -> None:
    phones = [t for t, kind in PERSONAL if kind == "phone"]
    ours_found = sum("phone" in find(t) for t in phones)
    ours_false = sum("phone" in find(t) for t in LEGITIMATE)
    print(f"phones: scanner finds {ours_found}/{len(phones)}, calls {ours_false}/{len(LEGITIMATE)} legitimate notes a phone")
    try:
        import phonenumbers
    except ImportError:
        print("  phonenumbers not installed: pip install phonenumbers to compare")
        return

    def library(text: str) -> bool:
        return any(True for _ in phonenumbers.PhoneNumberMatcher(text, "VN"))
    found = [t for t in phones if library(t)]
    false = [t for t in LEGITIMATE if library(t)]
    missed_by_us = [t for t in phones if library(t) and "phone" not in find(t)]
    print(f"  phonenumbers {phonenumbers.__version__}: finds {len(found)}/{len(phones)}, "
          f"calls {len(false)}/{len(LEGITIMATE)} legitimate notes a phone, finds {len(missed_by_us)} the scanner misses")
    for t in false:
        print(f"    false alarm: {t}")
    for t in phones:
        if t not in found:
            print(f"    missed: {t}")


HOSTILE = {  # one 32 000-character cell each (Excel's limit is 32 767)
    "one long word then @": "a" * 32000 + "@",
    "(at) then a long word": "(at)" + "a" * 32000,
    "@ repeated": "@" * 32000,
    "a@ repeated": "a@" * 16000,
    "digits and spaces": "1 " * 16000,
    "one long number": "0" * 32000,
    "a surname repeated": "Nguyễn " * 4571,
    "pointing words repeated": "đối tượng " * 3200,
    "sinh repeated, a year": "sinh " * 6400 + "1990",
    "số repeated": "số " * 10666,
}


def hostile_cells() -> None:
    """The slowest single cell an office can send: each text must take milliseconds, not seconds."""
    for label, text in HOSTILE.items():
        seconds, _ = timed(lambda: find(text + " "))  # a fresh text: the cache does not answer
        print(f"  hostile cell, {label}: {seconds * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    scan_cost(args.rows)
    hostile_cells()
    phone_library()


if __name__ == "__main__":
    main()
