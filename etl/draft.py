"""Drafting a plan's targets from its own text (rule based, no network): each proposal names the
indicator it maps to (data/draft_lexicon.yaml), the rule and values of DOMAIN.md's shapes, and the
exact clause it came from. A quantitative phrase it cannot map is still proposed, without indicator."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl.labels_vi import DRAFT

LEXICON = Path(__file__).resolve().parent.parent / "data" / "draft_lexicon.yaml"
NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)"
ITEM_START = re.compile(r"^\s*(?:[-+•]\s*|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|[IVX]+\.?\s)")
HEADING = re.compile(r"^\s*(?:[IVX]+\.?|\d+(?:\.\d+)*\.?|[a-zđ]\))\s*(.{0,70})$")


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


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("**", "").replace("*", "")
    return re.sub(r"^#+\s*", "", line).strip()


def items(text: str) -> list[tuple[str, bool]]:
    """(item text, is a heading) in order: hard-wrapped lines joined, bullets and numbers kept apart."""
    out: list[list] = []
    for raw in text.splitlines():
        line = _clean(raw)
        if not line:
            continue
        starts = ITEM_START.match(line) or not out or out[-1][1]
        if starts:
            heading = bool(HEADING.match(line)) and "%" not in line and not line.rstrip().endswith((";", "."))
            out.append([line, heading])
        else:
            out[-1][0] += " " + line
    return [(" ".join(text.split()), heading) for text, heading in out]


def target_items(text: str, lexicon: dict) -> list[str]:
    """Items inside the plan's target sections ("Chỉ tiêu", "Mục tiêu"), up to the next other heading."""
    opening, closing = re.compile(lexicon["target_heading"], re.I), re.compile(lexicon["other_heading"], re.I)
    inside, out = False, []
    for item, heading in items(text):
        if heading and closing.search(item) and not opening.search(item.split(".")[-1] if "." in item else item):
            inside = False
        elif heading and opening.search(item):
            inside = True
            continue
        elif heading:
            inside = inside and not item.isupper()
            continue
        if inside:
            out.append(ITEM_START.sub("", item, count=1).strip())
    return out


def clauses(item: str) -> list[str]:
    """One target per clause: split at ';' and between sentences."""
    parts = re.split(r";\s*|\.\s+(?=[A-ZĐÀ-Ỹ])|,\s+(?=(?:ít nhất|tối thiểu)\s+\d)", item)
    return [p.strip(" .;:") for p in parts if len(p.strip(" .;:")) > 15]


def shape(clause: str) -> list[tuple[str, float | None, float | None, int | None, tuple | None, str]]:
    """(rule, value, value_high, year, levels, unit) of each target the clause states."""
    low = clause.lower()
    if m := re.search(rf"{NUMBER}\s*%[^;]*?cấp tỉnh và\s*{NUMBER}\s*%\s*(?:ở\s*)?cấp huyện, cấp xã", low):
        return [("at_least", _number(m.group(1)), None, None, ("province",), "%"),
                ("at_least", _number(m.group(2)), None, None, ("district", "commune"), "%")]
    if m := re.search(rf"từ\s+{NUMBER}\s+đến\s+{NUMBER}\s+(\w+)", low):
        return [("range", _number(m.group(1)), _number(m.group(2)), None, None, m.group(3))]
    if m := re.search(rf"tăng\s+{NUMBER}\s*[-–]\s*{NUMBER}\s*%", low):
        return [("growth", _number(m.group(1)), _number(m.group(2)), None, None, "%")]
    if m := re.search(rf"đến năm (\d{{4}}),?\s*{NUMBER}\s*%", low):
        return [("cumulative_by", _number(m.group(2)), None, int(m.group(1)), None, "%")]
    if (m := re.search(r"(\d+)\s*/\s*(\d+)\s+(khu phố|tổ dân phố|thôn|xã|đơn vị)", low)) and m.group(1) == m.group(2):
        return [("n_of_n", float(m.group(1)), None, None, None, "đơn vị")]
    if re.search(r"không (để )?phát sinh", low):
        return [("at_most", 0.0, None, None, None, "điểm")]
    if re.search(r"giữ vững", low):
        return [("no_decrease", None, None, None, None, "")]
    if m := re.search(rf"(?:ít nhất|tối thiểu)\s+(?:có\s+)?{NUMBER}\s*%|{NUMBER}\s*%\s*trở lên", low):
        return [("at_least", _number(m.group(1) or m.group(2)), None, None, None, "%")]
    if re.search(r"\b100\s*%|tất cả", low):
        return [("all", 100.0, None, None, None, "%")]
    if m := re.search(rf"{NUMBER}\s*%", low):
        return [("at_least", _number(m.group(1)), None, None, None, "%")]
    if m := re.search(rf"(?:ít nhất|tối thiểu)\s+{NUMBER}\s+(người|cơ sở|buổi|lượt)", low):
        return [("at_least", _number(m.group(1)), None, None, None, m.group(2))]
    return []


