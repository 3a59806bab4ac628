"""Editing an account changes only what the admin changed (issue 13, point 1), and an open session
ends when its access is taken away (point 2): AppTest on a small database of the test's own."""
from __future__ import annotations

import time

import pytest

from dashboard import state
from dashboard.text import plain
from etl.access import account_edit, accounts, audit
from etl.storage import db
from tests.apptest import open_app

PASSWORD = "mat-khau-rat-dai-2026"
ADMIN = accounts.User("quantri", "admin", None)
LEADER = accounts.User("lanhdao.mot", "leader", "900@pre2025")


@pytest.fixture
def app_db(make_db, monkeypatch):
    con = make_db()
    accounts.add(con, "quantri", "admin", None, PASSWORD, "test")
    accounts.add(con, "lanhdao.mot", "leader", "900@pre2025", PASSWORD, "test")
    accounts.add(con, "baocao.a", "reporter", "90001@pre2025", PASSWORD, "test")
    accounts.set_disabled(con, "baocao.a", True, "test")
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    return path


def stored(path, username):
    con = db.connect(path)
    try:
        return accounts.get(con, username), list(audit.events(con, action=audit.ACCOUNT)["detail"])
    finally:
        con.close()


def next_click() -> None:
    """A user's next click comes after dashboard/state.py's RECHECK_SECONDS (the calls of one rerun share a check):
    without it, a change made in the test's few milliseconds (cheap password hashing) could go unchecked."""
    time.sleep(state.RECHECK_SECONDS)


def pick(at, username):
    at.selectbox(key="edit_user").set_value(username).run()
    return at


def form(at, username, field):
    user = next(u for u in accounts_now(at) if u.username == username)
    return f"edit_{field}_{account_edit.widget_key(user)}"


def accounts_now(at):
    import os
    con = db.connect(os.environ["PCMD_DB"])
    try:
        return accounts.list_users(con)
    finally:
        con.close()


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_picking_an_account_shows_its_role_locality_and_lock(app_db):
    at = pick(open_app("accounts", ADMIN), "lanhdao.mot")
    assert at.selectbox(key=form(at, "lanhdao.mot", "role")).value == "leader"
    assert at.text_input(key=form(at, "lanhdao.mot", "locality")).value == "900@pre2025"
    assert at.checkbox(key=form(at, "lanhdao.mot", "disabled")).value is False
    assert "Hiện tại: Lãnh đạo, Huyện Một." in [t.value for t in at.text]
    pick(at, "baocao.a")
    assert at.selectbox(key=form(at, "baocao.a", "role")).value == "reporter"
    assert at.text_input(key=form(at, "baocao.a", "locality")).value == "90001@pre2025"
    assert at.checkbox(key=form(at, "baocao.a", "disabled")).value is True
    assert "Hiện tại: Báo cáo viên, Xã A; đang bị khóa." in [t.value for t in at.text]


@pytest.mark.parametrize("username", ["lanhdao.mot", "baocao.a"])
def test_a_save_that_only_sets_a_password_changes_only_the_password(app_db, username):
    before, _ = stored(app_db, username)
    at = pick(open_app("accounts", ADMIN), username)
    at.text_input(key=form(at, username, "password")).input("mat-khau-moi-hoan-toan")
    button(at, "Lưu thay đổi").click().run()
    after, details = stored(app_db, username)
    assert (after.role, after.locality_id, after.disabled) == (before.role, before.locality_id, before.disabled)
    assert details[0] == f"{username}: đổi mật khẩu" and "đổi mật khẩu" not in " ".join(details[1:])
    assert plain(at.success[0].value) == f"Đã lưu: {username}: đổi mật khẩu."   # shown as text
    con = db.connect(app_db)
    try:
        if not before.disabled:
            assert accounts.authenticate(con, username, "mat-khau-moi-hoan-toan").username == username
    finally:
        con.close()


