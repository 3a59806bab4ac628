"""What a kept login costs: the check a click makes (is_live, one primary-key read) and the check a
reload or new tab makes (account_of: signature, row, account), on a table of N saved logins.
Run: python3 bench/login_tokens.py [--rows 20000]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.access import accounts, login_tokens  # noqa: E402
from etl.storage import db


def timed(fn, repeat: int = 200) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    key = b"k" * 32
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "bench.duckdb")
        con.execute("INSERT INTO users (username, role, locality_id, disabled, created_at, changed_at) "
                    "VALUES ('lanhdao', 'leader', NULL, FALSE, now(), now())")
        account = accounts.get(con, "lanhdao")
        start = time.perf_counter()
        con.execute("BEGIN")
        for _ in range(args.rows - 1):
            login_tokens.issue(con, key, account, 8)
        con.execute("COMMIT")
        issue_ms = (time.perf_counter() - start) * 1000 / max(args.rows - 1, 1)
        token, _ = login_tokens.issue(con, key, account, 8)
        live = timed(lambda: login_tokens.is_live(con, token))
        restore = timed(lambda: login_tokens.account_of(con, key, token, idle_minutes=30))
        print(f"{args.rows} saved logins: issue {issue_ms:.2f} ms each; a click's check (is_live) {live:.2f} ms; "
              f"a reload's check (account_of) {restore:.2f} ms (medians of 200)")
        con.close()


if __name__ == "__main__":
    main()
