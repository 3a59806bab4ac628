"""Text forms the personal-data scanner compares: NFC with diacritics, and plain (no diacritics, lower case)."""
from __future__ import annotations

import functools
import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def nfc(value) -> str:
    """NFC, invisible characters (zero-width space, soft hyphen) removed, runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFC", str(value)).translate(INVISIBLE).split())


def _plain_table() -> dict[int, str]:
    """Every Latin letter with marks -> its bare letter ('ễ' -> 'e', 'Đ' -> 'D'), fullwidth digits -> digits."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00), *range(0xFF10, 0xFF1A)]:
        bare = "".join(ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch))
        if len(bare) == 1 and bare != chr(code):
            table[code] = bare
    return table


PLAIN = _plain_table()


@functools.lru_cache(maxsize=131072)
def plain(text: str) -> str:
    """'Đối TƯỢNG' -> 'doi tuong': no tone or vowel marks, đ -> d, lower case."""
    if not text.isascii():
        text = text.translate(PLAIN)
        if not text.isascii():  # combining marks left (text not in NFC)
            text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text.casefold()


def has_marks(word: str) -> bool:
    return plain(word) != word.casefold()

