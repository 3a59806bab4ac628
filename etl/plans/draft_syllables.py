"""Mending Vietnamese words split by stray spaces ("trao đổ i", "c ơ sở", a PDF's "ki ể m tra"):
neighbouring pieces separated by one space are joined when together they make a known syllable and
at least one of them is not a syllable on its own. The list of syllables (data/vi_syllables.txt) is
built by scripts/build_syllables.py from the plans and the app's own Vietnamese texts."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

SYLLABLES = Path(__file__).resolve().parents[2] / "data" / "vi_syllables.txt"
WORD = re.compile(r"[^\W\d_]+")
MAX_PIECES = 7
MAX_UNKNOWN = 3          # a piece that is no syllable is a fragment of at most this many letters
SPACED = 0.9             # share of one-character pieces in a line printed with every letter spaced


@lru_cache(maxsize=1)
def known() -> frozenset[str]:
    return frozenset(SYLLABLES.read_text(encoding="utf-8").split())


def _runs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def fragment(piece: str, words: frozenset[str]) -> bool:
    """No syllable on its own: unknown, short, and a lone letter, a piece with no vowel or one with a mark
    ("ền", "ch", "i"); an unknown plain word such as "anh" may be a whole word missing from the list."""
    return piece not in words and len(piece) <= MAX_UNKNOWN and (
        len(piece) == 1 or not piece.isascii() or not any(v in piece for v in "aeiouy"))


def _joinable(pieces: list[str], words: frozenset[str]) -> bool:
    joined = "".join(pieces)
    unknown = [p for p in pieces if p not in words]
    return joined in words and any(fragment(p, words) for p in pieces) and all(len(p) <= MAX_UNKNOWN for p in unknown)


def split_spaces(text: str) -> list[int]:
    """Indexes of the spaces inside words that mending removes."""
    words, runs, low = known(), _runs(text), text.lower()
    pieces = [fragment(low[a:b], words) for a, b in runs]
    gone, i = [], 0
    while i < len(runs):
        step = 1
        if not any(pieces[i:i + MAX_PIECES]):     # the usual case: whole words only
            i += 1
            continue
        for k in range(min(MAX_PIECES, len(runs) - i), 1, -1):
            chain = runs[i:i + k]
            if any(chain[j + 1][0] - chain[j][1] != 1 or text[chain[j][1]] != " " for j in range(k - 1)):
                continue
            if _joinable([low[a:b] for a, b in chain], words):
                gone += [chain[j][1] for j in range(k - 1)]
                step = k
                break
        i += step
    return gone


def mend(piece):
    """A draft_text.Piece with its split syllables joined (positions kept)."""
    text = unicodedata.normalize("NFC", piece.text)
    if len(text) != len(piece.text):
        return piece
    gone = set(split_spaces(text))
    return piece.keep([i not in gone for i in range(len(text))]) if gone else piece


def unspace_letters(line: str) -> str:
    """A line printed with every letter spaced ("k i ể m  t r a": one space between letters, two between
    words) put back together; any other line as it is."""
    tokens = [t for t in line.split(" ") if t]
    if "  " not in line or sum(len(t) == 1 for t in tokens) < SPACED * len(tokens):
        return line
    return " ".join(word.replace(" ", "") for word in re.split(r" {2,}", line.strip()))


def mend_text(text: str) -> str:
    """A whole text mended (for a PDF's text layer)."""
    text = "\n".join(unspace_letters(line) for line in text.split("\n"))
    text = unicodedata.normalize("NFC", re.sub(r"\s+(?=[\u0300-\u036f])", "", text))
    gone = set(split_spaces(text))
    return "".join(c for i, c in enumerate(text) if i not in gone)
