"""Issue 16 (part) in Chromium: the heatmap headed by names, on screen and printed; the plan picker's
labels; retiring a plan asks first; the reporter's template picker preset to the quarter due."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, login, screenshot, visit, wait_idle


def test_heatmap_names_its_columns_on_screen_and_on_paper(page, app_url):
    visit(page, f"{app_url}/?plan=quangtri-2022-2025&year=2024&q=4")
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    heatmap = page.locator("[data-testid='stPlotlyChart']").first
    heatmap.scroll_into_view_if_needed()
    ticks = heatmap.locator(".xtick text")
    expect(ticks.first).to_be_visible()
    headers = " ".join(ticks.all_text_contents())
    assert "Cơ sở" in headers or "Người" in headers, headers      # names, not "1, 2, 3"
    assert not any(t.strip().isdigit() for t in ticks.all_text_contents())
    screenshot(page, "heatmap-names")
    ARTIFACTS.mkdir(exist_ok=True)
    page.emulate_media(media="print")
    page.pdf(path=str(ARTIFACTS / "heatmap-print.pdf"), format="A4", print_background=True)
    assert (ARTIFACTS / "heatmap-print.pdf").stat().st_size > 10_000


def test_plan_picker_labels_tell_plans_apart(page, app_url):
    visit(page, f"{app_url}/")
    picker = page.locator("[data-testid='stSidebar']").get_by_role("combobox").first
    picker.click()
    options = page.get_by_role("option").all_text_contents()
    assert len(options) == len(set(options)) >= 4
    assert any("UBND huyện Bình Lục · 2022" in o for o in options), options
    screenshot(page, "plan-picker")
    page.keyboard.press("Escape")


def test_retiring_a_plan_asks_first_and_cancel_keeps_it(page, app_url):
    visit(page, f"{app_url}/plans")
    page.get_by_role("combobox", name="Kế hoạch", exact=True).click()
    page.get_by_role("option", name="UBND huyện Bình Lục · 2022").click()
    wait_idle(page)
    page.get_by_role("button", name="Ngừng theo dõi kế hoạch này").click()
    expect(page.get_by_text("Việc này không hoàn tác được")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Xác nhận")).to_be_visible()
    screenshot(page, "retire-confirm")
    page.get_by_role("button", name="Hủy").click()
    expect(page.get_by_role("button", name="Ngừng theo dõi kế hoạch này")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Xác nhận")).to_have_count(0)


def test_a_reporter_picks_its_unit_by_name_and_the_quarter_due_is_preset(anonymous_page, app_url):
    page = anonymous_page
    login(page, app_url, "baocao.bachdang", "baocao-minhhoa", "upload")
    quarter = page.get_by_role("combobox", name="Quý")
    today = dt.date.today()
    due = (today.month - 1) // 3 or 4
    expect(quarter).to_have_value(str(due), timeout=30_000)
    unit = page.get_by_role("combobox", name="Đơn vị báo cáo")
    expect(unit).to_have_value("Phường Bạch Đằng (mã 11473)")
    unit.click()
    options = page.get_by_role("option").all_text_contents()
    assert options and all("11473" in o for o in options), options
    page.keyboard.press("Escape")
    screenshot(page, "reporter-template-picker")
