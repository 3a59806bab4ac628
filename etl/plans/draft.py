"""Drafting a plan's targets from any text a leader has (a whole plan, an excerpt, a news article, a pasted
paragraph); rule based, no network. Each proposal names the indicator its words map to
(data/draft_lexicon.yaml), the rule and values (etl/plans/draft_shapes.py), the exact span of the text it came
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

from etl.plans import draft_shapes
from etl.plans.draft_read import UnreadableDocument, document_text  # noqa: F401  (the drafter's public names)
from etl.plans.draft_text import COUNT_AHEAD, ITEM_START, PERCENT_AHEAD, THROUGH, Piece, clauses, items, sentences

DATA = Path(__file__).resolve().parents[2] / "data"
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
    found, reports = [], []
    latest = _latest_reported_year(outside, lex)
    for group, mode in ((inside, SECTION), (outside, CUED if inside else OPEN)):
        for item in group:
            reported = False
            for sentence in sentences(item):
                low = sentence.text.lower()
                # "Năm 2017, … đã tổ chức 463 buổi …  Năm 2018, … tổ chức 463 buổi … Năm 2020, … đã tổ chức …": a
                # sentence dated before a year the text reports on, with nothing saying it sets a target, reports
                if mode != SECTION and latest and not re.search(lex["strong_cue"], low) and (
                        year := draft_shapes.YEAR.search(low)) and int(year.group(1)) < latest:
                    reports.append(low)
                    reported = True
                    continue
                # "… hiện có 4 điểm phức tạp. Cụ thể, 3 điểm thuộc huyện …", "Trong 5 năm qua, … đã khám phá 43
                # vụ. Công an các địa phương khám phá 2.546 vụ …": what follows a report, with nothing saying it
                # sets a target (a cue, a year, "sẽ"), reports too
                if mode != SECTION and reported and not re.search(lex["strong_cue"], low) and (
                        re.match(r"cụ thể|trong đó|trong số đó", low)
                        or not re.search(rf"{lex['target_cue']}|\bsẽ\b|(?:19|20)\d\d", low)):
                    reports.append(low)
                    continue
                reported = _reports_the_past(low, lex)
                reports += [low] if reported else []
                found.append(_sentence(sentence, mode, lex))
    if inside == [] and outside and _headline(outside[0]) and _repeats_a_report(outside[0].text.lower(), reports, lex):
        found[0] = []
    found = [[p for p in ps if not _existing(p, reports, lex)] for ps in found]
    if inside == [] and reports and not _sets_a_target(outside, lex):
        # a report from end to end (it tells what was done and never says it sets a target): its counts are what
        # was done ("… duy trì, nhân rộng mô hình … tại 6 phường"); a bare share may still be a target
        found = [[p for p in ps if p.unit == "%" or p.comparator == "qualitative"] for ps in found]
    return _once(found)


def _existing(p: Proposal, reports: list[str], lex: dict) -> bool:
    """"… 5 điểm tư vấn … đã đi vào hoạt động. … tiếp tục triển khai các hoạt động ở 5 điểm tư vấn …": a count that
    goes on ("tiếp tục", "duy trì") at what a report of the same text already counts is where, not how many."""
    if p.unit in ("%", "") or p.value is None:
        return False
    low = draft_shapes.mask(p.clause.lower())
    m = next((m for m in re.finditer(rf"{draft_shapes.NUMBER}\s+{re.escape(p.unit)}\b", low)
              if draft_shapes.number(m.group(1)) == p.value), None)
    return bool(m) and bool(re.search(r"\b(?:tiếp tục|duy trì)\b", low[:m.start()])) \
        and not re.search(lex["strong_cue"], low) \
        and any(re.search(rf"(?<![\d.,]){re.escape(m.group())}", draft_shapes.mask(r)) for r in reports)


def _sets_a_target(outside: list[Piece], lex: dict) -> bool:
    """Some sentence says it sets a target ("phấn đấu", "chỉ tiêu", "ít nhất", "đến năm 2025", "sẽ" …)."""
    return any(re.search(rf"{lex['target_cue']}|{lex['strong_cue']}|\bsẽ\b|\bcần\b", item.text.lower())
               for item in outside)


def _latest_reported_year(outside: list[Piece], lex: dict) -> int | None:
    """The latest year a sentence reporting what was done speaks of (outside the target sections)."""
    years = [int(y) for item in outside for sentence in sentences(item)
             if _reports_the_past(low := sentence.text.lower(), lex) for y in re.findall(r"\b((?:19|20)\d\d)\b", low)]
    return max(years, default=None)


def _headline(item: Piece) -> bool:
    """A news item's title: a short first line with no full stop, a body after it."""
    return len(item.text) < 160 and not re.search(r"[.;:!?…]\s", item.text) and item.text[-1:] not in ".;:!?…"


