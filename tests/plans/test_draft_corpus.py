"""The drafter measured on a corpus written for it (tests/data/draft_corpus.txt: sentences in every wording of
issue 15, each with the targets a careful reader expects): recall and precision printed, floors asserted."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from etl.plans import draft

CORPUS = Path(__file__).resolve().parents[1] / "data" / "draft_corpus.txt"
HOLDOUT = Path(__file__).resolve().parents[1] / "data" / "draft_holdout.txt"   # written later, never tuned on
THIRD = Path(__file__).resolve().parents[1] / "data" / "draft_third.txt"   # real texts' shapes, written before tuning
# on real texts and never tuned on: 73,1% / 74,5% as written, 86,5% / 93,8% after; its floors guard against
# losing what the real-text tuning gave, they are not the target
LEVELS = {"province", "district", "commune", "neighbourhood"}


def expected(line: str) -> tuple:
    """'code rule low[-high] [y=YEAR] [l=level,level]' as (code, rule, value, value_high, year, levels)."""
    code, rule, *rest = line.split()
    values, extra = (rest[0], rest[1:]) if rest else ("-", [])
    low, _, high = values.partition("-") if values != "-" else (None, "", "")
    options = dict(e.split("=") for e in extra)
    levels = tuple(options["l"].split(",")) if "l" in options else None
    assert levels is None or set(levels) <= LEVELS, line
    return (None if code == "?" else code, rule, float(low) if low else None, float(high) if high else None,
            int(options["y"]) if "y" in options else None, levels)


def corpus(path: Path = CORPUS) -> list[tuple[str, str, list[tuple]]]:
    """(group, sentence, expected proposals) in file order."""
    out, group = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            group = line[3:]
        elif line.startswith("S: "):
            out.append((group, line[3:].replace("\\n", "\n"), []))     # "\n" in a line: a line break
        elif line.startswith("E: "):
            out[-1][2].append(expected(line[3:]))
    return out


def found(p: draft.Proposal) -> tuple:
    value = None if p.comparator in ("qualitative", "no_decrease") else p.value
    return p.indicator_code, p.comparator, value, p.value_high, p.year, p.levels


def measure(path: Path = CORPUS) -> tuple[int, int, int, list[str]]:
    hits = wanted = proposed = 0
    misses = []
    for group, sentence, wants in corpus(path):
        got = Counter(found(p) for p in draft.draft(sentence))
        want = Counter(wants)
        hit = sum((got & want).values())
        hits, wanted, proposed = hits + hit, wanted + len(wants), proposed + sum(got.values())
        if got != want:
            misses.append(f"[{group}] {sentence}\n    expected {sorted(want.elements(), key=str)}\n"
                          f"    proposed {sorted(got.elements(), key=str)}")
    return hits, wanted, proposed, misses


def test_the_corpus_is_large_and_covers_every_wording():
    sentences = corpus()
    assert len(sentences) >= 150
    assert sum(len(w) for _, _, w in sentences) >= 150
    groups = Counter(g for g, _, _ in sentences)
    assert len(groups) >= 12 and min(groups.values()) >= 4


@pytest.mark.parametrize("path, floors", [(CORPUS, (0.90, 0.85)), (HOLDOUT, (0.90, 0.85)), (THIRD, (0.85, 0.90))],
                         ids=["corpus", "held-out", "third"])
def test_recall_and_precision_on_the_corpus(path, floors, capsys):
    hits, wanted, proposed, misses = measure(path)
    recall, precision = hits / wanted, hits / proposed
    with capsys.disabled():
        print(f"\nplan draft on {path.name} ({len(corpus(path))} texts): recall {hits}/{wanted} = {recall:.1%}, "
              f"precision {hits}/{proposed} = {precision:.1%}")
    assert recall >= floors[0] and precision >= floors[1], "\n".join(misses)


def test_every_proposal_points_at_the_text_it_came_from():
    """The span (character offsets) holds the clause: the same characters but for spaces mended or collapsed."""
    squeeze = lambda s: "".join(s.split()).replace("*", "")  # noqa: E731
    for _, sentence, _ in corpus():
        for p in draft.draft(sentence):
            assert squeeze(sentence[p.start:p.end]) == squeeze(p.clause), (sentence, p)
