"""How a draft is shown: the document's text as Markdown in which every character of the plan is escaped
(the plan's text is text, never Markdown), each proposal's span highlighted where it stands (orange;
red where a leader should check it), and the proposals as rows, those to check first."""
from __future__ import annotations

import re
import string
import unicodedata

from etl.labels_vi import DRAFT_CHECK

PUNCTUATION = set(string.punctuation)


def escape(text: str) -> str:
    """Plain text for Markdown: every ASCII punctuation mark backslash-escaped."""
    return "".join("\\" + c if c in PUNCTUATION else c for c in text)


def _paragraphs(text: str) -> str:
    lines = [escape(line.strip()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "  \n".join(lines).replace("  \n  \n", "\n\n"))


def highlighted(text: str, proposals) -> str:
    """The text (NFC) with each proposal's span highlighted."""
    text = unicodedata.normalize("NFC", text)
    spans: dict[tuple[int, int], bool] = {}
    for p in proposals:
        if p.end > p.start:
            spans[(p.start, p.end)] = spans.get((p.start, p.end), False) or bool(p.checks)
    out, at = [], 0
    for (start, end), check in sorted(spans.items()):
        if start < at:
            continue
        out.append(_paragraphs(text[at:start]))
        colour = "red" if check else "orange"
        out.append(f":{colour}-background[{escape(' '.join(text[start:end].split()))}]")
        at = end
    out.append(_paragraphs(text[at:]))
    return "".join(out)


def checks_text(checks) -> str:
    return "; ".join(DRAFT_CHECK[c] for c in checks)


def rows(proposals, unmapped: str, rule_names: dict) -> list[dict]:
    """One row per proposal (labels from DRAFT_CHECK["col"]), those a leader should check first."""
    col = DRAFT_CHECK["col"]
    ordered = sorted(enumerate(proposals), key=lambda ip: (not ip[1].checks, ip[0]))
    return [{col["check"]: checks_text(p.checks), col["indicator"]: p.indicator_code or unmapped,
             col["rule"]: rule_names.get(p.comparator, p.comparator),
             col["value"]: _value(p), col["unit"]: p.unit, col["year"]: str(p.year or ""),
             col["level"]: ", ".join(p.levels or ()), col["where"]: f"{p.start}–{p.end}", col["clause"]: p.clause}
            for _, p in ordered]


def _value(p) -> str:
    if p.value is None:
        return ""
    show = lambda v: f"{v:g}".replace(".", ",")  # noqa: E731
    return show(p.value) + (f" – {show(p.value_high)}" if p.value_high is not None else "")
