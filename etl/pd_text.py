"""Text forms the personal-data scanner compares: NFC with diacritics, and plain (no diacritics, lower case)."""
from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def nfc(value) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def plain(text: str) -> str:
    """'Đối TƯỢNG' -> 'doi tuong': no tone or vowel marks, đ -> d, lower case."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def has_marks(word: str) -> bool:
    return plain(word) != word.casefold()


def is_capitalised(word: str) -> bool:
    """'An', 'AN', "H'Bia": a word written with a capital first letter."""
    return word[:1].isupper()
