"""Issue 16, what users see, in Chromium: Vietnamese chrome with no English controls and no download outside
the export page; a phone layout at 390 px; a print layout on A4 (page.pdf, rendered to PNG to look at)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, login, screenshot, wait_idle

VIEW = "?plan=quangtri-2022-2025&year=2024&q=4"
ENGLISH = ("Download", "Search", "Upload", "Browse files", "per file", "None", "Fullscreen", "Deploy")


def _pdf(page, name: str) -> str:
    """The page printed to A4 as Chrome prints it; its first page as a PNG in test-artifacts/; its text."""
    import pypdfium2 as pdfium
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", print_background=True)
    page.emulate_media(media="screen")
    pdf = pdfium.PdfDocument(str(path))
    pdf[0].render(scale=1).to_pil().save(ARTIFACTS / f"{name}-1.png")
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_no_english_controls_and_the_four_quarters_fit_a_laptop(browser, app_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, app_url, "quantri", "quantri-minhhoa", f"completeness{VIEW}")
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid).to_be_visible(timeout=30_000)
    page.wait_for_timeout(500)
    grid.hover()
    assert page.locator("[data-testid='stElementToolbar']").first.is_hidden()   # no "Download as CSV", "Search"
    assert grid.locator("[role='columnheader']", has_text="Quý 4").count() == 1
    scroll, width = grid.evaluate("e => { const s = e.querySelector('.dvn-scroller'); "
                                  "return [s.scrollWidth, s.clientWidth]; }")
    assert scroll <= width + 1, (scroll, width)                                   # Q4 on screen, no scrolling
    screenshot(page, "look-completeness-1440")
    page.get_by_role("link", name="Nộp báo cáo quý").click()
    dropzone = page.locator("[data-testid='stFileUploaderDropzone']")
    expect(dropzone).to_be_visible(timeout=30_000)
    after = lambda selector: page.locator(selector).first.evaluate(  # noqa: E731
        "e => getComputedStyle(e, '::after').content")
    assert after("[data-testid='stFileUploaderDropzone'] button p") == '"Chọn tệp"'
    assert after("[data-testid='stFileUploaderDropzoneInstructions'] span") == '"Tối đa 20 MB mỗi tệp"'
    screenshot(page, "look-uploader")
    page.get_by_role("link", name="Tổng quan").click()
    wait_idle(page)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    expect(chart).to_be_visible(timeout=30_000)
    chart.hover()
    assert page.locator(".modebar-btn").count() == 0                             # no Plotly toolbar
    body = page.inner_text("body")
    assert not [word for word in ENGLISH if word in body], body[:500]
    screenshot(page, "look-overview-1440")
    context.close()


def test_phone_tiles_two_by_two_sidebar_folds_after_choosing_a_page_status_first(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    login(page, app_url, "quantri", "quantri-minhhoa", VIEW)
    tiles = page.locator("[data-testid='stMetric']")
    expect(tiles.first).to_be_visible(timeout=30_000)
    wait_idle(page)

    def two_by_two(boxes) -> bool:
        return all(boxes) and abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[2]["y"] > boxes[0]["y"]
    for _ in range(30):  # the layout settles once the page's style has arrived (it follows the first tiles)
        boxes = [tiles.nth(i).bounding_box() for i in range(4)]
        if two_by_two(boxes):
            break
        page.wait_for_timeout(500)
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"]   # two per row
    assert abs(boxes[2]["y"] - boxes[3]["y"]) < 2 and boxes[2]["y"] > boxes[0]["y"]
    assert all(b["x"] + b["width"] <= 390 for b in boxes)
    expect(page.locator(".st-key-phone-only")).to_be_visible()                   # the heatmap's phone note
    assert page.locator(".st-key-heatmap .heatmap-label").first.is_hidden()      # no text spilling over cells
    screenshot(page, "look-phone-overview")
    sidebar = page.locator("[data-testid='stSidebar']")
    page.locator("[data-testid='stExpandSidebarButton']").click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    page.get_by_role("link", name="Địa bàn").click()
    expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=10_000)  # folded away after choosing
    wait_idle(page)
    header = page.locator("[role='columnheader']").first
    expect(header).to_have_text("Trạng thái", timeout=30_000)                  # status first, on screen
    box = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390            # the grid (status first) on screen
    screenshot(page, "look-phone-locality")
    context.close()


def test_monitoring_pages_print_on_a4_without_sidebar_charts_and_tables_whole(browser, app_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    login(page, app_url, "quantri", "quantri-minhhoa", VIEW)
    for name, link in (("overview", None), ("locality", "Địa bàn"), ("completeness", "Tình hình báo cáo")):
        if link:
            page.get_by_role("link", name=link).click()
        wait_idle(page)
        page.wait_for_timeout(1500)        # the chart's print scale is refreshed every second
        if name != "completeness":
            expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first).to_be_visible(timeout=30_000)
            page.wait_for_function("() => document.querySelector('[data-testid=\"stPlotlyChart\"]')"
                                   ".style.getPropertyValue('--print-zoom') !== ''", timeout=10_000)
            printed = page.locator("[data-testid='stPlotlyChart']").first.evaluate(
                "e => parseFloat(e.querySelector('svg.main-svg').getAttribute('width'))"
                " * parseFloat(e.style.getPropertyValue('--print-zoom'))")
            assert 0 < printed <= 720, printed                                    # scaled to A4's width on paper
        text = _pdf(page, f"look-print-{name}")
        assert "Đăng xuất" not in text and "Theo dõi" not in text              # no sidebar on paper
        if name == "completeness":
            assert "Quý 4" in text and "Huyện Cồn Cỏ" in text                   # every column, every row
        else:
            assert "Trạng thái" in text and "Tổng hợp từ" in text               # the table, printed
    context.close()
