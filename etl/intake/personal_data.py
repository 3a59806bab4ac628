"""Spotting personal data anywhere in a workbook's text: names, CCCD/CMND numbers, phone numbers, e-mail
addresses, birth dates and home addresses, inside any text, in any case, with or without diacritics.

Returns hold only totals. A file carrying data about people is refused, and the message never repeats
the value it found (so that it reaches no log): findings are kinds, never values. The only name allowed
is the reporting officer's, in the template's own signature cell (etl.intake.template.OFFICER_CELL).
"""
from __future__ import annotations

import functools
import re

from openpyxl.utils import get_column_letter

from etl.intake import pd_names, pd_patterns, pd_words
from etl.intake.pd_text import nfc, plain
from etl.intake.problems import Problem
from etl.labels_vi import MSG

INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
SPACED = dict.fromkeys(map(ord, INVISIBLE_CHARS), " ")  # a zero-width space may stand between words or inside one
HYPHENATED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
KINDS = ("name", "id_number", "phone", "email", "birth", "address", "bank_account")


def find(value) -> list[str]:
    """The kinds of personal data a value carries (each once, in KINDS order); [] for none."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return _number_kinds(value)
    return list(_text_kinds(str(value)))


@functools.lru_cache(maxsize=65536)
def _text_kinds(text: str) -> tuple[str, ...]:
    variants = [text, text.translate(SPACED)] if any(ch in text for ch in INVISIBLE_CHARS) else [text]
    if HYPHENATED.search(text):  # 'NGUYỄN-VĂN-QUÝNH': a name with its words joined by dashes
        variants.append(HYPHENATED.sub(" ", text))
    found = {kind for variant in variants for line in variant.splitlines() for kind in _line_kinds(nfc(line))}
    return tuple(k for k in KINDS if k in found)


@functools.lru_cache(maxsize=65536)
def _line_kinds(text: str) -> tuple[str, ...]:
    """Kinds in one line of text (a name never runs across a line break); cached, as a bulk sheet repeats
    the same codes and notes on many rows."""
    if not text:
        return []
    flat = plain(text)
    heading = pd_patterns.heading_kind(flat)
    found = [heading] if heading else pd_patterns.kinds(flat)
    if not heading and pd_names.has_name(text):
        found.append("name")
    return tuple(found)


def _number_kinds(value) -> list[str]:
    if not float(value).is_integer():
        return []
    digits = str(abs(int(value)))
    if len(digits) in (9, 11, 12):
        return ["phone" if len(digits) == 9 and digits[0] in "35789" else "id_number"]  # a leading 0 is lost
    return []


class PersonalDataProblem(Problem):
    """A place carrying personal data: its message names the place and the kinds, never the value."""


def scan(sheet: str, grid: list[list], officer_cell: tuple[int, int] | None = None,
         label: str | None = None) -> list[Problem]:
    """One problem per cell carrying personal data. `officer_cell` (row, column, 0-based) is the
    template's signature cell, where a name (the officer's own) is expected; `label` names the sheet in
    messages when its name cannot be shown."""
    problems = []
    known: dict[tuple[type, object], list[str]] = {}  # a bulk sheet repeats its codes, years and counts
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            key = (type(value), value)
            found = known.get(key)
            if found is None:
                found = known[key] = find(value)
            if (r, c) == officer_cell and one_name(value):
                found = [k for k in found if k != "name"]
            if found:
                where = MSG["where"].format(sheet=label or sheet, row=r + 1, column=get_column_letter(c + 1))
                problems.append(PersonalDataProblem(cell_message(where, found), sheet, r + 1, c + 1))
    return problems


def one_name(value) -> bool:
    """The signature cell holds one person's name and nothing else: two to five words of letters, no word
    that points at someone else ("người bán dâm Trần Thị X", a list of names, a phone number)."""
    if not isinstance(value, str):
        return False
    words = value.split()
    flat = f" {plain(value)} "
    return (2 <= len(words) <= 5 and all(ch.isalpha() or ch in " '-" for ch in value.strip())
            and not any(f" {t} " in flat for t in pd_words.TRIGGERS_PLAIN))


def sender_kinds(text: str) -> list[str]:
    """What the 'sent by' text carries beyond the officer's own name (a title, a unit, or one name)."""
    found = find(text)
    return [k for k in found if k != "name"] if one_name(text) else found


def kinds_text(found: list[str]) -> str:
    return ", ".join(MSG[f"pd_{k}"] for k in found)


def cell_message(where: str, found: list[str]) -> str:
    return MSG["personal_data"].format(where=where, kind=kinds_text(found))


def text_message(where: str, found: list[str]) -> str:
    return MSG["personal_data_text"].format(where=where, kind=kinds_text(found))
