"""The app in a real browser on the demo database: every page opens with data and no error, the
sidebar's choice carries from page to page, and a shared link opens the same view."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, visit, wait_idle

PAGES = {  # url path -> what the page must show on the demo database
    "": "Ba chỉ tiêu chậm nhất",
    "plan": "Trích kế hoạch",
    "locality": "Đơn vị cấp dưới",
    "indicator": "xếp hạng đơn vị cấp dưới",
    "trend": "Mức cần đạt theo tiến độ",
    "completeness": "sao chép để nhắc",
    "upload": "Tải mẫu báo cáo",
    "settings": "Hạn nộp báo cáo quý",
    "export": "Tải Excel (.xlsx)",
    "plans": "Lưu kế hoạch",
    "accounts": "Thêm tài khoản",
    "audit": "Tải nhật ký (CSV)",
}


def assert_no_error(page):
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body and "Page not found" not in body
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_opens_with_data(page, app_url, path):
    visit(page, f"{app_url}/{path}")
    # visible: tables also carry a hidden copy for print (dashboard/chrome.table) and grids a hidden one for screen readers
    expect(page.get_by_text(PAGES[path]).filter(visible=True).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    charts = page.locator("[data-testid='stPlotlyChart']")
    if charts.count():   # let the first chart finish drawing before the screenshot
        expect(charts.first.locator(".main-svg").first).to_be_visible(timeout=30_000)
    assert_no_error(page)
    assert "Dữ liệu minh họa" in page.inner_text("body")
    screenshot(page, f"page-{path or 'overview'}")


def test_app_opens_on_the_most_recent_plan_with_data(page, app_url):
    visit(page, app_url)
    expect(page.get_by_text("Phường Bạch Đằng — 9 tháng năm 2026")).to_be_visible(timeout=60_000)
    assert "plan=bachdang-2026" in page.url and "q=3" in page.url  # latest quarter with data


def test_the_view_carries_to_another_page(page, app_url):
    visit(page, f"{app_url}/?plan=binhluc-2022&year=2022&q=2")
    expect(page.get_by_text("Huyện Bình Lục — 6 tháng đầu năm 2022")).to_be_visible(timeout=60_000)
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(page.get_by_role("heading", name="Huyện Bình Lục — 6 tháng đầu năm 2022")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("6 tháng đầu năm")
    wait_idle(page)
    assert "/plan?" in page.url and "plan=binhluc-2022" in page.url and "q=2" in page.url


def test_shared_link_opens_the_same_view(page, app_url):
    link = f"{app_url}/indicator?plan=quangtri-2022-2025&year=2024&q=2&unit=464%40pre2025&target=quangtri-2022-2025%2307"
    visit(page, link)
    expect(page.get_by_role("heading", name="Huyện Vĩnh Linh — 6 tháng đầu năm 2024")).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert_no_error(page)
    expect(page.get_by_role("combobox", name="Năm")).to_have_value("2024")
    expect(page.get_by_role("combobox", name="Kỳ báo cáo")).to_have_value("6 tháng đầu năm")
    expect(page.get_by_role("combobox", name="Địa bàn")).to_have_value("· Huyện Vĩnh Linh")
    expect(page.get_by_role("combobox", name="Chỉ tiêu")).to_have_value(
        "7. Tin báo, tố giác được tiếp nhận, xác minh, xử lý kịp thời")
    expect(page.locator("[data-testid='stPlotlyChart']").first).to_contain_text("Huyện Vĩnh Linh, 6 tháng đầu năm 2024")
    chart = page.locator("[data-testid='stPlotlyChart']").first.inner_text()
    assert "Huyện Vĩnh Linh, 6 tháng đầu năm 2024" in chart and "Chỉ tiêu 100%" in chart
    screenshot(page, "shared-link-indicator")


def test_drilling_down_and_back_up_on_the_locality_page(page, app_url):
    visit(page, f"{app_url}/locality?plan=binhluc-2022&year=2022&q=4")
    expect(page.get_by_text("xã đã báo cáo quý 4/2022")).to_be_visible(timeout=60_000)
    wait_idle(page)
    box = page.get_by_role("combobox", name="Xem đơn vị cấp dưới")
    box.scroll_into_view_if_needed()   # at the page's foot the list would open off screen
    box.click()
    box.fill("Bình Nghĩa")
    page.get_by_role("option", name="Xã Bình Nghĩa").click()
    expect(page.get_by_role("heading", name="Xã Bình Nghĩa — năm 2022")).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert "unit=13504%40pre2025" in page.url
    screenshot(page, "locality-drilled-down")
    page.get_by_role("button", name="Huyện Bình Lục").click()
    expect(page.get_by_role("heading", name="Huyện Bình Lục — năm 2022")).to_be_visible(timeout=60_000)
