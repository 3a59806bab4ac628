"""A reporting officer in a real browser: download the template, fill it, upload, confirm, see the dashboard."""
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, visit, wait_idle
from tests.xlsx_files import fill_template


def test_template_to_dashboard(page, app_url, tmp_path):
    visit(page, f"{app_url}/upload")
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar).to_contain_text("Theo dõi")
    expect(sidebar).to_contain_text("Nộp báo cáo quý")
    expect(sidebar).not_to_contain_text("attainment")
    page.get_by_role("combobox", name="Quý").click()
    page.get_by_role("option", name="4").click()
    expect(page.get_by_role("combobox", name="Quý")).to_have_value("4")
    wait_idle(page)
    page.get_by_role("combobox", name="Đơn vị báo cáo").click()
    page.get_by_role("combobox", name="Đơn vị báo cáo").fill("Bạch Đằng")
    page.get_by_role("option", name="Phường Bạch Đằng (mã 11473)").click()
    wait_idle(page)
    expect(page.get_by_text("Mẫu báo cáo của Phường Bạch Đằng (mã 11473), quý 4/2026.")).to_be_visible()
    screenshot(page, "upload-unit-picked")
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải mẫu báo cáo (.xlsx)").click()
    assert download.value.suggested_filename == "mau-bao-cao-11473-2026-Q4.xlsx"
    template = Path(download.value.path()).read_bytes()

    filled = fill_template(template, tmp_path / "bao-cao-q4.xlsx",
                           {"establishments_inspected": (40, 48), "tipoffs_handled": (7, 7),
                            "outreach_sessions": (1, None)}, officer="Cán bộ VH-XH")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(filled))
    expect(page.get_by_text("bao-cao-q4.xlsx: hợp lệ")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Kết quả thực hiện chỉ tiêu sau khi nạp")).to_be_visible()
    screenshot(page, "upload-preview")

    page.get_by_role("button", name="Xác nhận nạp 1 tệp hợp lệ").click()
    expect(page.get_by_text("Đã nạp tệp 'bao-cao-q4.xlsx'")).to_be_visible(timeout=60_000)
    screenshot(page, "upload-done")

    visit(page, f"{app_url}/plan?plan=bachdang-2026&year=2026&q=4")
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    # 40 of 48 establishments inspected, as typed in the template (the demo had 35 by Q3)
    expect(page.get_by_text("Kết quả: 83,3% (40/48)")).to_be_visible(timeout=30_000)
    screenshot(page, "dashboard-after-upload")


def test_a_refused_file_offers_the_error_report(page, app_url, tmp_path):
    from tests.xlsx_files import bulk
    bad = bulk(tmp_path / "sai.xlsx", [("11473", 2026, 3, "establishments_inspected", 152, 148)])
    visit(page, f"{app_url}/upload")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(bad))
    expect(page.get_by_text("sai.xlsx: bị từ chối, 1 lỗi")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Sheet 'Dữ liệu', dòng 4, cột 'Tử số': 152 lớn hơn mẫu số 148")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp báo lỗi").click()
    assert download.value.suggested_filename == "loi-sai.xlsx"
    screenshot(page, "upload-refused")
