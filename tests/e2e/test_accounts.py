"""The Tài khoản page in a real browser (issue 13): a password-only save changes only the password, and
locking an account ends its open session at its next click. The running server holds the database, so
the test reads it the way an administrator would: from a backup the app makes (python -m etl backup)."""
from __future__ import annotations

import subprocess
import sys

import duckdb
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, screenshot, visit, wait_idle

ACCOUNT_SQL = "SELECT role, locality_id, disabled, password_hash FROM users WHERE username = ?"
AUDIT_SQL = "SELECT username, detail FROM audit_log WHERE action = 'account' ORDER BY event_id"


def copy_of(database, folder):
    """A backup made by the running app (it holds the file), opened read-only."""
    done = subprocess.run([sys.executable, "-m", "etl", "backup", "--db", str(database), "-o", str(folder),
                           "--wait", "60"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return duckdb.connect(str(folder / "pcmd.duckdb"), read_only=True)


def test_a_password_only_save_changes_only_the_password(page, app_url, demo_database, tmp_path):
    before = copy_of(demo_database, tmp_path / "before")
    role, locality, disabled, old_hash = before.execute(ACCOUNT_SQL, ["baocao.bachdang"]).fetchall()[0]
    events_before = before.execute(AUDIT_SQL).fetchall()
    before.close()
    visit(page, f"{app_url}/accounts")
    expect(page.get_by_role("heading", name="Tài khoản", exact=True)).to_be_visible(timeout=60_000)
    page.get_by_role("combobox", name="Tài khoản cần sửa").click()
    page.get_by_role("option", name="baocao.bachdang").click()
    wait_idle(page)
    expect(page.get_by_text("Hiện tại: Báo cáo viên, Phường Bạch Đằng.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("combobox", name="Vai trò").last).to_have_value("Báo cáo viên")
    page.get_by_label("Mật khẩu mới (để trống: giữ nguyên)").fill("mat-khau-moi-cua-phuong")
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.get_by_text("Đã lưu: baocao.bachdang: đổi mật khẩu.")).to_be_visible(timeout=30_000)
    screenshot(page, "accounts-password-only")
    after = copy_of(demo_database, tmp_path / "after")
    new_role, new_locality, new_disabled, new_hash = after.execute(ACCOUNT_SQL, ["baocao.bachdang"]).fetchall()[0]
    events = after.execute(AUDIT_SQL).fetchall()[len(events_before):]
    after.close()
    assert (new_role, new_locality, new_disabled) == (role, locality, disabled) == ("reporter", locality, False)
    assert new_hash != old_hash
    assert events == [("quantri", "baocao.bachdang: đổi mật khẩu")]


def test_locking_a_leader_ends_its_open_session_at_its_next_click(browser, page, app_url):
    leader_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    leader = leader_context.new_page()
    try:
        visit(leader, f"{app_url}/export", "lanhdao.binhluc", "lanhdao-minhhoa")
        expect(leader.get_by_role("heading", name="Xuất báo cáo")).to_be_visible(timeout=60_000)
        visit(page, f"{app_url}/accounts")
        page.get_by_role("combobox", name="Tài khoản cần sửa").click()
        page.get_by_role("option", name="lanhdao.binhluc").click()
        expect(page.get_by_text("Hiện tại: Lãnh đạo, Huyện Bình Lục.")).to_be_visible(timeout=30_000)
        wait_idle(page)
        page.locator("label").filter(has_text="Khóa tài khoản").click()
        expect(page.get_by_label("Khóa tài khoản")).to_be_checked()
        page.get_by_role("button", name="Lưu thay đổi").click()
        wait_idle(page)
        expect(page.get_by_text("lanhdao.binhluc: khóa tài khoản (phiên đang mở sẽ kết thúc)")).to_be_visible(
            timeout=30_000)
        screenshot(page, "accounts-lock-confirm")
        page.get_by_role("button", name="Xác nhận thay đổi").click()
        expect(page.get_by_text("Đã lưu: lanhdao.binhluc: khóa tài khoản")).to_be_visible(timeout=30_000)
        leader.get_by_role("link", name="Tổng quan").click()           # the leader's next click
        expect(leader.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
        expect(leader.get_by_text("Tài khoản của bạn đã bị khóa hoặc xóa")).to_be_visible()
        screenshot(leader, "accounts-locked-session-ended")
    finally:
        leader_context.close()
