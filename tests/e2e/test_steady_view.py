"""The view only the user changes, in a real browser: PCMD_STEADY_RUNS (default 200) scripted view
changes on Chỉ số in ONE browser session, each checked against what was chosen (no period flipping to
"Quý I" after a target is picked); some changes are made before the previous rerun ends, as a hurried
leader does. Then the target carries to Xu hướng and back, and a copied link names it."""
from __future__ import annotations

import os
import random
import time
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, visit, wait_idle

RUNS = int(os.environ.get("PCMD_STEADY_RUNS", "200"))
PERIODS = ["Quý I", "6 tháng đầu năm", "9 tháng", "Cả năm"]
PICKERS = ("Kế hoạch", "Năm", "Kỳ báo cáo", "Địa bàn", "Chỉ tiêu")


def box(page, name: str):
    if name == "Chỉ tiêu":
        return page.get_by_role("combobox", name=name)
    return page.locator("[data-testid='stSidebar']").get_by_role("combobox", name=name)


def choose(page, name: str, option: str) -> None:
    box(page, name).click()
    page.get_by_role("option", name=option, exact=True).click()


def options(page, name: str) -> list[str]:
    box(page, name).click()
    page.get_by_role("option").first.wait_for()
    found = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [o.strip() for o in found]


def shown(page) -> dict[str, str]:
    return {name: box(page, name).input_value() for name in PICKERS}


def url_view(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def settled(page, expected: dict, seconds: float = 5) -> None:
    """Wait (up to `seconds`) until the URL names the expected period: Streamlit's running indicator shows
    only after a moment, so a short rerun may still be going when wait_idle() returns. A real flip stays."""
    q = str(PERIODS.index(expected["Kỳ báo cáo"]) + 1)
    if url_view(page).get("q") == q:
        return
    deadline = time.monotonic() + seconds
    while url_view(page).get("q") != q and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    wait_idle(page)


def test_scripted_view_changes_never_flip(page, app_url):
    visit(page, f"{app_url}/indicator?plan=quangtri-2022-2025&year=2024&q=4&unit=45%40pre2025")
    expect(page.get_by_role("heading", name="Tỉnh Quảng Trị — năm 2024")).to_be_visible(timeout=60_000)
    wait_idle(page)
    targets = options(page, "Chỉ tiêu")
    assert len(targets) >= 5
    rng = random.Random(16)
    expected = shown(page)
    assert expected["Kỳ báo cáo"] == "Cả năm"
    flips, started = [], time.monotonic()
    for run in range(RUNS):
        kind = rng.choice(("target", "target", "target", "period", "hurried", "hurried"))
        if kind == "period":
            expected["Kỳ báo cáo"] = rng.choice([p for p in PERIODS if p != expected["Kỳ báo cáo"]])
            choose(page, "Kỳ báo cáo", expected["Kỳ báo cáo"])
        elif kind == "hurried":  # the period, then a target before that rerun has ended
            expected["Kỳ báo cáo"] = rng.choice([p for p in PERIODS if p != expected["Kỳ báo cáo"]])
            choose(page, "Kỳ báo cáo", expected["Kỳ báo cáo"])
            expected["Chỉ tiêu"] = rng.choice([t for t in targets if t != expected["Chỉ tiêu"]])
            choose(page, "Chỉ tiêu", expected["Chỉ tiêu"])
        else:
            expected["Chỉ tiêu"] = rng.choice([t for t in targets if t != expected["Chỉ tiêu"]])
            choose(page, "Chỉ tiêu", expected["Chỉ tiêu"])
        wait_idle(page)
        settled(page, expected)
        now = shown(page)
        if now != expected:
            flips.append((run, kind, {k: (expected[k], now[k]) for k in now if now[k] != expected[k]}))
            screenshot(page, f"steady-flip-{len(flips)}")
            expected = now
        query = url_view(page)
        if query.get("q") != str(PERIODS.index(now["Kỳ báo cáo"]) + 1):
            flips.append((run, "url", query))
    elapsed = time.monotonic() - started
    print(f"{RUNS} view changes in {elapsed:.0f} s ({elapsed / max(RUNS, 1):.2f} s each), {len(flips)} flips")
    screenshot(page, "steady-view-after-runs")
    assert not flips, flips[:10]


def test_target_carries_to_trend_and_back_and_the_link_names_it(page, app_url):
    visit(page, f"{app_url}/indicator?plan=quangtri-2022-2025&year=2024&q=4&unit=45%40pre2025")
    expect(page.get_by_role("heading", name="Tỉnh Quảng Trị — năm 2024")).to_be_visible(timeout=60_000)
    wait_idle(page)
    chosen = options(page, "Chỉ tiêu")[3]
    choose(page, "Chỉ tiêu", chosen)
    wait_idle(page)
    target_id = url_view(page)["target"]
    assert target_id.startswith("quangtri-2022-2025#")
    nav = page.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name="Xu hướng", exact=True).click()
    expect(page.get_by_role("combobox", name="Chỉ tiêu")).to_have_value(chosen, timeout=60_000)
    wait_idle(page)
    assert "/trend?" in page.url and url_view(page)["target"] == target_id
    expect(box(page, "Kỳ báo cáo")).to_have_value("Cả năm")
    drawn = page.locator("[data-testid='stPlotlyChart'] .main-svg").or_(page.get_by_text("Chưa có số liệu của chỉ tiêu"))
    expect(drawn.first).to_be_visible(timeout=60_000)     # the page's figures for that target, not just the picker
    screenshot(page, "target-carried-to-trend")
    nav.get_by_role("link", name="Tổng quan", exact=True).click()   # a page without the target picker
    expect(page.get_by_text("Ba chỉ tiêu chậm nhất")).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert url_view(page)["target"] == target_id
    nav.get_by_role("link", name="Chỉ số", exact=True).click()
    expect(page.get_by_role("combobox", name="Chỉ tiêu")).to_have_value(chosen, timeout=60_000)
    wait_idle(page)
    link = page.url                                               # the copied link, opened in a new tab
    other = page.context.new_page()
    try:
        visit(other, link)
        expect(other.get_by_role("combobox", name="Chỉ tiêu")).to_have_value(chosen, timeout=60_000)
        expect(box(other, "Năm")).to_have_value("2024")
        expect(box(other, "Kỳ báo cáo")).to_have_value("Cả năm")
    finally:
        other.close()
