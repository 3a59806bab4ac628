"""Accounts: argon2 hashes only, generic refusals, lockout, the audit trail, the command line."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.access import accounts, audit
from etl.storage import db

PASSWORD = "mat-khau-rat-dai-2026"
T0 = dt.datetime(2026, 11, 23, 8, 0)


@pytest.fixture
def con(make_db):
    con = make_db()
    accounts.add(con, "quantri", "admin", None, PASSWORD, "test")
    accounts.add(con, "lanhdao.mot", "leader", "900@pre2025", PASSWORD, "test")
    return con


def test_only_an_argon2_hash_is_stored_and_no_clear_text_reaches_the_file(con, tmp_path):
    stored = con.execute("SELECT password_hash FROM users WHERE username = 'quantri'").fetchall()[0][0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    accounts.authenticate(con, "quantri", PASSWORD, T0)
    accounts.set_password(con, "lanhdao.mot", "mot-mat-khau-moi-123", "quantri")
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.execute("CHECKPOINT")
    con.close()
    content = Path(path).read_bytes() + (Path(path + ".wal").read_bytes() if Path(path + ".wal").exists() else b"")
    assert PASSWORD.encode() not in content and b"mot-mat-khau-moi-123" not in content


def test_wrong_password_and_unknown_name_get_the_same_message(con):
    with pytest.raises(accounts.LoginRefused) as wrong:
        accounts.authenticate(con, "quantri", "sai-mat-khau-roi", T0)
    with pytest.raises(accounts.LoginRefused) as unknown:
        accounts.authenticate(con, "khong-co-ai", "sai-mat-khau-roi", T0)
    assert str(wrong.value) == str(unknown.value) == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert accounts.authenticate(con, "QuanTri ", PASSWORD, T0).role == "admin"


def test_five_failures_in_fifteen_minutes_make_the_account_wait(con):
    for minute in range(5):
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate(con, "lanhdao.mot", "sai-mat-khau-roi", T0 + dt.timedelta(minutes=minute))
    with pytest.raises(accounts.LoginRefused) as locked:   # even the right password waits
        accounts.authenticate(con, "lanhdao.mot", PASSWORD, T0 + dt.timedelta(minutes=6))
    assert "thử lại sau 08:15" in str(locked.value)
    assert accounts.authenticate(con, "lanhdao.mot", PASSWORD, T0 + dt.timedelta(minutes=16)).username == "lanhdao.mot"
    for minute in range(5):   # an unknown name locks the same way: no hint that it does not exist
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate(con, "ai-do", "x", T0 + dt.timedelta(minutes=minute))
    with pytest.raises(accounts.LoginRefused, match="thử lại sau"):
        accounts.authenticate(con, "ai-do", "x", T0 + dt.timedelta(minutes=6))


def test_a_disabled_account_cannot_log_in(con):
    accounts.set_disabled(con, "lanhdao.mot", True, "quantri")
    with pytest.raises(accounts.LoginRefused):
        accounts.authenticate(con, "lanhdao.mot", PASSWORD, T0)


def test_every_login_and_account_change_is_in_the_audit_trail_without_passwords(con):
    accounts.authenticate(con, "quantri", PASSWORD, T0)
    with pytest.raises(accounts.LoginRefused):
        accounts.authenticate(con, "quantri", "sai-mat-khau-roi", T0)
    accounts.change(con, "lanhdao.mot", "reporter", "90001@pre2025", "quantri")
    events = audit.events(con)
    assert list(events["action"])[:3] == ["account", "login_failed", "login_ok"]
    assert events["detail"][0] == "lanhdao.mot: Lãnh đạo, Huyện Một → Báo cáo viên, Xã A"
    assert not events["detail"].str.contains(PASSWORD).any()


@pytest.mark.parametrize("args, message", [
    (("x", "admin", None, PASSWORD), "Tên đăng nhập chỉ gồm"),
    (("nguoi-moi", "boss", None, PASSWORD), "Vai trò 'boss' không hợp lệ"),
    (("nguoi-moi", "leader", None, PASSWORD), "phải gắn với một địa bàn"),
    (("nguoi-moi", "leader", "99999@pre2025", PASSWORD), "Không có địa bàn"),
    (("nguoi-moi", "leader", "900@pre2025", "ngan"), "ít nhất 10 ký tự"),
    (("quantri", "admin", None, PASSWORD), "đã có"),
])
def test_bad_accounts_are_refused_in_vietnamese(con, args, message):
    with pytest.raises(accounts.AccountError, match=message):
        accounts.add(con, *args, by="test")


def test_command_line_manages_accounts_reading_the_password_from_stdin(make_db, tmp_path, cli):
    con = make_db()
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()

    def run(*args, stdin=""):
        return cli("user", *args, "--db", path, stdin=stdin)

    added = run("add", "--username", "baocao.a", "--role", "reporter", "--locality", "90001", stdin=PASSWORD + "\n")
    assert added.returncode == 0 and "Đã tạo tài khoản baocao.a (Báo cáo viên, 90001@pre2025)" in added.stdout
    assert PASSWORD not in added.stdout + added.stderr
    assert "baocao.a\tBáo cáo viên\t90001@pre2025" in run("list").stdout
    assert run("disable", "--username", "baocao.a").returncode == 0
    assert "(đã khóa)" in run("list").stdout
    assert run("reset-password", "--username", "baocao.a", stdin="ngan\n").returncode == 2
    assert run("reset-password", "--username", "baocao.a", stdin="mot-mat-khau-khac-1\n").returncode == 0
    refused = run("add", "--username", "x", "--role", "admin", stdin=PASSWORD + "\n")
    assert refused.returncode == 2 and "Tên đăng nhập chỉ gồm" in refused.stderr
    con = db.connect(path)
    assert accounts.get(con, "baocao.a").disabled
    con.close()
