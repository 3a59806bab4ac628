"""User text in a real browser (#13): on a database whose every user text field holds links, images,
HTML, scripts, LaTeX, shortcodes, directives and icons, Chromium's page has no link or image of them,
fetches nothing from their address, runs no script, and shows them as the text that was typed."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.text import WORD_JOINER
from tests.e2e.conftest import screenshot, visit, wait_idle
from tests.payloads import ADMIN_PASSWORD, CLAUSE, DRAFT, LINK, PAYLOADS, TITLE, UNIT, hostile_database

ADDRESS = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):   # replaces conftest's: app_url serves this database
    return hostile_database(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def watched(page):
    """The page, with every request to the payloads' address and every dialog (alert) recorded."""
    seen = []
    page.on("request", lambda r: seen.append(r.url) if r.url.startswith(ADDRESS) else None)
    page.on("dialog", lambda d: (seen.append(f"dialog {d.message}"), d.dismiss()))
    return page, seen


def assert_only_text(page, seen) -> str:
    assert page.locator(f"a[href^='{ADDRESS}']").count() == 0
    assert page.locator(f"img[src^='{ADDRESS}']").count() == 0
    assert page.locator("[data-testid='stMain'] .katex").count() == 0          # no formula typeset
    assert page.locator("[data-testid='stMain'] [role='img'][aria-label='home icon']").count() == 0
    assert page.locator("[data-testid='stMain'] h1").count() == 1             # the page's own title only
    assert not seen, seen
    return page.inner_text("body").replace(WORD_JOINER, "")


def settle(page):
    wait_idle(page)
    charts = page.locator("[data-testid='stPlotlyChart']")
    if charts.count():
        expect(charts.first.locator(".main-svg").first).to_be_visible(timeout=30_000)


def test_plan_page_shows_title_clause_and_evidence_as_typed(watched, app_url):
    page, seen = watched
    visit(page, f"{app_url}/plan?plan=test-plan&year=2023&q=4&unit=90%40pre2025", "quantri", ADMIN_PASSWORD)
    expect(page.get_by_text("Trích kế hoạch").filter(visible=True).first).to_be_visible(timeout=60_000)
    for expander in page.get_by_text("Trích kế hoạch").filter(visible=True).all():   # not the tables' print copy
        expander.click()
    settle(page)
    body = assert_only_text(page, seen)
    assert TITLE.split(" · ")[1] in body                  # "[bấm vào đây](http://…)" as typed
    assert CLAUSE.split(" · ")[3] in body                 # '<a href="…">liên kết</a>' as typed
    assert ":smile: :streamlit: :+1:" in body and "$x^2$" in body
    screenshot(page, "user-text-plan")


def test_a_unit_name_on_the_overview_heatmap_and_the_locality_breadcrumb(watched, app_url):
    page, seen = watched
    visit(page, f"{app_url}/?plan=test-plan&year=2023&q=4&unit=900%40pre2025", "quantri", ADMIN_PASSWORD)
    expect(page.locator("[data-testid='stPlotlyChart']").first).to_be_visible(timeout=60_000)
    settle(page)
    assert_only_text(page, seen)
    ticks = page.locator("[data-testid='stPlotlyChart'] .ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert any(t.startswith("Xã [bấm vào đây]") for t in ticks), ticks   # Plotly draws the name as text
    assert page.locator("[data-testid='stPlotlyChart'] a").count() == 0
    screenshot(page, "user-text-overview")
    visit(page, f"{app_url}/locality?plan=test-plan&year=2023&q=4&unit=90001%40pre2025", "quantri", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", name="Địa bàn")).to_be_visible(timeout=60_000)
    settle(page)
    body = assert_only_text(page, seen)
    assert UNIT.split(" · ")[0] in body and '<img src="http://127.0.0.1:9/i.png">' in body
    unit_box = page.locator("[data-testid='stSidebar']").get_by_role("combobox", name="Địa bàn")
    unit_box.click()                                            # the sidebar's list of units: text too
    unit_box.press("ArrowDown")
    expect(page.get_by_role("option").first).to_be_visible()
    assert_only_text(page, seen)
    screenshot(page, "user-text-locality")


def test_pasted_draft_text_is_highlighted_as_text(watched, app_url):
    page, seen = watched
    visit(page, f"{app_url}/plans", "quantri", ADMIN_PASSWORD)
    page.get_by_text("Đề xuất chỉ tiêu từ văn bản kế hoạch").click()
    area = page.get_by_label("hoặc dán nội dung văn bản")
    area.fill(DRAFT)
    area.press("Control+Enter")
    expect(page.get_by_text("Tìm thấy")).to_be_visible(timeout=60_000)
    settle(page)
    body = assert_only_text(page, seen)
    assert PAYLOADS[0] in body and PAYLOADS[2] in body and "# Tiêu đề lớn" in body
    assert page.locator(".stMarkdownColoredBackground").count() >= 1     # the clause still highlighted
    assert LINK in body
    page.locator(".stMarkdownColoredBackground").last.scroll_into_view_if_needed()
    screenshot(page, "user-text-draft")
