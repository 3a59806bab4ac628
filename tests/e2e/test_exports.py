"""A leader in a real browser downloads the Excel tables, the CSV zip and the Word annex of the view
on screen; each file arrives whole and they agree with each other."""
import csv
import io
import zipfile
from pathlib import Path

import docx
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, visit, wait_idle

VIEW = "plan=quangtri-2022-2025&year=2024&q=2&unit=45%40pre2025"


def download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def test_each_download_button_delivers_its_file(page, app_url):
    visit(page, f"{app_url}/export?{VIEW}")
    expect(page.get_by_role("heading", name="Kết quả thực hiện chỉ tiêu qua các năm")).to_be_visible(timeout=60_000)
    wait_idle(page)
    screenshot(page, "page-export")

    name, content = download(page, "Tải Excel (.xlsx)")
    assert name == "pcmd-quangtri-2022-2025-2024-Q2-45.xlsx"
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Theo chỉ tiêu", "Theo địa bàn", "Tình hình báo cáo", "Qua các năm"]
    sheet = book["Theo chỉ tiêu"]
    assert sheet["A3"].value.startswith("Kỳ báo cáo: 6 tháng đầu năm 2024") and sheet["A4"].value == "Địa bàn: Tỉnh Quảng Trị"
    first_share = sheet["E8"].value

    name, content = download(page, "Tải CSV (.zip, mỗi bảng một tệp)")
    assert name.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.namelist() == ["chi-tieu.csv", "dia-ban.csv", "bao-cao.csv", "cac-nam.csv"]
    rows = list(csv.reader(io.StringIO(archive.read("chi-tieu.csv").decode("utf-8-sig"))))
    assert float(rows[1][4]) == round(first_share * 100, 1)

    name, content = download(page, "Tải phụ lục Word (.docx)")
    assert name.endswith(".docx")
    document = docx.Document(io.BytesIO(content))
    assert document.tables[0].rows[0].cells[0].text == "UBND TỈNH QUẢNG TRỊ"
    shown = document.tables[1].rows[1].cells[3].text
    assert shown == f"{round(first_share * 100, 1):.1f}%".replace(".", ",")
