"""Logging in with a real browser: wrong password refused, right one lets in, logout returns to the
login form, and a page reached by URL without login shows the login form."""
import time

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot


def test_upload_page_by_url_without_login_shows_the_login_form(anonymous_page, app_url):
    page = anonymous_page
    page.goto(f"{app_url}/upload")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Tải mẫu báo cáo")).to_have_count(0)
    expect(page.get_by_text("Nộp báo cáo quý")).to_have_count(0)   # no navigation either
    screenshot(page, "login-form")


def test_wrong_password_is_refused_right_one_lets_in_logout_returns(anonymous_page, app_url):
    page = anonymous_page
    page.goto(f"{app_url}/upload")
    page.get_by_label("Tên đăng nhập").fill("baocao.bachdang")
    page.get_by_label("Mật khẩu").fill("khong-dung-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible(timeout=30_000)
    screenshot(page, "login-refused")
    login(page, app_url, "baocao.bachdang", "baocao-minhhoa", path="upload")
    expect(page.get_by_role("heading", name="Nộp báo cáo quý")).to_be_visible(timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar).to_contain_text("Đang dùng: baocao.bachdang — Báo cáo viên, Phường Bạch Đằng")
    expect(sidebar).not_to_contain_text("Xuất báo cáo")            # a reporter does not export
    screenshot(page, "login-reporter-upload")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=30_000)


def test_a_login_survives_a_reload_and_a_new_tab_until_logout(anonymous_page, app_url):
    from tests.e2e.conftest import visit, wait_idle
    page = anonymous_page
    visit(page, f"{app_url}/indicator?plan=binhluc-2022&year=2022&q=4", "lanhdao.binhluc", "lanhdao-minhhoa")
    expect(page.get_by_role("combobox", name="Chỉ tiêu")).to_be_visible(timeout=60_000)
    wait_idle(page)
    cookie = next(c for c in page.context.cookies() if c["name"] == "pcmd_login")
    assert cookie["sameSite"] == "Strict" and cookie["expires"] > 0          # kept beyond the tab, for hours
    assert cookie["httpOnly"]                                                 # set by serve.py's route
    assert "pcmd_login" not in page.evaluate("document.cookie")              # out of the page's scripts' reach
    hours = (cookie["expires"] - time.time()) / 3600
    assert 7.9 < hours <= 8.01, hours                                         # Cài đặt's default, 8 h
    assert "minhhoa" not in cookie["value"] and "lanhdao" not in cookie["value"]
    link = page.url
    page.reload()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("combobox", name="Chỉ tiêu")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name="Đăng nhập")).to_have_count(0)
    second = page.context.new_page()                                          # a new tab of the same browser
    second.goto(link)
    expect(second.get_by_role("button", name="Đăng xuất")).to_be_visible(timeout=60_000)
    expect(second.locator("[data-testid='stSidebar']").get_by_role("combobox", name="Kỳ báo cáo")).to_have_value(
        "Cả năm")
    screenshot(second, "login-kept-in-new-tab")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    second.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(second.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)  # its next click
    expect(second.get_by_text("đã đăng xuất ở thẻ khác")).to_be_visible()
    second.reload()                                                           # and its reload
    expect(second.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    screenshot(second, "login-after-logout-reload")
    second.close()


def test_logout_removes_the_httponly_cookie_from_the_browser(anonymous_page, app_url):
    from tests.e2e.conftest import visit, wait_idle
    page = anonymous_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    visit(page, f"{app_url}/indicator?plan=binhluc-2022&year=2022&q=4", "lanhdao.binhluc", "lanhdao-minhhoa")
    wait_idle(page)
    assert [c["httpOnly"] for c in page.context.cookies() if c["name"] == "pcmd_login"] == [True]
    with page.expect_response(lambda r: r.url.endswith("/_pcmd/logout"), timeout=30_000) as answer:
        page.get_by_role("button", name="Đăng xuất").click()
    assert answer.value.status == 204
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=30_000)
    deadline = time.monotonic() + 10
    while any(c["name"] == "pcmd_login" for c in page.context.cookies()) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert [c for c in page.context.cookies() if c["name"] == "pcmd_login"] == []
    assert not [e for e in errors if "SyntaxError" in e], errors           # every script of ours ran
    page.reload()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)


def test_a_forged_cookie_opens_nothing(anonymous_page, app_url):
    page = anonymous_page
    page.context.clear_cookies()
    host = app_url.split("//")[1].split(":")[0]
    page.context.add_cookies([{"name": "pcmd_login", "value": "AAAA.9999999999.AAAA", "domain": host, "path": "/"}])
    page.goto(f"{app_url}/export")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Tải Excel (.xlsx)")).to_have_count(0)
