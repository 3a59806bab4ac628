"""User text shown as text: the one place that makes what users typed (plan titles, clauses, notes,
evidence, file names, account and unit names, pasted documents) safe to put where Streamlit or
Plotly would read markup. Pure functions.

Streamlit reads Markdown in st.markdown / st.caption / st.info (and the other alerts) / st.subheader,
and in widget labels, expander labels, button labels, metric labels, tabs and help tooltips: GitHub
Markdown (links, images, autolinked URLs and e-mail addresses, headings, lists, emphasis, code,
HTML entities) plus its own extensions, which work on the text once it is parsed:
`:red[…]` colour and `:small[…]`, `:help[…]` directives, `:material/icon:` and `:streamlit:`
(an image), emoji shortcodes (`:smile:`), LaTeX (`$…$`) and typographic arrows (`->`, `<=`, `--`).
`md` therefore backslash-escapes every ASCII character that is syntax somewhere (CommonMark lets any
ASCII punctuation be escaped; nothing of the syntax remains, including entities), and puts an invisible WORD JOINER after a colon
or "@" followed by a letter, digit, "+", "-" or "/", between "www" and its dot, and between the
characters of an arrow, so that no shortcode, icon, directive, arrow or autolinked address
(http://…, www.…, a@b.c: GFM finds those in the parsed text, where escapes are gone) can form.
The text reads the same (and "Ghi chú: …" carries no invisible character).

Plotly reads a few HTML tags (<a href>, <b>, <br>, <img> is not drawn) in titles, axis labels,
category ticks, text and hover labels: `plot` writes <, > and & as entities.
"""
from __future__ import annotations

import html
import re
import unicodedata

WORD_JOINER = "\u2060"
# every ASCII character Markdown or Streamlit reads as syntax somewhere (not / , ; % ? ' " which never are)
SYNTAX = "\\`*_{}[]()#+-.!|<>~$&:=@^"
_SYNTAX = re.compile("([" + re.escape(SYNTAX) + "])")
# Where GFM and Streamlit's plugins would find something in the parsed text (escapes are gone by
# then): "http://", ":smile:", ":red[", ":material/…:", "www.", "a@b.c", "->". A WORD JOINER there.
_JOINS = [re.compile(r":(?=[\w+\-/])"), re.compile(r"@(?=[\w\-])"), re.compile(r"(?i)www(?=\.)"),
          re.compile(r"[<>~=\-](?=[<>~=\-])")]


def md(text: object) -> str:
    """`text` written so that Markdown shows it exactly as typed (in a label, caption, alert …)."""
    if text is None:
        return ""
    raw = str(text)
    for join in _JOINS:
        raw = join.sub(lambda m: m.group(0) + WORD_JOINER, raw)
    return _SYNTAX.sub(r"\\\1", raw)


def plain(markdown: str) -> str:
    """What `md(text)` reads as once rendered: `text` again (for tests and checks)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace(WORD_JOINER, ""))


def plot(text: object) -> str:
    """`text` written so that Plotly shows it as typed (titles, ticks, hover, annotations)."""
    return "" if text is None else html.escape(str(text), quote=False)


def md_format(template: str, **values) -> str:
    """A label of ours (Markdown allowed) with user values put in as text."""
    return template.format(**{k: md(v) if isinstance(v, str) else v for k, v in values.items()})


def highlighted(document: str, proposals) -> str:
    """A plan document as Markdown: its text as text, each proposal's span (etl.plans.draft gives offsets into
    the NFC text) highlighted where it stands: orange, red where a leader should check it."""
    document = unicodedata.normalize("NFC", document)
    spans: dict[tuple[int, int], bool] = {}
    for p in proposals:
        if p.end > p.start:
            spans[(p.start, p.end)] = spans.get((p.start, p.end), False) or bool(p.checks)
    out, at = [], 0
    for (start, end), check in sorted(spans.items()):
        if start < at:
            continue
        out.append(_lines(document[at:start]))
        out.append(f":{'red' if check else 'orange'}-background[{md(' '.join(document[start:end].split()))}]")
        at = end
    out.append(_lines(document[at:]))
    return "".join(out)


def _lines(piece: str) -> str:
    """Text between highlights: each line escaped, line breaks kept, no run of blank lines."""
    lines = piece.split("\n")  # spaces kept where a piece meets a highlight, trimmed at line ends
    lines = [md(line if len(lines) == 1 else line.rstrip() if i == 0 else line.lstrip() if i == len(lines) - 1
                else line.strip()) for i, line in enumerate(lines)]
    return re.sub(r"\n{3,}", "\n\n", "  \n".join(lines).replace("  \n  \n", "\n\n"))
