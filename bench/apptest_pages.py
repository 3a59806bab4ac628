"""Server CPU per page view at national scale: each monitoring page run whole (app.py, login gate, sidebar,
the page, its charts and tables) through Streamlit's AppTest, as an admin (the national view) and as the
leader of one province.

Uses the national database of bench/pages.py (built there once if missing: minutes). For each account and
page: one cold run (Streamlit's data caches cleared first), then `--runs` warm reruns of the same view; prints
the process CPU time (`time.process_time`: every thread, DuckDB's included) and the wall time of each
`at.run()`, median and p95. On a shared machine compare the CPU figures. AppTest's own handling of the
page's messages is inside the figure.
Run: python3 bench/apptest_pages.py --db /tmp/national.duckdb [--runs 9] [--page overview] [--profile DIR]
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import logging
import math
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PAGES = ["overview", "plan", "locality", "indicator", "trend", "completeness"]
ACCOUNTS = {"admin": ("bench-admin", "admin", None), "leader": ("bench-leader-38", "leader", "38@pre2025")}
VIEW = {"plan": "bench", "year": "2024", "q": "4"}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True, help="the national database (bench/pages.py builds it)")
    parser.add_argument("--years", type=int, default=5, help="years of returns when building the database")
    parser.add_argument("--runs", type=int, default=9, help="warm reruns per page (after the cold one)")
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages (repeatable)")
    parser.add_argument("--account", action="append", choices=list(ACCOUNTS), help="only these accounts")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the warm runs of each page here")
    return parser.parse_args()


def p95(values: list[float]) -> float:
    """The 95th percentile, interpolated between the two nearest runs."""
    ordered = sorted(values)
    rank = 0.95 * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed_run(at) -> tuple[float, float]:
    """(CPU ms, wall ms) of one rerun of the page."""
    cpu, wall = time.process_time(), time.perf_counter()
    at.run()
    out = (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000
    assert not at.exception, at.exception
    return out


@contextlib.contextmanager
def profiled(out: Path | None):
    """cProfile of the page's script thread (where AppTest runs app.py) and of this thread (AppTest reading
    the page's messages), written together to `out`."""
    if out is None:
        yield
        return
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner
    script, here = cProfile.Profile(), cProfile.Profile()
    plain = LocalScriptRunner._run_script_thread

    def run_profiled(runner):
        script.enable()
        try:
            plain(runner)
        finally:
            script.disable()
    LocalScriptRunner._run_script_thread = run_profiled
    here.enable()
    try:
        yield
    finally:
        here.disable()
        LocalScriptRunner._run_script_thread = plain
        out.parent.mkdir(parents=True, exist_ok=True)
        stats = pstats.Stats(script)
        stats.add(here)
        stats.dump_stats(out)


def measure(page: str, account, runs: int, profile: Path | None) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.apptest import APP, stored_account
    logging.disable(logging.WARNING)  # no "missing ScriptRunContext": the session is set up outside a run
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["user"] = stored_account(account)
    for key, value in VIEW.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py")
    st.cache_data.clear()
    logging.disable(logging.NOTSET)
    cold = timed_run(at)
    with profiled(profile / f"{page}-{account.role}.prof" if profile else None):
        warm = [timed_run(at) for _ in range(runs)]
    cpu, wall = [c for c, _ in warm], [w for _, w in warm]
    return {"cold_cpu": cold[0], "cold_wall": cold[1], "cpu_median": statistics.median(cpu), "cpu_p95": p95(cpu),
            "wall_median": statistics.median(wall), "wall_p95": p95(wall)}


def main() -> None:
    args = arguments()
    if not args.db.exists():
        from national_attainment import build
        build(args.db, args.years)
    os.environ["PCMD_DB"] = str(args.db)
    from etl.access import accounts
    print(f"{'account':8s} {'page':13s} {'cold CPU':>9s} {'CPU med':>8s} {'CPU p95':>8s} {'wall med':>9s} "
          f"{'wall p95':>9s}   (ms; {args.runs} warm runs)")
    for role in args.account or list(ACCOUNTS):
        account = accounts.User(*ACCOUNTS[role])
        for page in args.page or PAGES:
            m = measure(page, account, args.runs, args.profile)
            print(f"{role:8s} {page:13s} {m['cold_cpu']:9.0f} {m['cpu_median']:8.0f} {m['cpu_p95']:8.0f} "
                  f"{m['wall_median']:9.0f} {m['wall_p95']:9.0f}", flush=True)


if __name__ == "__main__":
    main()