def _repeats_a_report(low: str, reports: list[str], lex: dict) -> bool:
    """"95 xã, phường lành mạnh …" over a body that reports "Toàn tỉnh có 95/152 xã, phường lành mạnh …": the title
    of a report, not a target."""
    numbers = set(re.findall(r"\d[\d.,]*", draft_shapes.mask(low)))
    return bool(numbers) and not re.search(lex["strong_cue"], low) and any(
        numbers <= set(re.findall(r"\d[\d.,/]*\d|\d", r.replace("/", " "))) for r in reports)


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
            and (None in (q.year, p.year) or q.year == p.year) and _alike(q.clause, p.clause)
            and (p.value is not None or not _differ(_first_number(q.clause), _first_number(p.clause)))
            and not _differ(_counted_level(q.clause, q.value), _counted_level(p.clause, p.value)))


def _differ(a, b) -> bool:
    """Two targets said alike are two when they count different numbers ("Duy trì 590 xã …", "Duy trì gần 200
    xã …") or units of different levels ("100% huyện xây dựng kế hoạch", "100% xã xây dựng kế hoạch")."""
    return a is not None and b is not None and a != b


def _first_number(clause: str) -> str | None:
    m = re.search(r"\d[\d.,]*", draft_shapes.mask(clause.lower()))
    return m.group().rstrip(".,") if m else None


LEVEL_OF = [("thị xã|quận|huyện", "district"), ("xã|phường|thị trấn", "commune"), ("tỉnh|thành phố", "province"),
            ("khu phố|tổ dân phố|thôn|xóm|ấp|bản", "neighbourhood")]


def _counted_level(clause: str, value: float | None) -> str | None:
    """The level of the units a share or a count counts: the unit word right after the quantity (the first one
    of the target's value, else the clause's first)."""
    low = draft_shapes.mask(clause.lower())
    found = list(re.finditer(r"(\d[\d.,]*\d|\d)\s*%?\s+(?:(?:số|các|tổng số|những)\s+)*(thị xã|quận|huyện|xã|"
                             r"phường|thị trấn|tỉnh|thành phố|khu phố|tổ dân phố|thôn|xóm|ấp|bản)\b"
                             r"|(?:tất cả|toàn bộ)\s+(?:các\s+)?(thị xã|quận|huyện|xã|phường|thị trấn|tỉnh|thành phố)\b", low))
    own = [m for m in found if m.group(1) and value is not None and draft_shapes.number(m.group(1)) == value]
    m = (own or found or [None])[0]
    unit = m and (m.group(2) or m.group(3))
    return next((level for words, level in LEVEL_OF if unit and re.fullmatch(words, unit)), None)


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
    context, out, dated = draft_shapes.Context(), [], []
    parts = clauses(sentence)
    for i, clause in enumerate(parts):
        if _breakdown(clause, sentence):
            continue
        if i and _between(sentence, parts[i - 1], clause).strip() != "và":
            context.change = None       # a change carries over "và" only: "giảm 25% … và 20% …"
        after = _shared_words(sentence, parts, i) if i + 1 < len(parts) else ""
        found = _clause(clause, mode, context, lex, after)
        listed = bool(dated) and ";" not in _between(sentence, dated[-1][0], clause)
        dated = (dated if listed else []) + [(clause, found)]
        out += found
    return _year_of_the_list(out, dated)


