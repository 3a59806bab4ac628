"""Faults of the database file speak Vietnamese, never Python (issue 13, point 6): missing, held by
another process, damaged, read-only, full disk, a failing migration; on the login page (AppTest) and
on the command line (in-process), with the README's exit codes, no traceback, no server path."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from etl.access import accounts, audit
from etl.cli import main as cli
from etl.storage import db
from tests.apptest import APP

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-rat-dai-2026"
REAL_CONNECT = duckdb.connect


@pytest.fixture
def path(make_db):
    con = make_db()
    accounts.add(con, "quantri", "admin", None, PASSWORD, "test")
    found = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    return Path(found)


def refuse_open(monkeypatch, message: str):
    """duckdb.connect fails as it does on such a file system (we run as root: chmod would not stop us)."""
    def connect(database=":memory:", *args, **kwargs):
        if str(database).endswith(".duckdb"):
            raise duckdb.IOException(f'IO Error: Cannot open file "{database}": {message}')
        return REAL_CONNECT(database, *args, **kwargs)
    monkeypatch.setattr(duckdb, "connect", connect)


def hold(path: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time, duckdb
        con = duckdb.connect(r'{path}')
        print('holding', flush=True)
        time.sleep(60)""")], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def break_migrations(monkeypatch):
    files = db.migration_files()
    monkeypatch.setattr(db, "migration_files", lambda: [*files, (999, "CREATE TABLE broken_step (x INTEGER);"
                                                                        " SELECT * FROM no_such_table;")])


CASES = {  # kind -> (set up the fault, exit code, words the message must have)
    "missing": (lambda path, mp: path.unlink(), 5, "Chưa có cơ sở dữ liệu"),
    "damaged": (lambda path, mp: path.write_bytes(os.urandom(40_000)), 6, "bị hỏng"),
    "read_only": (lambda path, mp: refuse_open(mp, "Read-only file system"), 7, "chỉ cho đọc"),
    "permission": (lambda path, mp: refuse_open(mp, "Permission denied"), 7, "thiếu quyền"),
    "disk_full": (lambda path, mp: refuse_open(mp, "No space left on device"), 7, "đã đầy"),
    "migration": (lambda path, mp: break_migrations(mp), 8, "bước 999"),
}


def assert_clean(text: str, path: Path):
    assert "Traceback" not in text and "Error" not in text and str(path.parent) not in text
    assert path.name not in text


@pytest.mark.parametrize("kind", CASES)
def test_the_command_line_says_what_happened_in_vietnamese(path, monkeypatch, capsys, kind):
    make, code, words = CASES[kind]
    make(path, monkeypatch)
    assert cli.main(["targets", "--db", str(path), "--wait", "0"]) == code
    err = capsys.readouterr().err
    assert words in err
    assert_clean(err, path)


def test_a_failed_migration_leaves_the_database_as_it_was(path, monkeypatch, capsys):
    break_migrations(monkeypatch)
    assert cli.main(["targets", "--db", str(path)]) == 8
    monkeypatch.undo()
    con = db.connect(path)
    try:
        assert 999 not in {v for v, in con.execute("SELECT version FROM schema_migrations").fetchall()}
        assert not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'broken_step'").fetchall()
        assert accounts.get(con, "quantri").role == "admin"
    finally:
        con.close()


def test_the_command_line_on_a_file_another_process_holds(path, capsys):
    holder = hold(path)
    try:
        assert cli.main(["targets", "--db", str(path), "--wait", "0"]) == 3
    finally:
        holder.kill()
        holder.wait()
    assert "đang được một chương trình khác ghi" in capsys.readouterr().err


def test_a_disk_that_fills_while_writing_the_output(path, monkeypatch, capsys):
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))
    monkeypatch.setattr(Path, "write_bytes", full)
    assert cli.main(["export", "--db", str(path), "--plan", "test-plan", "--year", "2023",
                     "-o", str(path.parent / "bang.xlsx")]) == 7
    err = capsys.readouterr().err
    assert "đã đầy" in err
    assert_clean(err, path)


def test_a_missing_database_is_not_created_by_a_reading_command(tmp_path, capsys):
    where = tmp_path / "khong-co.duckdb"
    assert cli.main(["export", "--db", str(where), "--plan", "p", "--year", "2023", "-o", str(tmp_path / "x.xlsx")]) == 5
    assert not where.exists()


# --- the login page, before anyone logs in ---

def login_page(monkeypatch, path: Path):
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("PCMD_DB", str(path))
    monkeypatch.setenv("PCMD_WAIT", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def page_text(at) -> str:
    return "\n".join(str(e.value) for e in [*at.error, *at.warning, *at.info, *at.markdown, *at.title, *at.text])


@pytest.mark.parametrize("kind", CASES)
def test_the_login_page_says_what_happened_in_vietnamese(path, monkeypatch, kind):
    make, _, words = CASES[kind]
    make(path, monkeypatch)
    at = login_page(monkeypatch, path)
    assert words in (at.warning if kind == "missing" else at.error)[0].value
    assert not at.text_input            # no login form over a database that cannot be used
    assert_clean(page_text(at), path)


def test_the_login_page_on_a_file_another_process_holds(path, monkeypatch):
    holder = hold(path)
    try:
        at = login_page(monkeypatch, path)
    finally:
        holder.kill()
        holder.wait()
    assert "đang được một chương trình khác giữ" in at.error[0].value
    assert_clean(page_text(at), path)


def test_a_disk_full_when_the_login_is_recorded(path, monkeypatch):
    at = login_page(monkeypatch, path)
    def full(*args, **kwargs):
        raise duckdb.IOException('IO Error: Could not write file "/srv/pcmd/pcmd.duckdb.wal": No space left on device')
    monkeypatch.setattr(audit, "record", full)
    at.text_input(key="login_username").input("quantri")
    at.text_input(key="login_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and "đã đầy" in at.error[0].value and "/srv" not in page_text(at)
    assert at.title[0].value == "Đăng nhập"
