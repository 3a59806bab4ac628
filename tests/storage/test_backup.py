"""Backups (issue 13, point 7): `python -m etl backup -o DIR` while nothing or the app holds the file,
`python -m etl restore DIR` after confirmation; a restored backup has every return."""
from __future__ import annotations

import builtins
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from etl.access import accounts
from etl.cli import main as cli
from etl.storage import backup, db
from tests.conftest import add_figures

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-rat-dai-2026"
RETURNS = "SELECT locality_id, year, quarter, version, submitted_by FROM returns ORDER BY ALL"
FIGURES = "SELECT r.locality_id, r.year, r.quarter, f.* FROM figures f JOIN returns r USING (return_id) ORDER BY ALL"


@pytest.fixture
def path(make_db):
    con = make_db()
    add_figures(con, [("90001@pre2025", 2023, 1, "establishments_inspected", 3, 10),
                      ("90002@pre2025", 2023, 1, "establishments_inspected", 4, 12)])
    add_figures(con, [("90001@pre2025", 2023, 1, "establishments_inspected", 5, 10),   # a corrected version
                      ("90003@pre2025", 2023, 2, "tipoffs_handled", 1, 2)])
    accounts.add(con, "quantri", "admin", None, PASSWORD, "test")
    found = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    return Path(found)


def snapshot(path: Path) -> dict:
    con = db.connect(path)
    try:
        return {"returns": con.execute(RETURNS).fetchall(), "figures": con.execute(FIGURES).fetchall(),
                "users": [(u.username, u.role) for u in accounts.list_users(con)],
                "areas": con.execute("SELECT count(*) FROM area_figures").fetchall()}
    finally:
        con.close()


def add_a_return(path: Path):
    con = db.connect(path)
    try:
        add_figures(con, [("90002@pre2025", 2023, 3, "establishments_inspected", 7, 12)])
    finally:
        con.close()


def test_a_restored_backup_has_every_return(path, tmp_path, capsys):
    before = snapshot(path)
    assert cli.main(["backup", "--db", str(path), "-o", str(tmp_path / "sao-luu" / "2026-11-23")]) == 0
    assert "4 báo cáo" in capsys.readouterr().out
    add_a_return(path)                                   # life goes on after the backup
    assert len(snapshot(path)["returns"]) == 5
    assert cli.main(["restore", str(tmp_path / "sao-luu" / "2026-11-23"), "--db", str(path), "--yes"]) == 0
    assert snapshot(path) == before
    kept = [p for p in path.parent.iterdir() if ".truoc-khoi-phuc-" in p.name and not p.name.endswith(".wal")]
    assert len(kept) == 1                                # the replaced database is kept, not lost
    con = db.connect(path)
    try:                                                 # the restored file is a working database
        add_figures(con, [("90003@pre2025", 2023, 3, "tipoffs_handled", 1, 1)])
        assert accounts.authenticate(con, "quantri", PASSWORD).role == "admin"
    finally:
        con.close()


def test_restore_asks_first_and_changes_nothing_unless_told(path, tmp_path, monkeypatch, capsys):
    assert cli.main(["backup", "--db", str(path), "-o", str(tmp_path / "b")]) == 0
    add_a_return(path)
    after = snapshot(path)
    monkeypatch.setattr(builtins, "input", lambda prompt="": "khong")
    assert cli.main(["restore", str(tmp_path / "b"), "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "4 báo cáo" in out and "5 báo cáo" in out and "Đã hủy" in out
    assert snapshot(path) == after
    monkeypatch.setattr(builtins, "input", lambda prompt="": "co")
    assert cli.main(["restore", str(tmp_path / "b"), "--db", str(path)]) == 0
    assert len(snapshot(path)["returns"]) == 4


def test_a_backup_never_overwrites_another_and_a_bad_folder_is_not_restored(path, tmp_path, capsys):
    assert cli.main(["backup", "--db", str(path), "-o", str(tmp_path / "b")]) == 0
    assert cli.main(["backup", "--db", str(path), "-o", str(tmp_path / "b")]) == 2
    assert "đã có bản sao lưu" in capsys.readouterr().err
    assert cli.main(["restore", str(tmp_path / "trong"), "--db", str(path), "--yes"]) == 2
    (tmp_path / "hong").mkdir()
    (tmp_path / "hong" / backup.FILE).write_bytes(b"not a database" * 1000)
    assert cli.main(["restore", str(tmp_path / "hong"), "--db", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "không chứa bản sao lưu" in err and "bị hỏng" in err
    assert len(snapshot(path)["returns"]) == 4


def app_like(path: Path, serve: bool) -> subprocess.Popen:
    """Another process holding the file as the app does (and, like the app, answering backup requests)."""
    code = f"""
        import time
        from etl.storage import backup
        from etl.storage import db
        con = db.connect(r'{path}')
        if {serve}:
            backup.serve(con, r'{path}', every=0.2)
        print('holding', flush=True)
        time.sleep(60)"""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_backup_while_the_app_holds_the_file_is_made_by_the_app(path, tmp_path, capsys):
    before = snapshot(path)
    holder = app_like(path, serve=True)
    try:
        assert cli.main(["backup", "--db", str(path), "-o", str(tmp_path / "b"), "--wait", "60"]) == 0
        assert cli.main(["restore", str(tmp_path / "b"), "--db", str(path), "--yes", "--wait", "0"]) == 3
        assert "hãy dừng ứng dụng" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert backup.inspect(tmp_path / "b" / backup.FILE)["returns"] == 4
    add_a_return(path)
    assert cli.main(["restore", str(tmp_path / "b"), "--db", str(path), "--yes"]) == 0
    assert snapshot(path) == before


def test_an_app_that_does_not_answer_is_explained(path, tmp_path, capsys):
    holder = app_like(path, serve=False)
    try:
        assert cli.main(["backup", "--db", str(path), "-o", str(tmp_path / "b"), "--wait", "1"]) == 3
    finally:
        holder.kill()
        holder.wait()
    assert "không trả lời yêu cầu sao lưu" in capsys.readouterr().err
    assert not (tmp_path / "b" / backup.FILE).exists()
    assert not list(backup.requests_dir(path).glob("*.request"))      # the request was withdrawn
