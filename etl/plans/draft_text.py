"""A plan's text cut into items, sentences and clauses, each keeping where it stands in the document:
every character of a piece remembers its offset in the text given (after NFC), so a proposal can
point at the exact span it came from even after lines are joined, spaces collapsed and split
syllables mended (etl/plans/draft_syllables.py)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from etl.plans import draft_syllables

# Section numbers ("2.1.", "1.2.3 ") have parts of one or two digits: "33.000 người" is a count, not an item.
ITEM_START = re.compile(r"^\s*(?:[-+•]\s*|\d+(?:\.\d{1,2})*[.)]\s|\d+(?:\.\d{1,2})+\s|[a-zđ]\)\s|[IVX]+\.?\s)")
HEADING = re.compile(r"^\s*(?:[IVX]+\.?|\d+(?:\.\d{1,2})*[.)]|\d+(?:\.\d{1,2})+|[a-zđ]\))\s*(.{0,70})$")
PERCENT_AHEAD = r"(?:(?:có\s+)?(?:ít nhất|tối thiểu|trên|hơn|đạt|phấn đấu|bảo đảm|đảm bảo|tăng|giảm)\s+)?\d+(?:,\d+)?\s*%"
COUNT_AHEAD = (r"(?:(?:ít nhất|tối thiểu|trên|hơn|đạt|là|cho)\s+)?(?:\d{1,3}(?:\.\d{3})+|\d+)\s+"
               r"(?:lượt|người|cơ sở|buổi|vụ|cán bộ|học sinh|sinh viên|học viên|chủ|tin|bài|phóng sự|đội|xã|phường)\b")
BARE_COUNT = r"(?:\d{1,3}(?:\.\d{3})+|\d+)\s+(?:lượt|người|cơ sở|buổi|vụ|cán bộ|học sinh|sinh viên)\b"
ZERO_AHEAD = r"không (?:(?:để|đề) |phát sinh|tái |xuất hiện|hình thành)"
THROUGH = r"(?:(?:thông )?qua [^;]{0,40}?)?"     # "…, thông qua tập huấn là 300 người": a part of a total
# A sentence ends at . ! ? before a capital; a headline with no full stop ends before the words that open
# the next sentence of a news item ("… không có mại dâm Đó là …", "… 12.000 học sinh Theo kế hoạch, …").
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZĐÀ-Ỹ…\"“(]|\d+(?:,\d+)?\s*%|\d{1,3}(?:\.\d{3})+\s)"
                          r"|(?<=[^\W\d_]|\d)\s+(?=(?:Đó là|Đây là|Theo (?:đó|kế hoạch)|Cụ thể|Trong đó|Ngày \d)\b"
                          r"|Năm (?:19|20)\d\d,)")
CLAUSE_END = re.compile(rf";\s*|,\s+(?={PERCENT_AHEAD})|\s+và\s+(?={PERCENT_AHEAD})"
                        rf"|(?:\s+và|,)\s+(?:đồng thời\s+)?(?={ZERO_AHEAD})|\s+đồng thời\s+(?={ZERO_AHEAD})"
                        rf"|(?:,|\s+và)\s+(?={THROUGH}{COUNT_AHEAD})"
                        # "… xử lý 100 vụ án và xét xử 100 vụ án": a second count after its own verb
                        rf"|\s+và\s+(?=(?:[^\W\d_]+\s+){{1,4}}?{BARE_COUNT})")
LEVEL = re.compile(r"cấp (?:tỉnh|huyện|xã|cơ sở)")
# A news item's byline or date line ("Báo Tiếng chuông - 21/04/2016", "18:31 | 30/09/2021", "Thu Hiền| 14/12/2019
# 09:02") stands alone: the headline above it is not one sentence with the lead below it.
DATELINE = re.compile(r"^(?:[^\W\d_][^\d.;!?%]{0,40}?\s*[-–|,:]\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*\|?\s*)?\d{1,2}/\d{1,2}/(?:19|20)\d\d"
                      r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:SA|CH|AM|PM))?(?:\s*\([^)]{0,12}\))?\s*$")


@dataclass(frozen=True)
class Piece:
    """Text with, for each character, its offset in the document."""
    text: str
    pos: tuple[int, ...]

    def span(self) -> tuple[int, int]:
        return (self.pos[0], self.pos[-1] + 1) if self.pos else (0, 0)

    def cut(self, start: int, end: int) -> "Piece":
        return Piece(self.text[start:end], self.pos[start:end])

    def strip(self, chars: str | None = None) -> "Piece":
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.cut(left, max(left, right))

    def keep(self, kept: list[bool]) -> "Piece":
        return Piece("".join(c for c, k in zip(self.text, kept) if k), tuple(p for p, k in zip(self.pos, kept) if k))

    def split(self, pattern: re.Pattern) -> list["Piece"]:
        out, start = [], 0
        for m in pattern.finditer(self.text):
            out.append(self.cut(start, m.start()))
            start = m.end()
        return out + [self.cut(start, len(self.text))]


def join(pieces: list[Piece]) -> Piece:
    """Pieces joined by one space (standing where the line break was)."""
    text, pos = [], []
    for p in pieces:
        if text:
            text.append(" ")
            pos.append(p.pos[0] - 1 if p.pos else pos[-1])
        text.append(p.text)
        pos.extend(p.pos)
    return Piece("".join(text), tuple(pos))


def _lines(text: str) -> list[tuple[Piece, bool]]:
    """(line, after a blank line) for every line with text."""
    out, start, blank = [], 0, False
    for line in text.split("\n"):
        piece = Piece(line, tuple(range(start, start + len(line))))
        start += len(line) + 1
        piece = piece.keep([c != "*" for c in piece.text]).strip()
        if m := re.match(r"#+\s*", piece.text):
            piece = piece.cut(m.end(), len(piece.text))
        if piece.text:
            # a blank line ends a paragraph where the line before ends a sentence or the next opens one (a text
            # exported with a blank line after every wrapped line goes on: "… ít nhất\n\n25% số cơ sở …")
            ended = not out or out[-1][0].text.rstrip()[-1] in ".;:!?…" or piece.text[0].isupper()
            out.append((piece, blank and ended))
        blank = not piece.text
    return out


def items(text: str) -> list[tuple[Piece, bool]]:
    """(item, is a heading) in order: hard-wrapped lines joined, bullets, numbers and paragraphs (after a
    blank line) kept apart."""
    out: list[list] = []
    alone = False
    for line, paragraph in _lines(text):
        dateline = bool(DATELINE.match(line.text))
        if ITEM_START.match(line.text) or paragraph or not out or out[-1][1] or dateline or alone:
            heading = (bool(HEADING.match(line.text)) and "%" not in line.text
                       and not line.text.rstrip().endswith((";", ".")))
            out.append([[line], heading])
        else:
            out[-1][0].append(line)
        alone = dateline
    return [(tidy(join(lines)), heading) for lines, heading in out]


def tidy(piece: Piece) -> Piece:
    """Split syllables joined, spaces collapsed, a space after a comma glued to a word."""
    piece = draft_syllables.mend(piece)
    kept = [not (c.isspace() and (i + 1 == len(piece.text) or piece.text[i + 1].isspace()
                                  or unicodedata.combining(piece.text[i + 1])))
            for i, c in enumerate(piece.text)]
    piece = piece.keep(kept)
    text = "".join(" " if c.isspace() else c for c in piece.text)
    piece = Piece(text, piece.pos)
    for m in reversed(list(re.finditer(r"[,;](?=[^\W\d_])", piece.text))):
        i = m.start()
        piece = Piece(piece.text[:i + 1] + " " + piece.text[i + 1:],
                      piece.pos[:i + 1] + (piece.pos[i],) + piece.pos[i + 1:])
    return piece.strip()


def sentences(item: Piece) -> list[Piece]:
    return [s for s in (p.strip(" .") for p in item.split(SENTENCE_END)) if s.text]


def clauses(sentence: Piece) -> list[Piece]:
    """A sentence's clauses: at ';', before a new share (", 80% …", "và 70% …") once a share was stated
    (not after "Đến năm 2025, …"; not between the levels of one target, "70% cấp tỉnh và 50% cấp huyện"),
    and before "và không để …" once a quantity was stated."""
    levels = len(LEVEL.findall(sentence.text.lower())) >= 2
    parts, start = [], 0
    for m in CLAUSE_END.finditer(sentence.text):
        left = sentence.text[start:m.start()]
        if m.group().startswith(";") or (not levels and _stated(left, m.group(), sentence.text[m.end():])):
            parts.append(sentence.cut(start, m.start()))
            start = m.end()
    parts.append(sentence.cut(start, len(sentence.text)))
    return [p for p in (p.strip(" .;:") for p in parts) if len(p.text) > 8]


def _stated(left: str, separator: str, right: str) -> bool:
    """A quantity of the same kind stood before the separator: a share before a share, a count before a count."""
    if re.match(PERCENT_AHEAD, right):
        return bool(re.search(r"\d", left)) if separator.strip() == "và" else "%" in left
    if re.match(THROUGH + COUNT_AHEAD, right) or (separator.strip() == "và" and re.match(
            rf"(?:[^\W\d_]+\s+){{1,4}}?{BARE_COUNT}", right)):
        return bool(re.search(COUNT_AHEAD, left))
    if re.match(ZERO_AHEAD, right) and separator.strip() in (",", "đồng thời", ", đồng thời"):
        # "không để phát sinh tụ điểm mới, đồng thời không để tái hoạt động trở lại 7 tụ điểm": two zero targets
        return bool(re.search(r"\d", left) or re.search(ZERO_AHEAD, left, re.I))
    return bool(re.search(r"\d", left))
