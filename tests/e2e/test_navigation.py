"""The app in a real browser on the demo database: it opens with data, and a shared link opens the same view."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

TABLE = "[data-testid='stDataFrame']"


def wait_ready(page):
    page.wait_for_selector(TABLE, timeout=60_000)
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    page.wait_for_timeout(1000)


def assert_no_error(page):
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body and "Page not found" not in body
    assert page.locator("[data-testid='stException']").count() == 0


def test_app_opens_on_the_most_recent_plan_with_data(page, app_url):
    page.goto(app_url)
    wait_ready(page)
    assert_no_error(page)
    assert "plan=bachdang-2026" in page.url and "q=3" in page.url  # latest quarter with data
    body = page.inner_text("body")
    assert "Phường Bạch Đằng — 9 tháng năm 2026" in body
    assert "Dữ liệu minh họa" in body
    screenshot(page, "attainment-default")


def test_shared_link_opens_the_same_view(page, app_url):
    page.goto(f"{app_url}/?plan=quangtri-2022-2025&year=2024&q=2")
    wait_ready(page)
    assert_no_error(page)
    body = page.inner_text("body")
    assert "Tỉnh Quảng Trị — 6 tháng đầu năm 2024" in body
    chart = page.locator("[data-testid='stPlotlyChart']").inner_text()
    assert "13. Cán bộ làm công tác PCTNXH được tập huấn (cấp tỉnh)" in chart
    assert "14. Cán bộ làm công tác PCTNXH được tập huấn (cấp huyện, cấp xã)" in chart
    expect(page.get_by_role("combobox", name="Năm")).to_have_value("2024")
    expect(page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("6 tháng đầu năm")
    screenshot(page, "attainment-shared-link")
