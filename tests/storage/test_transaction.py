"""One write path (issue #17): every write of etl/ goes through db.transaction (the write lock, a cursor of
its own, BEGIN … COMMIT, ROLLBACK on error or on request), so a plan saved or an account edited while an
upload commits waits for it instead of failing or slipping in between."""
from __future__ import annotations

import ast
import datetime as dt
import re
import threading
import time
from pathlib import Path

import duckdb
import pytest

from etl.access import account_edit, accounts, login_tokens, settings
from etl.cli.demo import write_bulk
from etl.intake import loader
from etl.model import catalog
from etl.plans import plan_editor
from etl.storage import db, meta
from tests.conftest import target

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)
PASSWORD = "mat-khau-rat-dai-2026"
STATEMENT = r"^\s*(BEGIN|COMMIT|ROLLBACK|ABORT|START\s+TRANSACTION)(\s+(TRANSACTION|WORK))?\s*(;|$)"
SQL_ANY_CASE, SQL_UPPER = re.compile(STATEMENT, re.I), re.compile(STATEMENT)   # "commit" alone may be a key
CALLS = {"begin", "commit", "rollback"}


def hand_written_transactions(source: str) -> list[int]:
    """Lines of `source` that run BEGIN/COMMIT/ROLLBACK themselves: a statement literal (any case when it is
    what .execute/.sql runs, upper case anywhere else), or a connection's .begin()/.commit()/.rollback()."""
    found = []
    tree = ast.parse(source)
    executed = {id(node.args[0]) for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("execute", "sql", "executemany") and node.args}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            pattern = SQL_ANY_CASE if id(node) in executed else SQL_UPPER
            if pattern.match(node.value):
                found.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS
              and not node.args and not node.keywords):
            found.append(node.lineno)
    return found


@pytest.mark.parametrize("source", [
    'con.execute("BEGIN TRANSACTION")', "cur.execute('COMMIT')", 'con.execute("rollback")',
    'con.execute("  begin")', 'c.execute("START TRANSACTION")', "con.begin()", "con.commit()", "cur.rollback()",
    'sql = """\n  COMMIT;"""', 'con.execute("ABORT")', 'c.execute("BEGIN; DELETE FROM t; COMMIT")'])
def test_the_walk_finds_every_way_of_writing_a_transaction_by_hand(source):
    assert hand_written_transactions(source)


@pytest.mark.parametrize("source", [
    'x = "Commit the figures"', 'label = "BEGINNING"', 'con.execute("SELECT 1")', "f.begin(1)",
    '"""Docstring: one transaction, COMMIT at the end."""', 'UI["commit"]', 'cols = ["start", "end"]'])
def test_the_walk_leaves_other_text_alone(source):
    assert not hand_written_transactions(source)


def test_no_transaction_is_written_by_hand_outside_the_storage_module():
    found = {str(path.relative_to(ROOT)): lines for path in sorted((ROOT / "etl").rglob("*.py"))
             if path != ROOT / "etl" / "storage" / "db.py"
             and (lines := hand_written_transactions(path.read_text(encoding="utf-8")))}
    assert found == {}


@pytest.fixture
def con(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25), target(2, "tipoffs_handled", "all", 100)])
    con.execute("CREATE TABLE scratch (n INTEGER)")
    return con


def numbers(con) -> list[int]:
    return [n for n, in con.cursor().execute("SELECT n FROM scratch ORDER BY n").fetchall()]


def test_a_transaction_commits_on_its_own_cursor(con):
    with db.transaction(con) as cur:
        assert cur is not con
        cur.execute("INSERT INTO scratch VALUES (1), (2)")
        assert numbers(con) == []          # not seen by others before COMMIT
    assert numbers(con) == [1, 2]
    with pytest.raises(duckdb.Error):      # the cursor is closed at the end
        cur.execute("SELECT 1")


def test_an_error_rolls_back_and_is_raised(con):
    with pytest.raises(ZeroDivisionError), db.transaction(con) as cur:
        cur.execute("INSERT INTO scratch VALUES (1)")
        _ = 1 / 0
    assert numbers(con) == []
    with pytest.raises(duckdb.Error), db.transaction(con) as cur:   # a failing statement too
        cur.execute("INSERT INTO scratch VALUES (2)")
        cur.execute("INSERT INTO scratch VALUES ('not a number')")
    assert numbers(con) == []


def test_rollback_on_request_is_quiet_and_undoes_everything(con):
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO scratch VALUES (1)")
        assert cur.execute("SELECT n FROM scratch").fetchall() == [(1,)]   # seen inside
        raise db.Rollback
    assert numbers(con) == []


def test_the_lock_is_held_for_the_whole_block_and_released_after(con):
    def other_thread_gets_lock() -> bool:
        got = []

        def try_lock():
            got.append(db.WRITE_LOCK.acquire(blocking=False))
            if got[0]:
                db.WRITE_LOCK.release()   # an RLock is released by the thread that holds it
        t = threading.Thread(target=try_lock)
        t.start()
        t.join()
        return got[0]
    with db.transaction(con):
        assert not other_thread_gets_lock()
    assert other_thread_gets_lock()
    with pytest.raises(RuntimeError), db.transaction(con):
        raise RuntimeError("boom")
    assert other_thread_gets_lock()
    with db.transaction(con):
        raise db.Rollback
    assert other_thread_gets_lock()


