"""The text of a plan document: .txt (UTF-8), .docx (paragraphs and table cells, in order) or .pdf with a
text layer. PDFs are read by PDFium (pypdfium2: a 30-page plan in under a second, where pypdf takes 10 s);
where its text comes out broken (words in pieces, "ki ể m tra", or a letter a line), pypdf reads it again
and its split syllables are joined (etl/plans/draft_syllables.py). Measured in bench/draft.py. A PDF with no
text layer is refused with a message."""
from __future__ import annotations

import io
import re
from pathlib import Path

from etl.labels_vi import DRAFT
from etl.plans import draft_syllables

BROKEN = 0.08   # share of a text's words that are fragments of syllables above which it is mended


class UnreadableDocument(ValueError):
    """A file the drafter cannot take text from; the message is Vietnamese."""


def document_text(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".txt", ".md"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(DRAFT["not_utf8"].format(name=name)) from exc
    if suffix == ".docx":
        import docx
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises several kinds for a damaged file
            raise UnreadableDocument(DRAFT["damaged"].format(name=name)) from exc
        lines = [p.text for p in document.paragraphs]
        lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(lines)
    if suffix == ".pdf":
        return pdf_text(name, data)
    raise UnreadableDocument(DRAFT["unsupported"].format(name=name))


def fragments(text: str) -> float:
    """Share of the words that are fragments of a split syllable."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    known = draft_syllables.known()
    return sum(draft_syllables.fragment(w, known) for w in words) / len(words)


def pdf_text(name: str, data: bytes) -> str:
    text = _pdfium(data)
    if text and text.strip() and fragments(text) <= BROKEN:
        return text
    text = _pypdf(name, data)
    if not text.strip():
        raise UnreadableDocument(DRAFT["no_text_layer"].format(name=name))
    return draft_syllables.mend_text(text) if fragments(text) > BROKEN else text


def _pdfium(data: bytes) -> str | None:
    import pypdfium2
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None            # pypdf then says what is wrong
    try:
        return "\n".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document)
    finally:
        document.close()


def _pypdf(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UnreadableDocument(DRAFT["damaged"].format(name=name)) from exc

