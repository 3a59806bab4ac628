"""Builds data/vi_syllables.txt, the syllables etl/plans/draft_syllables.py mends split words with: every
Vietnamese-shaped syllable of the seed plans (../shared/seeds), the catalog and indicator files and the
app's Vietnamese labels. Run again after adding plans: python3 scripts/build_syllables.py"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("PCMD_SEEDS") or ROOT.parent / "shared" / "seeds")
SOURCES = [*sorted(SEEDS.glob("*.txt")), ROOT / "data" / "indicators.yaml",
           ROOT / "data" / "plans.yaml", ROOT / "data" / "draft_lexicon.yaml", ROOT / "etl" / "labels_vi.py"]
VOWELS = "aăâeêioôơuưy"
LETTERS = set("aeiouy")   # a roman numeral or a list letter, not a word
SHAPE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[%s]{1,3}(?:ch|ng|nh|[cmnpt])?$" % VOWELS)


def base(word: str) -> str:
    """The word without its tone mark (ă, â, ê, ô, ơ, ư, đ kept)."""
    out = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and ch not in "\u0306\u0302\u031b":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def syllables(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text).lower())
    return {w for w in words if len(w) <= 7 and SHAPE.match(base(w)) and w not in LETTERS}


def main() -> None:
    found: set[str] = set()
    for path in SOURCES:
        if path.exists():
            found |= syllables(path.read_text(encoding="utf-8"))
    out = ROOT / "data" / "vi_syllables.txt"
    out.write_text("# built by scripts/build_syllables.py\n" + "\n".join(sorted(found)) + "\n", encoding="utf-8")
    print(f"{len(found)} syllables -> {out}")


if __name__ == "__main__":
    main()
