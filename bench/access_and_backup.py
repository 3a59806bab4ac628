"""What issue 13's safeguards cost, on the national database of bench/national_attainment.py (every
pre-2025 commune, 20 indicators, 5 years of quarters) plus 2 000 accounts:

- the check every rerun makes of the session's account (etl/access/sessions.py: one primary-key read);
- `python -m etl backup` (COPY FROM DATABASE into a new file) with nothing holding the file, and the
  same asked of a process that holds it (as the running app does), round trip included;
- `python -m etl restore --yes` of that backup.

Run: python3 bench/access_and_backup.py [--years 5] [--runs 7]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from national_attainment import arguments, median_ms, national  # noqa: E402

from etl.access import accounts, sessions  # noqa: E402
from etl.cli import main as cli
from etl.storage import backup

ROOT = Path(__file__).resolve().parent.parent


def add_accounts(con, n: int) -> accounts.User:
    rows = [(f"canbo.{i:04d}", "leader", "VN") for i in range(n)]
    con.executemany("INSERT INTO users (username, role, locality_id, disabled, created_at, changed_at) "
                    "VALUES (?, ?, ?, FALSE, now(), now())", rows)
    return accounts.get(con, "canbo.0999")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        con = national(folder, args.years)
        user = add_accounts(con, 2000)
        cur = con.cursor()
        print(f"session check (account read, 2 000 accounts): {median_ms(lambda: sessions.ended(cur, user), 201):.2f} ms"
              " (median of 201)")
        path = Path(folder) / "national.duckdb"
        con.execute("CHECKPOINT")
        con.close()
        size = path.stat().st_size / 1e6
        print(f"database file: {size:.0f} MB")
        took = timed(lambda: cli.main(["backup", "--db", str(path), "-o", f"{folder}/b1"]))
        print(f"backup, file free: {took:.1f} s ({(Path(folder) / 'b1' / backup.FILE).stat().st_size / 1e6:.0f} MB)")
        holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import time
            from etl.storage import backup
            from etl.storage import db
            con = db.connect(r'{path}')
            backup.serve(con, r'{path}')
            print('holding', flush=True)
            time.sleep(600)""")], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        holder.stdout.readline()
        took = timed(lambda: cli.main(["backup", "--db", str(path), "-o", f"{folder}/b2", "--wait", "600"]))
        print(f"backup made by the process holding the file (app), round trip: {took:.1f} s")
        holder.kill()
        holder.wait()
        took = timed(lambda: cli.main(["restore", f"{folder}/b1", "--db", str(path), "--yes"]))
        print(f"restore --yes (checks the backup, keeps the old file, migrates): {took:.1f} s")


if __name__ == "__main__":
    main()
