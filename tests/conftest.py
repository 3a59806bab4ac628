"""Small databases built by the tests themselves: a tiny locality tree and plans written inline."""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl.model import catalog, localities
from etl.model.catalog import Plan, Target
from etl.storage import analytics, db

TREE = [  # locality_id, code, name, level, parent_id
    ("90@pre2025", "90", "Tỉnh Thử Nghiệm", "province", ""),
    ("900@pre2025", "900", "Huyện Một", "district", "90@pre2025"),
    ("901@pre2025", "901", "Huyện Hai", "district", "90@pre2025"),
    ("90001@pre2025", "90001", "Xã A", "commune", "900@pre2025"),
    ("90002@pre2025", "90002", "Xã B", "commune", "900@pre2025"),
    ("90003@pre2025", "90003", "Xã C", "commune", "901@pre2025"),
]
OTHER_PROVINCE = [  # beside TREE's, for what must stay apart (caches, scopes, pickers)
    ("80@pre2025", "80", "Tỉnh Khác", "province", ""),
    ("800@pre2025", "800", "Huyện Ba", "district", "80@pre2025"),
    ("80001@pre2025", "80001", "Xã D", "commune", "800@pre2025"),
]
TWO_PROVINCES = TREE + OTHER_PROVINCE


def write_tree(path: Path, rows=TREE) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["locality_id", "code", "name", "level", "unit_type", "parent_id", "valid_from", "valid_to",
                    "successor_id", "local_code"])
        for lid, code, name, level, parent in rows:
            w.writerow([lid, code, name, level, name.split()[0], parent, "", "2025-06-30", "", 0])
    return path


def write_reform_tree(path: Path, rows) -> Path:
    """A tree across the 2025 reform: rows of (locality_id, code, name, level, parent_id, (valid_from, valid_to),
    successor_id)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["locality_id", "code", "name", "level", "unit_type", "parent_id", "valid_from", "valid_to",
                    "successor_id", "local_code"])
        for lid, code, name, level, parent, (start, end), successor in rows:
            w.writerow([lid, code, name, level, name.split()[0], parent, start, end, successor, 0])
    return path


def target(position: int, indicator: str, rule: str, value=None, value_high=None, year=None, levels=None,
           plan_id: str = "test-plan", unit: str = "%") -> Target:
    return Target(f"{plan_id}#{position:02d}", plan_id, position, "", indicator, rule, value, value_high, unit,
                  year, levels, None, f"điều khoản {position}")


DEMO_TODAY = dt.date(2026, 11, 23)


@dataclass(frozen=True)
class Demo:
    """The demo database (etl/cli/demo.py) as built once for the session, with the folder of its Excel files.
    Never open `path` itself: copy() it (17 MB, milliseconds), so what one test or module writes no other sees."""
    path: Path
    files: Path
    summary: str

    def copy(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(self.path, folder / self.path.name))


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> Demo:
    """Built once per session (26 s of CPU), before any test's cheap hashing: its accounts have the production
    argon2 hashes, as `python -m etl demo` makes them."""
    from etl.cli import demo as cli_demo
    folder = tmp_path_factory.mktemp("demo")
    con = db.connect(folder / "demo.duckdb")
    try:
        summary = cli_demo.build(con, out_dir=folder / "files", today=DEMO_TODAY)
    finally:
        con.close()
    return Demo(folder / "demo.duckdb", folder / "files", summary)


@pytest.fixture
def make_db(tmp_path):
    """make_db(targets, issuer=..., years=(y0, y1)) -> an open connection with the tiny tree and one plan."""
    opened = []

    def _make(targets=(), issuer="90@pre2025", years=(2023, 2023), extra_plans=()):
        con = db.connect(tmp_path / f"test{len(opened)}.duckdb")
        opened.append(con)
        localities.load(con, write_tree(tmp_path / "tree.csv"))
        plan = Plan("test-plan", "Kế hoạch thử", issuer, "UBND", years[0], years[1], None, None, None,
                    list(targets))
        catalog.load(con, catalog.read_indicators(), [plan, *extra_plans])
        return con

    yield _make
    for con in opened:
        con.close()


def add_figures(con, rows, version_by="test", submitted_at=None):
    """Write figures straight into returns (bypassing Excel): rows of
    (locality_id, year, quarter, indicator, numerator, denominator)."""
    submitted_at = submitted_at or dt.datetime.now().replace(microsecond=0)
    cur = con.cursor()
    uid = db.one(cur, "INSERT INTO uploads (file_name, file_hash, submitted_by, submitted_at, row_count) "
                      "VALUES ('t', 'h', ?, now(), 0) RETURNING upload_id", [version_by])[0]
    keys = {}
    for loc, year, quarter, ind, n, d in rows:
        key = (loc, year, quarter)
        if key not in keys:
            version = db.one(cur, "SELECT coalesce(max(version), 0) + 1 FROM returns WHERE locality_id = ? "
                                  "AND year = ? AND quarter = ?", list(key))[0]
            keys[key] = db.one(cur, "INSERT INTO returns (upload_id, locality_id, year, quarter, version, "
                                    "submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING return_id",
                               [uid, loc, year, quarter, version, version_by, submitted_at])[0]
        cur.execute("INSERT INTO figures VALUES (?, ?, ?, ?, NULL)", [keys[key], ind, n, d])
    analytics.refresh(cur, {year for _, year, *_ in rows})


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """AppTest runs pages in this process: every test starts and ends without the cached connection and
    reads of earlier tests. Nothing to do in a process that has not imported Streamlit."""
    def clear():
        if "streamlit" in sys.modules:
            import streamlit as st
            st.cache_data.clear()
            st.cache_resource.clear()
    clear()
    yield
    clear()


CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}  # the library's minimum: 0.1 ms, not 60 ms


@pytest.fixture(autouse=True)
def cheap_password_hashing(request, monkeypatch):
    """Accounts made and checked in this process hash at the library's minimum cost instead of OWASP's
    (etl/access/accounts.py ARGON2). Tests marked `real_argon2` keep the production hasher; subprocesses
    (the e2e server, `python -m etl` spawned) always have it."""
    if request.node.get_closest_marker("real_argon2"):
        return
    from argon2 import PasswordHasher

    from etl.access import accounts
    hasher = PasswordHasher(**CHEAP_ARGON2)
    monkeypatch.setattr(accounts, "_hasher", hasher)
    monkeypatch.setattr(accounts, "_DUMMY", hasher.hash("not a password of anyone"))


@dataclass
class CliRun:
    """What `python -m etl ...` gave: its exit code and what it printed (as subprocess.run's result has them)."""
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """cli(*args, stdin="") runs `python -m etl *args` in this process (etl.cli.main.main) with `stdin` piped
    in: no interpreter to start per command. Tests whose point is a second process spawn it themselves."""
    from etl.cli import main as cli_main

    def run(*args, stdin: str = "") -> CliRun:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = cli_main.main([str(a) for a in args])
        except SystemExit as exc:  # argparse's refusals, as the interpreter would exit
            code = exc.code if isinstance(exc.code, int) or exc.code is None else 1
        out, err = capsys.readouterr()
        return CliRun(code or 0, out, err)
    return run
