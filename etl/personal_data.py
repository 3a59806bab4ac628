"""Spotting personal data in a workbook: names, CCCD/CMND numbers, phone numbers, home addresses.

Returns hold only totals. A file carrying data about people is refused, and the message never repeats
the value it found (so that it reaches no log). The reporting officer's own name, next to a label
such as "Người báo cáo" or under a signature title, is not data about the people counted.
"""
from __future__ import annotations

import re
import unicodedata

from openpyxl.utils import get_column_letter

from etl.labels_vi import MSG
from etl.problems import Problem

PERSONAL_HEADINGS = {
    "name": ("họ và tên", "họ tên", "tên đối tượng", "tên người vi phạm", "tên người bán dâm"),
    "id_number": ("cccd", "cmnd", "số cccd", "số cmnd", "căn cước", "căn cước công dân", "chứng minh nhân dân",
                  "số định danh", "số định danh cá nhân"),
    "phone": ("số điện thoại", "điện thoại", "sđt", "đt liên hệ"),
    "address": ("địa chỉ", "nơi ở", "nơi thường trú", "nơi ở hiện nay", "hộ khẩu thường trú", "quê quán"),
    "birth": ("ngày sinh", "năm sinh", "ngày, tháng, năm sinh"),
}
HEADING_KIND = {heading: kind for kind, headings in PERSONAL_HEADINGS.items() for heading in headings}
_PLAIN_CODE = re.compile(r"^[a-z_]+$")
OFFICER_LABELS = ("người báo cáo", "người lập biểu", "người lập", "thủ trưởng đơn vị", "người ký",
                  "cán bộ tổng hợp", "lãnh đạo đơn vị")
SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Trịnh Mai Trương "
            "Đinh Lâm Phùng Cao Tạ Hà Lương Chu Kiều Quách Tô Triệu Lưu Thái Văn Vương Lại Khúc Mạc").split()
_UPPER = "A-ZÀ-ỸĐ"
NAME = re.compile(rf"^(?:{'|'.join(SURNAMES)})(?: [{_UPPER}][^\s\d,.;:]*){{1,3}}$")
NAME_AFTER_WORD = re.compile(
    rf"(?:đối tượng|ông|bà|anh|chị|chủ cơ sở|người bán dâm|tên)\s+(?:{'|'.join(SURNAMES)})(?: [{_UPPER}][^\s\d,.;:]*){{1,3}}")
PHONE = re.compile(r"^(?:\+?84|0)(?:3|5|7|8|9)\d{8}$")
CCCD = re.compile(r"^0\d{11}$")
CMND = re.compile(r"^\d{9}$")
OFFICER_REACH = 6  # rows below a signature title where the officer's name is written


def _text(value) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _heading(value) -> str:
    return _text(value).casefold().rstrip(":").strip()


def scan(sheet: str, grid: list[list]) -> list[Problem]:
    exempt = _officer_cells(grid)
    problems = []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value in (None, "") or (r, c) in exempt:
                continue
            kind = _kind(value)
            if kind:
                where = MSG["where"].format(sheet=sheet, row=r + 1, column=get_column_letter(c + 1))
                problems.append(Problem(MSG["personal_data"].format(where=where, kind=MSG[f"pd_{kind}"]),
                                        sheet, r + 1, c + 1))
    return problems


def _kind(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        digits = str(int(value)) if float(value).is_integer() else ""
        return "id_number" if CMND.match(digits) or len(digits) == 11 else None  # CCCD typed as a number loses its 0
    text = _text(value)
    kind = HEADING_KIND.get(text.casefold().rstrip(":").strip())
    if kind or _PLAIN_CODE.match(text):
        return kind  # a personal heading, or an indicator code / plain word: nothing more to look for
    compact = re.sub(r"[\s.\-()]", "", text)
    if PHONE.match(compact):
        return "phone"
    if CCCD.match(compact) or CMND.match(compact):
        return "id_number"
    if NAME.match(text) or NAME_AFTER_WORD.search(text):
        return "name"
    return None


def _officer_cells(grid: list[list]) -> set[tuple[int, int]]:
    """Cells beside or under a label like 'Người báo cáo': the officer's own name, not a person counted."""
    exempt = set()
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, str) and _heading(value) in OFFICER_LABELS:
                exempt |= {(r, c2) for c2 in range(c + 1, len(row))}
                exempt |= {(r2, c) for r2 in range(r + 1, min(len(grid), r + 1 + OFFICER_REACH))}
    return exempt
