"""Personal data written as numbers or set phrases, found inside any text: ID numbers (CCCD/CMND), phone
numbers, e-mail addresses, birth dates and home addresses. Every pattern reads the plain form of the text
(no diacritics, lower case; etl.intake.pd_text.plain), so 'SĐT', 'sdt' and 'Sđt' are one word.
"""
from __future__ import annotations

import re

# E-mails: one character of the local part (a lookbehind), the '@' (or '[at]', '(at)'), a bounded dotted
# domain. Never '[\w.]+@' tried at every position: that backtracks quadratically on a long word.
EMAIL = re.compile(r"(?<=[\w.+-])@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
EMAIL_SPELLED = re.compile(r"(?<=[\w.+-])\s?(?:\[at\]|\(at\)|\[a\]|\(a\))\s?[\w-]{1,63}"
                           r"(?:\s?(?:\.|\[dot\]|\(dot\))\s?[\w-]{1,63}){1,4}")
TLD = re.compile(r"(?:com|vn|net|org|edu|gov|info|biz|io|me)$")
# Digits in groups joined by one space, dot or dash ('0912 345 678', '038.095.001.234', '0912-345-678'),
# optionally after +84 / (84) / (+84); never a part of '1629/QĐ-TTg' or a date '28/9/2021'.
NUMBER = re.compile(r"(?<![\d/.,-])(?P<cc>\(\+?84\)\s?|\+84[\s.-]?|\+?\(0?\d{2,3}\)\s?)?"
                    r"(?P<digits>\d{1,4}(?:[ .-]\d{2,4}){1,5}|\d{1,12})(?![\d/]|[.,-]\d)")
AMOUNT_WORDS = re.compile(r"^\s*(?:dong|d\b|vnd|vnđ|trieu|ty|nghin|ngan|nguoi|luot|suat|usd|%)")
ID_WORDS = re.compile(r"(?:cccd|cmnd|cmt|can cuoc|chung minh|dinh danh|ho chieu)\D{0,12}$")
PHONE_WORDS = re.compile(r"(?:sdt|dien thoai|\bdt\b|\bd/t\b|lien he|\blh\b|di dong|\bsđt\b|zalo|phone|tel)\W{0,6}$")
SERVICE_PREFIXES = ("1800", "1900")
BIRTH = re.compile(
    r"(?:\b(?:ngay sinh|ngay thang nam sinh|nam sinh|sn|s\.n)\b"
    r"|(?<!hoc )(?<!phat )(?<!ve )(?<!nay )(?<!tai )(?<!ky )(?<!ho )(?<!hy )(?<!khai )(?<!dan )"
    r"(?<!su )(?<!truong )(?<!sinh )(?<!thi )\bsinh(?: ngay| nam| thang)?\b)"
    r"[\s:.,()]*(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b|\d{1,2}[/.-](?:19|20)\d{2}\b|(?:19[3-9]\d|20[0-2]\d)\b)"
    r"|\bns\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b|(?:19[4-9]\d|200\d|201[0-2])\b)")  # not 'NS 2023' (budget)
# Written out so no pattern above sees them: birth month and year in words, a passport or bank account
# number, an e-mail spelled 'at … dot', digits typed one by one ('0 3 8 0 9 5 …') or in slashed groups.
BIRTH_WORDS = re.compile(r"\bsinh (?:ngay \d{1,2} )?thang \d{1,2}(?: nam)? (?:19|20)\d{2}\b")
PASSPORT = re.compile(r"\bho chieu\W{0,12}[a-z]\d{7}\b")
ACCOUNT = re.compile(r"(?:\bstk\b|\bso tai khoan\b|\btai khoan (?:ngan hang|so)\b|\btk ngan hang\b)\W{0,12}\d[\d .-]{5,22}\d")
EMAIL_WORDS = re.compile(r"\b[\w.+-]{2,64} at [\w-]{2,63}(?: (?:dot|cham) [\w-]{2,24}){1,3}\b")
SPREAD = re.compile(r"(?<![\d/])(?:\d[ ._-]){8,11}\d(?![\d/])|(?<![\d/])0\d{2,3}(?:/\d{3,4}){2}(?![\d/])")
ADDRESS = re.compile(
    r"\b(?:so nha|nha so)\s*:?\s*\d"
    r"|\b(?:ngo|ngach|hem|kiet)\s+(?:so\s+)?\d+\b"
    r"|\btru\s*(?:tai|o)\b|\b(?:thuong|tam) tru\s*:"
    r"|\b(?:hktt|hk thuong tru|ho khau thuong tru|noi o hien nay|noi o hien tai|noi cu tru|que quan)\b"
    r"|\b(?:dia chi|noi o|dc|d/c)\s*:"
    r"|\bso\s+\d+[a-z]?(?:/\d+)*\s*,?\s*(?:duong|pho|ngo|ngach|hem|kiet|to|thon|xom|ap)\b")
DIGIT = re.compile(r"\d")
ADDRESS_HINT = re.compile(r"so|ngo|ngach|hem|kiet|tru|hktt|noi|que|dia|dc|d/c|nha")
PERSONAL_HEADINGS = {
    "name": ("ho va ten", "ho ten", "ten doi tuong", "ten nguoi vi pham", "ten nguoi ban dam", "ten chu co so",
             "ten", "ho va ten doi tuong"),
    "id_number": ("cccd", "cmnd", "so cccd", "so cmnd", "can cuoc", "can cuoc cong dan", "chung minh nhan dan",
                  "so dinh danh", "so dinh danh ca nhan", "so cccd/cmnd", "cccd/cmnd"),
    "phone": ("so dien thoai", "dien thoai", "sdt", "dt lien he", "so dt", "dien thoai lien he"),
    "address": ("dia chi", "noi o", "noi thuong tru", "noi o hien nay", "ho khau thuong tru", "que quan",
                "thuong tru", "tam tru", "cho o hien nay"),
    "birth": ("ngay sinh", "nam sinh", "ngay, thang, nam sinh", "ngay thang nam sinh", "sinh ngay"),
    "email": ("email", "e-mail", "thu dien tu", "dia chi email"),
}
HEADING_KIND = {heading: kind for kind, headings in PERSONAL_HEADINGS.items() for heading in headings}


def heading_kind(flat: str) -> str | None:
    """A cell that is only a personal heading ('Họ và tên', 'SO DIEN THOAI:'): a column of personal data."""
    return HEADING_KIND.get(flat.rstrip(":").strip())


def kinds(flat: str) -> list[str]:
    """Kinds of personal data written as numbers or set phrases in a plain text."""
    found = []
    if _has_email(flat) or (" at " in flat and EMAIL_WORDS.search(flat) and TLD.search(EMAIL_WORDS.search(flat).group())):
        found.append("email")
    if DIGIT.search(flat):
        found += _numbers(flat)
        if ("sinh" in flat or "sn" in flat or "ns" in flat or "s.n" in flat) and (BIRTH.search(flat)
                                                                                 or BIRTH_WORDS.search(flat)):
            found.append("birth")
        if PASSPORT.search(flat):
            found.append("id_number")
        if ACCOUNT.search(flat):
            found.append("bank_account")
    if ADDRESS_HINT.search(flat) and ADDRESS.search(flat):
        found.append("address")
    return found


def _has_email(flat: str) -> bool:
    if "@" in flat and EMAIL.search(flat):
        return True
    spelled = "(" in flat or "[" in flat
    return spelled and any(TLD.search(m.group()) for m in EMAIL_SPELLED.finditer(flat))


def _numbers(flat: str) -> list[str]:
    found = [kind for m in SPREAD.finditer(flat) if (kind := _spread_kind(m, flat))]
    for match in NUMBER.finditer(flat):
        kind = _number_kind(match, flat)
        if kind:
            found.append(kind)
    return found


def _spread_kind(match: re.Match, flat: str) -> str | None:
    """Digits typed apart ('0 3 8 0 9 5 …', '0987/654/321'): read as the number they spell."""
    digits = re.sub(r"\D", "", match.group())
    before = flat[max(0, match.start() - 40):match.start()]
    if ID_WORDS.search(before) and len(digits) >= 8:
        return "id_number"
    if PHONE_WORDS.search(before) and len(digits) >= 8:
        return "phone"
    return _bare_number_kind(digits, digits) if digits.startswith("0") else None


def _number_kind(match: re.Match, flat: str) -> str | None:
    raw = match.group("digits")
    if len(raw) < 7 and not match.group("cc"):
        return None  # '3', '2023', '15349': too short for any phone or ID number
    digits = re.sub(r"\D", "", raw)
    before, after = flat[max(0, match.start() - 40):match.start()], flat[match.end():match.end() + 12]
    prefix = match.group("cc") or ""
    if "84" in prefix and not prefix.startswith("+(") and len(digits) in (9, 10):
        return "phone"  # +84 912 345 678, (84) 912.345.678
    if prefix.startswith("(") or prefix.startswith("+("):
        digits = re.sub(r"\D", "", prefix) + digits  # (024) 3825 1234
    if ID_WORDS.search(before) and len(digits) >= 8:
        return "id_number"
    if PHONE_WORDS.search(before) and len(digits) >= 8 and not digits.startswith(SERVICE_PREFIXES):
        return "phone"
    if digits.startswith(SERVICE_PREFIXES) or (AMOUNT_WORDS.match(after) and not digits.startswith("0")):
        return None
    return _bare_number_kind(raw, digits)


def _bare_number_kind(raw: str, digits: str) -> str | None:
    """A number with no word around it that says what it is."""
    if digits.startswith("0084") and len(digits) == 13:
        digits = digits[2:]  # 0084 912 345 678
    if digits.startswith("84") and len(digits) == 11 and digits[2] in "35789":
        return "phone"  # 84912345678
    if digits.startswith("0"):
        if len(digits) == 10 and digits[1] in "35789":
            return "phone"
        if len(digits) == 11 and (digits[1] == "2" or digits[1] == "1"):
            return "phone"  # landline 024 3825 1234, old mobile 0912...
        if len(digits) in (9, 12):
            return "id_number"
        return None
    thousands = re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) is not None
    if thousands:
        return None  # 150.000.000: an amount
    if len(digits) == 9 and digits[0] in "35789" and raw != digits:
        return "phone"  # 912 345 678: a mobile number without its 0
    if len(digits) in (9, 11, 12):
        return "id_number"  # CMND; CCCD typed as a number loses its leading 0
    return None