def _shared_words(sentence: Piece, parts: list[Piece], i: int) -> str:
    """The words of the next clause that belong to this one too: "100% quận, huyện và 100% xã, phường xây
    dựng kế hoạch" (the words after the last share say what the earlier ones count; not where this clause
    has its verb before its quantity: "tuyên truyền cho 5.300 người dân và 3.500 người làm việc tại cơ sở");
    "100% cán bộ …; đội tình nguyện được tập huấn" (a list of subjects cut by ';' before its verb: the verb)."""
    clause, following = parts[i], parts[i + 1].text.lower()
    low = clause.text.lower()
    if ";" not in _between(sentence, clause, parts[i + 1]):
        ahead = re.match(rf"{PERCENT_AHEAD}|{THROUGH}{COUNT_AHEAD}", following)
        first = re.search(r"\d", low)
        verb_first = first and re.search(VERB_BEFORE_QUANTITY, low[:first.start()])
        return following if ahead and not verb_first else ""
    passive = re.search(r"\bđược\s+\w", following)
    if passive and not re.search(r"\d|tất cả|toàn bộ", following) and "được" not in low and re.search(r"\d", low):
        return following[passive.start():]
    return ""


# the quantity is the object of a verb before it: what follows the next quantity is that one's own
VERB_BEFORE_QUANTITY = re.compile(r"(?:\bcho|tuyên truyền|tập huấn|hỗ trợ|dạy nghề|bồi dưỡng|vận động)\s+"
                                  r"(?:(?:ít nhất|tối thiểu|trên|hơn|khoảng|từ)\s+)?$")


def _year_of_the_list(out: list[Proposal], dated: list[tuple[Piece, list[Proposal]]]) -> list[Proposal]:
    """"95% …, 95% …, 95% … vào năm 2025": a year closing a list of shares (no ';' between) dates the whole list."""
    if len(dated) < 2:
        return out
    last = dated[-1][1]
    closing = dated[-1][0].text.lower()
    share = re.search(r"%", closing)
    year = last[-1].year if last and share and re.search(r"(?:vào|trong|đến) năm (?:19|20)\d\d", closing[share.end():]) \
        else None
    if not year:
        return out
    listed = {id(p) for _, found in dated[:-1] for p in found if p.year is None and p.unit == "%"}
    return [replace(p, year=year, checks=tuple(dict.fromkeys(p.checks + ("carried",)))) if id(p) in listed else p
            for p in out]


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
    said = {(p.indicator_code, p.comparator, p.value) for p in out}
    for part in parts:
        # a part of a total has its own number; one that says the head again ("Duy trì 200 xã …, trong đó có
        # việc duy trì các xã lành mạnh") is the same target
        out += [p for p in _proposals(draft_shapes.read(part, context), part + " " + head, clause, mode, lex)
                if (p.indicator_code, p.comparator, p.value) not in said]
    return out


def _reports_the_past(low: str, lex: dict) -> bool:
    return bool(re.search(lex["report_of_the_past"], low)) and not re.search(lex["strong_cue"], low)


def _proposals(shapes: list, low: str, clause: Piece, mode: str, lex: dict, after: str = "") -> list[Proposal]:
    near = re.search(lex["near_domain"], low) and not re.search(lex["domain"], re.sub(lex["combined_body"], " ", low))
    numbered = bool(shapes) and shapes[0].rule != "qualitative"
    # the measure is named before the purpose: "… tổ chức hoạt động truyền thông … nhằm … giảm kỳ thị đối với
    # người bán dâm" counts communes with outreach, not sex workers supported
    core = re.split(r"(?<!\w)(?:nhằm|góp phần|với mục đích)\s", low)[0]
    code = None if near else indicator(core, numbered, lex, shapes[0] if shapes else None)
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