def indicator(clause: str, numbered: bool, lexicon: dict) -> str | None:
    low = clause.lower()
    for entry in lexicon["indicators"]:
        if "numbers" in entry and entry["numbers"] != numbered:
            continue
        if all(re.search(p, low) for p in entry["all"]):
            return entry["indicator"]
    return None


def draft(text: str, lexicon_path: Path = LEXICON) -> list[Proposal]:
    """Every target the text's target sections state, in order."""
    lexicon = yaml.safe_load(lexicon_path.read_text(encoding="utf-8"))
    out = []
    for item in target_items(text, lexicon):
        for clause in clauses(item):
            shapes = shape(clause)
            code = indicator(clause, bool(shapes) and shapes[0][0] not in ("no_decrease",), lexicon)
            if shapes and shapes[0][0] == "no_decrease":
                code = indicator(clause, True, lexicon)
            for rule, value, high, year, levels, unit in shapes or ([("qualitative", None, None, None, None, "")]
                                                                   if code else []):
                out.append(Proposal(code, rule, value, high, unit, year, levels, clause))
    return out


class UnreadableDocument(ValueError):
    """A file the drafter cannot take text from; the message is Vietnamese."""


def document_text(name: str, data: bytes) -> str:
    """The text of a plan document: .txt (UTF-8), .docx (paragraphs and table cells, in order) or .pdf
    with a text layer."""
    suffix = Path(name).suffix.lower()
    if suffix in (".txt", ".md"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(DRAFT["not_utf8"].format(name=name)) from exc
    if suffix == ".docx":
        import io

        import docx
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises several kinds for a damaged file
            raise UnreadableDocument(DRAFT["damaged"].format(name=name)) from exc
        lines = [p.text for p in document.paragraphs]
        lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(lines)
    if suffix == ".pdf":
        return _pdf_text(name, data)
    raise UnreadableDocument(DRAFT["unsupported"].format(name=name))


def _pdf_text(name: str, data: bytes) -> str:
    """The text layer of a PDF (a scanned page has none: the user is told to send .docx or .txt)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UnreadableDocument(DRAFT["damaged"].format(name=name)) from exc
    if not text.strip():
        raise UnreadableDocument(DRAFT["no_text_layer"].format(name=name))
    return text


def highlights(text: str, proposals: list[Proposal]) -> list[list[tuple[str, bool]]]:
    """The document's paragraphs, each cut into pieces: (text, whether it is a proposed clause).
    A page shows them as text with the clauses highlighted (dashboard.text.highlighted)."""
    clauses = sorted({p.clause for p in proposals}, key=len, reverse=True)
    out = []
    for item, _ in items(text):
        pieces = [(item, False)]
        for clause in clauses:
            at = next((i for i, (piece, marked) in enumerate(pieces) if not marked and clause in piece), None)
            if at is not None:
                before, _, after = pieces[at][0].partition(clause)
                pieces[at:at + 1] = [(p, m) for p, m in ((before, False), (clause, True), (after, False)) if p]
        out.append(pieces)
    return out
