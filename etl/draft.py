"""Drafting a plan's targets from any text a leader has (a whole plan, an excerpt, a news article, a pasted
paragraph); rule based, no network. Each proposal names the indicator its words map to
(data/draft_lexicon.yaml), the rule and values (etl/draft_shapes.py), the exact span of the text it came
from, and why a leader should check it (unmapped indicator, carried quantifier, guessed unit, …).

Where the text has target headings ("Chỉ tiêu", "Mục tiêu"), their sections are read first, every clause
a candidate; the rest of the text gives only sentences that say they set a target ("phấn đấu", "chỉ
tiêu", …). A text with no such heading has every sentence as a candidate, reports of what was done
("đã kiểm tra …", "theo thống kê …") left out."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from etl import draft_shapes
from etl.draft_read import UnreadableDocument, document_text  # noqa: F401  (the drafter's public names)
from etl.draft_text import COUNT_AHEAD, ITEM_START, PERCENT_AHEAD, THROUGH, Piece, clauses, items, sentences

DATA = Path(__file__).resolve().parent.parent / "data"
LEXICON = DATA / "draft_lexicon.yaml"
SECTION, CUED, OPEN = "section", "cued", "open"


@dataclass(frozen=True)
class Proposal:
    indicator_code: str | None    # None: "chưa xác định chỉ số"
    comparator: str
    value: float | None
    value_high: float | None
    unit: str
    year: int | None
    levels: tuple[str, ...] | None
    clause: str
    start: int = field(default=0, compare=False)     # the span in the text (NFC) it came from
    end: int = field(default=0, compare=False)
    checks: tuple[str, ...] = field(default=(), compare=False)   # why a leader should check it (DRAFT_CHECK)


@lru_cache(maxsize=4)
def _lexicon(path: Path, mtime: float) -> dict:
    lexicon = yaml.safe_load(path.read_text(encoding="utf-8"))
    indicators = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    lexicon["kinds"] = {i["code"]: i.get("kind") for i in indicators}
    return lexicon


def lexicon(path: Path = LEXICON) -> dict:
    return _lexicon(path, path.stat().st_mtime)


def fold(text: str) -> str:
    """Without diacritics (for text typed without them)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


SESSIONS = {"buổi", "lần/năm", "lần", "cuộc", "lớp", "đợt"}


def _fits(entry: dict, shape, lex: dict) -> bool:
    """Sessions only for an entry listing their unit (an entry's `units` lists all it takes); a count
    indicator takes no share (but a growth in %); a qualitative one takes no number."""
    kind, unit = lex["kinds"].get(entry["indicator"]), shape.unit if shape else ""
    if "units" in entry and unit not in entry["units"]:
        return False
    if unit in SESSIONS and "units" not in entry:
        return False
    if kind == "qualitative" and shape is not None and shape.rule != "qualitative":
        return False
    return not (kind == "count" and unit == "%" and shape.rule not in ("growth", "decrease"))


def indicator(low: str, numbered: bool, lex: dict, shape=None) -> str | None:
    for text, pattern in ((low, lambda p: p), (fold(low), fold)):
        for entry in lex["indicators"]:
            if ("numbers" in entry and entry["numbers"] != numbered) or not _fits(entry, shape, lex):
                continue
            if all(re.search(pattern(p), text) for p in entry["all"]) and \
                    not any(re.search(pattern(p), text) for p in entry.get("none", [])):
                return entry["indicator"]
    return None


def draft(text: str, lexicon_path: Path = LEXICON) -> list[Proposal]:
    """Every target the text states: its target sections' first, then those elsewhere."""
    lex = lexicon(lexicon_path)
    text = unicodedata.normalize("NFC", text)
    inside, outside = _candidates(items(text), lex)
    found = []
    for group, mode in ((inside, SECTION), (outside, CUED if inside else OPEN)):
        for item in group:
            reported = False
            for sentence in sentences(item):
                low = sentence.text.lower()
                # "… hiện có 4 điểm phức tạp. Cụ thể, 3 điểm thuộc huyện …": the detail of a report reports too
                if mode != SECTION and reported and re.match(r"cụ thể|trong đó|trong số đó", low) \
                        and not re.search(lex["strong_cue"], low):
                    continue
                reported = _reports_the_past(low, lex)
                found.append(_sentence(sentence, mode, lex))
    return _once(found)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _once(by_sentence: list[list[Proposal]]) -> list[Proposal]:
    """Each target once: a news item's headline or lead that says again, in other words, what its body says
    (the same indicator, rule and values, in another sentence, most words shared) is one target, kept where
    it is said first, with the year the other gives if it gives none."""
    out: list[Proposal] = []
    origin: list[int] = []
    for n, proposals in enumerate(by_sentence):
        for p in proposals:
            same = next((i for i, q in enumerate(out) if origin[i] != n and _same(q, p)), None)
            if same is None:
                out.append(p)
                origin.append(n)
            elif out[same].year is None and p.year is not None:
                out[same] = replace(out[same], year=p.year)
    return out