def test_a_change_of_role_and_scope_says_what_it_does_and_waits_for_confirmation(app_db):
    at = pick(open_app("accounts", ADMIN), "lanhdao.mot")
    at.selectbox(key=form(at, "lanhdao.mot", "role")).set_value("admin")
    at.text_input(key=form(at, "lanhdao.mot", "locality")).input("")
    button(at, "Lưu thay đổi").click().run()
    assert [t.value for t in at.text if t.value.startswith("•")] == ["• lanhdao.mot: Lãnh đạo, Huyện Một → Quản trị, toàn quốc"]
    assert stored(app_db, "lanhdao.mot")[0].role == "leader"          # nothing yet
    button(at, "Hủy").click().run()
    assert stored(app_db, "lanhdao.mot")[0].role == "leader" and "giữ nguyên" in at.info[0].value
    at.selectbox(key=form(at, "lanhdao.mot", "role")).set_value("reporter")
    at.text_input(key=form(at, "lanhdao.mot", "locality")).input("90002")
    at.checkbox(key=form(at, "lanhdao.mot", "disabled")).check()
    button(at, "Lưu thay đổi").click().run()
    button(at, "Xác nhận thay đổi").click().run()
    user, details = stored(app_db, "lanhdao.mot")
    assert (user.role, user.locality_id, user.disabled) == ("reporter", "90002@pre2025", True)
    assert details[:2] == ["lanhdao.mot: khóa tài khoản", "lanhdao.mot: Lãnh đạo, Huyện Một → Báo cáo viên, Xã B"]


def test_unlocking_is_explicit_and_confirmed(app_db):
    at = pick(open_app("accounts", ADMIN), "baocao.a")
    at.checkbox(key=form(at, "baocao.a", "disabled")).uncheck()
    button(at, "Lưu thay đổi").click().run()
    assert "• baocao.a: mở khóa tài khoản" in [t.value for t in at.text]
    assert stored(app_db, "baocao.a")[0].disabled
    button(at, "Xác nhận thay đổi").click().run()
    assert not stored(app_db, "baocao.a")[0].disabled


def test_an_admin_cannot_lock_itself_out_nor_remove_the_last_admin(app_db):
    at = pick(open_app("accounts", ADMIN), "quantri")
    at.selectbox(key=form(at, "quantri", "role")).set_value("leader")
    at.text_input(key=form(at, "quantri", "locality")).input("900")
    button(at, "Lưu thay đổi").click().run()
    button(at, "Xác nhận thay đổi").click().run()
    assert "Không thể tự khóa hoặc tự bỏ quyền quản trị" in plain(at.error[0].value)
    assert stored(app_db, "quantri")[0].role == "admin"
    con = db.connect(app_db)
    try:
        with pytest.raises(accounts.AccountError, match="quản trị viên đang hoạt động cuối cùng"):
            accounts.set_disabled(con, "quantri", True, "dòng lệnh")
        accounts.change(con, "lanhdao.mot", "admin", None, "quantri")   # a second admin: now it may
        accounts.set_disabled(con, "quantri", True, "lanhdao.mot")
        assert accounts.get(con, "quantri").disabled
    finally:
        con.close()


def test_an_edit_made_from_a_form_filled_before_another_change_is_refused(app_db):
    con = db.connect(app_db)
    try:
        seen = accounts.get(con, "lanhdao.mot")
        accounts.change(con, "lanhdao.mot", "leader", "901@pre2025", "quantri")     # meanwhile, elsewhere
        edit = account_edit.Edit("lanhdao.mot", "admin", None, False, "", seen.version)
        with pytest.raises(accounts.AccountError, match="vừa được thay đổi ở nơi khác"):
            account_edit.apply(con, edit, "quantri")
        assert accounts.get(con, "lanhdao.mot").role == "leader"
    finally:
        con.close()


def test_a_refused_part_writes_nothing(app_db):
    con = db.connect(app_db)
    try:
        user = accounts.get(con, "lanhdao.mot")
        edit = account_edit.Edit("lanhdao.mot", "reporter", "90001@pre2025", True, "ngan", user.version)
        with pytest.raises(accounts.AccountError, match="ít nhất 10 ký tự"):
            account_edit.apply(con, edit, "quantri")
        assert accounts.get(con, "lanhdao.mot") == user and accounts.get(con, "lanhdao.mot").version == user.version
    finally:
        con.close()


