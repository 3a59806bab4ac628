"""Across the 1 July 2025 reform in a real browser, on the demo database (issue 14): the series runs on
(Quảng Trị 2025 through the successors of its communes, Thành Nam's first half through its predecessors),
the source says so, and a code in the URL is the plan's own unit."""
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, visit, wait_idle


def _drawn(page):
    wait_idle(page)
    charts = page.locator("[data-testid='stPlotlyChart']")
    if charts.count():
        expect(charts.first.locator(".main-svg").first).to_be_visible(timeout=30_000)


def test_quang_tri_trend_runs_through_2025(page, app_url):
    visit(page, f"{app_url}/trend?plan=quangtri-2022-2025&year=2025&q=4&target=quangtri-2022-2025%2307")
    expect(page.get_by_text("Tỉnh Quảng Trị: lũy kế").first).to_be_visible(timeout=60_000)
    _drawn(page)
    screenshot(page, "reform-trend-quangtri-2025")
    assert "Traceback" not in page.inner_text("body")


def test_thanh_nam_first_half_comes_from_its_predecessors(page, app_url):
    visit(page, f"{app_url}/plan?plan=thanhnam-2025&year=2025&q=2")
    expect(page.get_by_text("Gồm số liệu của Phường Mỹ Xá, Xã Đại An trước ngày 01/07/2025").filter(visible=True).first) \
        .to_be_visible(timeout=60_000)
    assert "Chưa có số liệu" not in page.inner_text("body")
    _drawn(page)
    screenshot(page, "reform-plan-thanhnam-2025-h1")
    visit(page, f"{app_url}/trend?plan=thanhnam-2025&year=2025&q=4&target=thanhnam-2025%2303")
    expect(page.get_by_text("Phường Thành Nam: lũy kế").first).to_be_visible(timeout=60_000)
    _drawn(page)
    screenshot(page, "reform-trend-thanhnam-2025")


def test_old_code_in_the_url_is_the_old_plans_unit(page, app_url):
    visit(page, f"{app_url}/plan?plan=quangtri-2022-2025&year=2025&q=4&unit=19333")
    expect(page.get_by_text("Phường 1 — năm 2025").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert "Phường Đông Hà —" not in page.inner_text("body")
    assert "unit=19333%40pre2025" in page.url or "unit=19333@pre2025" in page.url


def test_quang_tri_completeness_after_the_reform_lists_the_successor_units(page, app_url):
    visit(page, f"{app_url}/completeness?plan=quangtri-2022-2025&year=2025&q=4")
    expect(page.get_by_text("Quý 4/2025").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    body = page.inner_text("body")
    assert "Traceback" not in body
    summary = next(line for line in body.splitlines() if line.startswith("Quý 4/2025:"))
    assert "/37 đơn vị đã gửi" in summary   # the 37 new communes (Đặc khu Cồn Cỏ too) counted in the old province, not its districts
    screenshot(page, "reform-completeness-quangtri-2025")
    # a code of no unit in the plan's area is said in words, not silently replaced
    visit(page, f"{app_url}/plan?plan=quangtri-2022-2025&year=2025&q=4&unit=13699")
    expect(page.get_by_text("Địa bàn mã 13699 không thuộc địa bàn của kế hoạch đã chọn").first) \
        .to_be_visible(timeout=60_000)