def _same(q: Proposal, p: Proposal) -> bool:
    return (p.comparator != "qualitative"
            and (q.indicator_code, q.comparator, q.value, q.value_high, q.unit, q.levels)
            == (p.indicator_code, p.comparator, p.value, p.value_high, p.unit, p.levels)
            and (None in (q.year, p.year) or q.year == p.year) and _alike(q.clause, p.clause))


def _alike(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _candidates(its: list[tuple[Piece, bool]], lex: dict) -> tuple[list[Piece], list[Piece]]:
    """Items inside the target sections ("Chỉ tiêu", "Mục tiêu", up to the next other heading) and the rest."""
    opening, closing = re.compile(lex["target_heading"], re.I), re.compile(lex["other_heading"], re.I)
    in_section, inside, outside = False, [], []
    for item, heading in its:
        words = item.text.split(".")[-1] if "." in item.text else item.text
        if heading and closing.search(item.text) and not opening.search(words):
            in_section = False
        elif heading and opening.search(item.text):
            in_section = True
            continue
        elif heading:
            in_section = in_section and not item.text.isupper()
            continue
        marker = ITEM_START.match(item.text)
        body = item.cut(marker.end(), len(item.text)).strip() if marker else item
        (inside if in_section else outside).append(body)
    return inside, outside


def _sentence(sentence: Piece, mode: str, lex: dict) -> list[Proposal]:
    low = sentence.text.lower()
    if mode == CUED and not re.search(lex["target_cue"], low):
        return []
    if mode != SECTION and _reports_the_past(low, lex):
        return []
    context, out = draft_shapes.Context(), []
    parts = clauses(sentence)
    for i, clause in enumerate(parts):
        if _breakdown(clause, sentence):
            continue
        # "100% quận, huyện và 100% xã, phường xây dựng kế hoạch": the words after the last share say what
        # the earlier ones count (not across a ';')
        joined = (i + 1 < len(parts) and ";" not in _between(sentence, clause, parts[i + 1])
                  and bool(re.match(rf"{PERCENT_AHEAD}|{THROUGH}{COUNT_AHEAD}", parts[i + 1].text.lower())))
        out += _clause(clause, mode, context, lex, parts[i + 1].text.lower() if joined else "")
    return out


def _between(sentence: Piece, left: Piece, right: Piece) -> str:
    start, end = sentence.pos.index(left.pos[-1]) + 1, sentence.pos.index(right.pos[0])
    return sentence.text[start:end]


BREAKDOWN = re.compile(r"^\(?[^\W\d_][^\d:;()]{0,40}:\s*\d[\d.,]*\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\)?$")


def _breakdown(clause: Piece, sentence: Piece) -> bool:
    """"(thành phố A: 1 xã; huyện B: 7 xã)": a count split by place inside brackets, not a target."""
    before = sentence.text[:sentence.pos.index(clause.pos[0])] if clause.pos else ""
    return bool(BREAKDOWN.match(clause.text)) and (before.count("(") > before.count(")") or clause.text[0] == "(")


def _clause(clause: Piece, mode: str, context: draft_shapes.Context, lex: dict, after: str = "") -> list[Proposal]:
    low = clause.text.lower()
    if mode != SECTION and _reports_the_past(low, lex):
        return []
    head, *parts = re.split(r",?\s+\(?trong đó[,:]?\s+", low)
    out = _proposals(draft_shapes.read(head, context), head, clause, mode, lex, after)
    for part in parts:
        out += _proposals(draft_shapes.read(part, context), part + " " + head, clause, mode, lex)
    return out


def _reports_the_past(low: str, lex: dict) -> bool:
    return bool(re.search(lex["report_of_the_past"], low)) and not re.search(lex["strong_cue"], low)


def _proposals(shapes: list, low: str, clause: Piece, mode: str, lex: dict, after: str = "") -> list[Proposal]:
    near = re.search(lex["near_domain"], low) and not re.search(lex["domain"], low)
    numbered = bool(shapes) and shapes[0].rule != "qualitative"
    code = None if near else indicator(low, numbered, lex, shapes[0] if shapes else None)
    borrowed = code is None and not near and numbered and after and indicator(low + " " + after, numbered, lex,
                                                                            shapes[0])
    code = code or borrowed or None
    if not shapes:
        if code is None or (mode != SECTION and lex["kinds"].get(code) != "qualitative"):
            return []
        shapes = [draft_shapes.Shape("qualitative")]
    start, end = clause.span()
    checks = (("unmapped",) if code is None else ()) + (("near_domain",) if near else ()) + \
             (("borrowed",) if borrowed else ()) + (("outside_section",) if mode == CUED else ())
    return [Proposal(code, s.rule, s.value, s.value_high, s.unit, s.year, s.levels, clause.text, start, end,
                     tuple(dict.fromkeys(checks + s.flags + (("unsupported_rule",) if s.rule == "decrease" else ()))))
            for s in shapes]