def test_a_writer_given_the_transactions_cursor_joins_it(con):
    with pytest.raises(ValueError), db.transaction(con) as cur:
        with db.transaction(cur) as inner:
            assert inner is cur
            inner.execute("INSERT INTO scratch VALUES (1)")
        meta.set_meta(cur, "k", "v")    # a writer that opens its own transaction, joined
        raise ValueError("the whole write is refused")
    assert numbers(con) == [] and meta.get_meta(con, "k") is None


def test_another_handle_inside_a_transaction_is_refused_before_writing(con):
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO scratch VALUES (1)")
        with pytest.raises(RuntimeError, match="inside a transaction"):
            meta.set_meta(con, "k", "v")      # would commit apart from the write it belongs to
    assert numbers(con) == [1] and meta.get_meta(con, "k") is None
    meta.set_meta(con, "k", "v")          # and outside any transaction it works
    assert meta.get_meta(con, "k") == "v"


def test_settings_are_saved_together_or_not_at_all(con):
    settings.save(con, 12, 45, 10)
    with pytest.raises(ValueError):
        settings.save(con, 20, 50, 10_000)    # the last value is out of range: the first two stay as they were
    assert (settings.deadline_days(con), settings.idle_minutes(con), settings.login_hours(con)) == (12, 45, 10)


def test_an_account_and_its_audit_line_are_one_write(con, monkeypatch):
    from etl.access import audit

    def broken(*_args, **_kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(OSError):
        accounts.add(con, "baocao.b", "reporter", "90002@pre2025", PASSWORD, "test")
    monkeypatch.undo()
    assert accounts.get(con, "baocao.b") is None
    accounts.add(con, "baocao.b", "reporter", "90002@pre2025", PASSWORD, "test")
    with pytest.raises(accounts.AccountError):   # the name is checked under the lock too
        accounts.add(con, "baocao.b", "reporter", "90002@pre2025", PASSWORD, "test")


PLAN_HEADER = {"plan_id": "huyen-mot-2023", "title": "Kế hoạch huyện Một 2023", "issuer": "900", "issuing_body": "UBND",
               "year_from": 2023, "year_to": 2023, "parent": None, "number": None, "date": None}
PLAN_ROWS = [{"indicator": "establishments_inspected", "rule": "at_least", "value": 30, "clause": "Kiểm tra 30%."}]


def test_a_plan_save_and_an_account_edit_wait_for_an_upload_then_both_succeed_in_order(con, tmp_path, monkeypatch):
    accounts.add(con, "quantri", "admin", None, PASSWORD, "test")
    accounts.add(con, "lanhdao.mot", "leader", "900@pre2025", PASSWORD, "test")
    plan = plan_editor.build(con, PLAN_HEADER, PLAN_ROWS)
    leader = accounts.get(con, "lanhdao.mot")
    edit = account_edit.Edit(leader.username, "leader", "901@pre2025", False, version=leader.version)
    path = tmp_path / "q1.xlsx"
    write_bulk(path, [("90001", 2023, 1, "tipoffs_handled", 4, 5)])

    order, written, release = [], threading.Event(), threading.Event()
    original_write, original_store, original_bump = loader._write, catalog.store_plans, accounts._bump

    def slow_write(cur, *args, **kwargs):       # a long upload: every row written, not yet committed
        original_write(cur, *args, **kwargs)
        order.append("upload")
        written.set()
        assert release.wait(20)

    def store(cur, plans):
        order.append("plan")
        original_store(cur, plans)

    def bump(cur, *args):
        order.append("account")
        original_bump(cur, *args)
    monkeypatch.setattr(loader, "_write", slow_write)
    monkeypatch.setattr(catalog, "store_plans", store)
    monkeypatch.setattr(accounts, "_bump", bump)

    results, errors = {}, []

    def run(name, work):
        try:
            results[name] = work()
        except Exception as exc:  # noqa: BLE001 (the test reports any failure)
            errors.append((name, exc))

    upload = threading.Thread(target=run, args=("upload", lambda: loader.load_file(con, path, "Cán bộ A", today=TODAY)))
    upload.start()
    assert written.wait(60)
    # the app gives each click a cursor of the one connection (dashboard/state.py)
    saving = [threading.Thread(target=run, args=("plan", lambda: plan_editor.save(con.cursor(), plan, "quantri"))),
              threading.Thread(target=run, args=("account", lambda: account_edit.apply(con.cursor(), edit, "quantri")))]
    for t in saving:
        t.start()
    time.sleep(0.5)
    assert all(t.is_alive() for t in saving) and order == ["upload"]   # waiting, not failed, not in between
    release.set()
    for t in [upload, *saving]:
        t.join(60)
    assert errors == []
    assert order[0] == "upload" and sorted(order[1:]) == ["account", "plan"]
    assert results["upload"].loaded
    assert con.execute("SELECT count(*) FROM current_figures").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM plan_changes WHERE plan_id = 'huyen-mot-2023'").fetchone()[0] == 1
    assert accounts.get(con, "lanhdao.mot").locality_id == "901@pre2025"


def test_a_token_touched_while_an_account_edit_holds_the_lock_waits_for_it(con):
    accounts.add(con, "lanhdao.mot", "leader", "900@pre2025", PASSWORD, "test")
    key = b"k" * 32
    token, _ = login_tokens.issue(con, key, accounts.get(con, "lanhdao.mot"), 8)
    done = threading.Event()
    with db.transaction(con) as cur:
        login_tokens.revoke_user(cur, "lanhdao.mot")      # same row, not yet committed
        t = threading.Thread(target=lambda: (login_tokens.seen(con.cursor(), token), done.set()))
        t.start()
        assert not done.wait(0.3)                         # waits: no write-write conflict
    t.join(10)
    assert done.is_set() and not login_tokens.is_live(con, token)
