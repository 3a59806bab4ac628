"""An officer corrects one figure of a quarter already sent and removes another, in a real browser: the
preview says how many figures are kept (carried forward) and removed, and after confirming the kept
figures are still in force. (The figure-by-figure table is checked in tests/app/test_app_upload_corrections.py:
the browser draws it on a canvas.)"""
import duckdb
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, visit
from tests.xlsx_files import bulk


def test_a_correction_lists_changed_removed_and_carried_figures(page, app_url, demo_database, tmp_path):
    with duckdb.connect(str(demo_database), read_only=True) as con:
        figures = con.execute(
            """SELECT f.indicator_code, f.numerator, f.denominator, i.kind, i.numerator_agg
               FROM current_figures f JOIN indicators i ON i.code = f.indicator_code
               WHERE f.locality_id = '11473@2025' AND f.year = 2026 AND f.quarter = 2
               ORDER BY f.indicator_code""").fetchall()
    assert len(figures) >= 3, figures
    count = next(f for f in figures if f[3] == "count" and f[4] == "sum")
    removed = next(f for f in figures if f is not count)
    kept = [f for f in figures if f not in (count, removed)]
    path = bulk(tmp_path / "sua-q2.xlsx", [("11473", 2026, 2, count[0], count[1] + 1, None),
                                           ("11473", 2026, 2, removed[0], "xóa", None)])
    visit(page, f"{app_url}/upload")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    expect(page.get_by_text("sua-q2.xlsx: hợp lệ")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"{len(kept)} số liệu tệp không ghi được giữ nguyên từ phiên bản đang dùng, "
                            "1 số liệu bị xóa")).to_be_visible()
    screenshot(page, "upload-correction-preview")
    page.get_by_role("button", name="Xác nhận nạp 1 tệp hợp lệ").click()
    expect(page.get_by_text("Đã nạp tệp 'sua-q2.xlsx'")).to_be_visible(timeout=60_000)
    # the same file again: nothing new, and the kept figures are still there to be kept
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
    expect(uploader).to_have_count(1, timeout=60_000)  # the emptied uploader has replaced the used one
    uploader.set_input_files(str(path))
    expect(page.get_by_text("nạp lại sẽ không thay đổi gì")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"{len(kept)} số liệu tệp không ghi được giữ nguyên từ phiên bản đang dùng, "
                            "0 số liệu bị xóa")).to_be_visible()
