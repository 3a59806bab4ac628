"""Loads meeting other writers: another process holding the file, two sessions at once, a kill -9."""
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from etl.intake import loader
from etl.model import bootstrap
from etl.storage import db
from tests.xlsx_files import bulk

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)


def make_database(path: Path) -> Path:
    con = db.connect(path)
    bootstrap.initialise(con)
    con.close()
    return path


def content(path: Path) -> dict:
    con = db.connect(path, wait_seconds=30)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in ("uploads", "returns", "figures")}
    finally:
        con.close()


def python(code: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def hold(path: Path, seconds: float) -> subprocess.Popen:
    """Another process (as the running app would) holding the database file open."""
    holder = python(f"""
        import time
        from etl.storage import db
        con = db.connect(r'{path}')
        print('holding', flush=True)
        time.sleep({seconds})
        """)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def cli_load(path: Path, file: Path, wait: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", "load", str(file), "--db", str(path), "--wait", str(wait)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_load_while_another_process_holds_the_file_waits_then_says_what_to_do(tmp_path):
    path = make_database(tmp_path / "db.duckdb")
    file = bulk(tmp_path / "q1.xlsx", [("15349", 2023, 1, "tipoffs_handled", 2, 2)])
    holder = hold(path, 8)
    started = time.monotonic()
    result = cli_load(path, file, wait=1.5)
    assert result.returncode == 3
    assert time.monotonic() - started >= 1.5
    assert "đang được một chương trình khác ghi" in result.stderr and "Nộp báo cáo" in result.stderr
    holder.kill()
    holder.wait()
    assert content(path)["figures"] == []


def test_cli_load_waits_for_the_other_process_then_loads(tmp_path):
    path = make_database(tmp_path / "db.duckdb")
    file = bulk(tmp_path / "q1.xlsx", [("15349", 2023, 1, "tipoffs_handled", 2, 2)])
    holder = hold(path, 2)
    result = cli_load(path, file, wait=30)
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert len(content(path)["figures"]) == 1


def test_two_uploads_at_the_same_moment_both_succeed(tmp_path):
    con = db.connect(make_database(tmp_path / "db.duckdb"))
    files = [bulk(tmp_path / f"f{i}.xlsx", [("15349", 2023, 1, "tipoffs_handled", i, 5)]) for i in (1, 2)]
    files += [bulk(tmp_path / "f3.xlsx", [("15349-KP01", 2023, 1, "units_with_harm_reduction", 1, 1)])]
    reports, errors = [], []

    def upload(f):
        try:
            reports.append(loader.load_file(con, f, f"Phiên {f.stem}", today=TODAY))
        except Exception as exc:  # noqa: BLE001 (the test reports any failure)
            errors.append(exc)

    threads = [threading.Thread(target=upload, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r.loaded for r in reports)
    versions = con.execute("SELECT locality_id, version FROM returns ORDER BY ALL").fetchall()
    assert versions == [("15349-KP01@pre2025", 1), ("15349@pre2025", 1), ("15349@pre2025", 2)]
    con.close()


def test_a_load_killed_mid_write_leaves_the_database_as_it_was(tmp_path):
    path = make_database(tmp_path / "db.duckdb")
    first = bulk(tmp_path / "first.xlsx", [("15349", 2023, 1, "tipoffs_handled", 2, 2)])
    assert cli_load(path, first, wait=5).returncode == 0
    before = content(path)
    big = bulk(tmp_path / "big.xlsx", [("15349", 2023, 2, "tipoffs_handled", 3, 3)]
               + [(f"15349-KP{n:02d}", 2023, 2, "units_with_harm_reduction", 1, 1) for n in range(1, 11)])
    loading = python(f"""
        import datetime as dt, time
        from etl.storage import db
        from etl.intake import loader
        original = loader._write
        def write_then_stall(cur, *args, **kwargs):
            original(cur, *args, **kwargs)          # every row written, not yet committed
            print('written', flush=True)
            time.sleep(60)
        loader._write = write_then_stall
        loader.load_file(db.connect(r'{path}'), r'{big}', 'A', today=dt.date(2026, 11, 23))
        """)
    assert loading.stdout.readline().strip() == "written"
    os.kill(loading.pid, signal.SIGKILL)
    loading.wait()
    assert content(path) == before
    assert cli_load(path, big, wait=5).returncode == 0  # and the file still loads afterwards
