"""Text forms the personal-data scanner compares: NFC with diacritics, and plain (no diacritics, lower case)."""
from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def nfc(value) -> str:
    """NFC, invisible characters (zero-width space, soft hyphen) removed, runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFC", str(value)).translate(INVISIBLE).split())


def plain(text: str) -> str:
    """'Đối TƯỢNG' -> 'doi tuong': no tone or vowel marks, đ -> d, lower case."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))  # NFKD: '０９１２' -> '0912'
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def has_marks(word: str) -> bool:
    return plain(word) != word.casefold()


def is_capitalised(word: str) -> bool:
    """'An', 'AN', "H'Bia": a word written with a capital first letter."""
    return word[:1].isupper()