# --- point 2: two sessions; the admin takes access away, the other session's next click ends it ---

def leader_session():
    at = open_app("overview", LEADER)
    assert at.title[0].value != "Đăng nhập"
    return at


@pytest.mark.parametrize("change, message", [
    (lambda con: accounts.set_disabled(con, "lanhdao.mot", True, "quantri"), "đã bị khóa hoặc xóa"),
    (lambda con: con.execute("DELETE FROM users WHERE username = 'lanhdao.mot'"), "đã bị khóa hoặc xóa"),
    (lambda con: accounts.change(con, "lanhdao.mot", "reporter", "90001@pre2025", "quantri"),
     "Quyền của tài khoản vừa được thay đổi (Báo cáo viên, Xã A)"),
    (lambda con: accounts.set_password(con, "lanhdao.mot", "mat-khau-moi-hoan-toan", "quantri"),
     "Mật khẩu của tài khoản vừa được đổi"),
])
def test_taking_access_away_ends_the_open_session_at_its_next_click(app_db, change, message):
    leader = leader_session()
    con = db.connect(app_db)
    try:
        change(con)
    finally:
        con.close()
    next_click()
    leader.run()
    assert leader.title[0].value == "Đăng nhập" and message in leader.info[0].value
    assert "user" not in leader.session_state


def test_the_admin_locking_a_leader_on_the_page_logs_the_leader_out(app_db):
    leader = leader_session()
    admin = pick(open_app("accounts", ADMIN), "lanhdao.mot")
    admin.checkbox(key=form(admin, "lanhdao.mot", "disabled")).check()
    button(admin, "Lưu thay đổi").click().run()
    button(admin, "Xác nhận thay đổi").click().run()
    next_click()
    leader.run()
    assert leader.title[0].value == "Đăng nhập" and "đã bị khóa" in leader.info[0].value
    admin.run()
    assert admin.title[0].value == "Tài khoản"      # the admin's own session goes on


def test_an_admin_changing_its_own_password_keeps_its_session(app_db):
    at = pick(open_app("accounts", ADMIN), "quantri")
    at.text_input(key=form(at, "quantri", "password")).input("mat-khau-moi-hoan-toan")
    button(at, "Lưu thay đổi").click().run()
    at.run()
    assert at.title[0].value == "Tài khoản"


def test_a_click_of_an_admin_locked_meanwhile_changes_nothing(app_db):
    """A button's callback runs before the login gate: it checks the account again itself."""
    admin = pick(open_app("accounts", ADMIN), "lanhdao.mot")
    admin.selectbox(key=form(admin, "lanhdao.mot", "role")).set_value("admin")
    button(admin, "Lưu thay đổi").click().run()                       # the confirmation is on screen
    con = db.connect(app_db)
    try:
        accounts.add(con, "quantri.hai", "admin", None, PASSWORD, "test")
        accounts.set_disabled(con, "quantri", True, "quantri.hai")   # another admin locks this one
    finally:
        con.close()
    next_click()
    button(admin, "Xác nhận thay đổi").click().run()
    assert stored(app_db, "lanhdao.mot")[0].role == "leader"
    assert admin.title[0].value == "Đăng nhập" and "đã bị khóa" in admin.info[0].value


def test_picking_another_account_while_a_change_awaits_confirmation_drops_that_change(app_db):
    at = pick(open_app("accounts", ADMIN), "lanhdao.mot")
    at.selectbox(key=form(at, "lanhdao.mot", "role")).set_value("admin")
    button(at, "Lưu thay đổi").click().run()
    assert any(b.label == "Xác nhận thay đổi" for b in at.button)
    pick(at, "baocao.a")                                              # a careless click elsewhere
    pick(at, "lanhdao.mot")
    assert not any(b.label == "Xác nhận thay đổi" for b in at.button)
    assert at.selectbox(key=form(at, "lanhdao.mot", "role")).value == "leader"
    assert stored(app_db, "lanhdao.mot")[0].role == "leader"
