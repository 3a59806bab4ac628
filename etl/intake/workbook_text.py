"""The texts an .xlsx carries outside its cells: cell comments (notes and threaded comments), the
document properties (title, subject, description, keywords, category, custom properties; company and
manager), and the rest a person can type into a workbook (`other_texts`): text boxes and shapes, page
headers and footers, data-validation prompts and messages, defined names.

Read from the zip parts with defusedxml, streaming, so that a part with entity declarations is refused
by the parser and a large part is never held whole. The author and last-modified-by fields, and the
authors of comments, are the officer and are not returned (they are never stored either).
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
THREADED = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
CORE_FIELDS = {f"{DC}title": "title", f"{DC}subject": "subject", f"{DC}description": "description",
               f"{CP}keywords": "keywords", f"{CP}category": "category", f"{CP}contentStatus": "status"}
CUSTOM_PROPERTY = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
APP_FIELDS = {f"{EXTENDED}Company": "company", f"{EXTENDED}Manager": "manager"}
DRAWING_TEXT = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"
# After a sheet's cells (read by the cell reader) come its header/footer and data validations: read from
# the part's tail with patterns, so the cells are not parsed a second time.
HEADER_FOOTER = re.compile(rb"<(?:\w+:)?(?:odd|even|first)(?:Header|Footer)>([^<]{1,32767})<")
VALIDATION_TEXT = re.compile(rb"\b(?:prompt|promptTitle|error|errorTitle)=\"([^\"]{1,32767})\"")
CODES = re.compile(r"&(?:\"[^\"]*\"|[A-Za-z]|\d+)")   # '&L', '&"Arial,Bold"', '&12': header layout codes


@dataclass(frozen=True)
class Comment:
    sheet: str
    cell: str
    text: str


@dataclass(frozen=True)
class Property:
    field: str       # a CORE_FIELDS value, or "custom"
    number: int      # 1-based position among the custom properties (0 for the core ones)
    text: str


def comments(path: Path) -> Iterator[Comment]:
    """Every comment of every sheet, with the cell it is attached to."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for sheet, member in _sheet_members(archive, names).items():
            for target in _related(archive, names, member, ("/comments", "/threadedComment")):
                yield from _comments_of(archive, sheet, target)


def properties(path: Path) -> Iterator[Property]:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "docProps/core.xml" in names:
            for element in _elements(archive, "docProps/core.xml"):
                if element.tag in CORE_FIELDS and (element.text or "").strip():
                    yield Property(CORE_FIELDS[element.tag], 0, element.text)
        if "docProps/app.xml" in names:
            for element in _elements(archive, "docProps/app.xml"):
                if element.tag in APP_FIELDS and (element.text or "").strip():
                    yield Property(APP_FIELDS[element.tag], 0, element.text)
        if "docProps/custom.xml" in names:
            number = 0
            for element in _elements(archive, "docProps/custom.xml"):
                if element.tag == CUSTOM_PROPERTY:
                    number += 1
                    text = " ".join(t for t in [element.get("name", "")] + [c.text or "" for c in element] if t)
                    yield Property("custom", number, text)


@dataclass(frozen=True)
class Text:
    place: str       # "drawing", "header_footer", "validation", "defined_name"
    sheet: str       # the sheet it belongs to ("" for the workbook's)
    text: str


def other_texts(path: Path) -> Iterator[Text]:
    """Text boxes and shapes, headers and footers, data-validation prompts, defined names."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for sheet, member in _sheet_members(archive, names).items():
            tail = _after_cells(archive, member)
            for match in HEADER_FOOTER.finditer(tail):
                yield Text("header_footer", sheet, CODES.sub(" ", html.unescape(match.group(1).decode("utf-8", "replace"))))
            for match in VALIDATION_TEXT.finditer(tail):
                yield Text("validation", sheet, html.unescape(match.group(1).decode("utf-8", "replace")))
            for drawing in _related(archive, names, member, ("/drawing",)):
                text = " ".join(e.text or "" for e in _elements(archive, drawing) if e.tag == DRAWING_TEXT)
                if text.strip():
                    yield Text("drawing", sheet, text)
        for element in _elements(archive, "xl/workbook.xml"):
            if element.tag == f"{MAIN}definedName":
                yield Text("defined_name", "", f"{element.get('name', '').replace('_', ' ')} {element.text or ''}")


def _after_cells(archive: zipfile.ZipFile, member: str) -> bytes:
    """The part of a sheet's XML after its cells (the guard has bounded the part's size)."""
    data = archive.read(member)
    end = data.rfind(b"sheetData>")
    return data[end:] if end >= 0 else data


def _elements(archive: zipfile.ZipFile, member: str):
    """Elements of a part as each one ends; cleared by the caller's next step (iterparse keeps little)."""
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream, forbid_dtd=True):
            yield element


def _comments_of(archive: zipfile.ZipFile, sheet: str, member: str) -> Iterator[Comment]:
    authors: list[str] = []
    for element in _elements(archive, member):
        if element.tag == f"{MAIN}author":
            authors.append((element.text or "").strip())
        elif element.tag == f"{MAIN}comment":
            text = "".join(t.text or "" for t in element.iter(f"{MAIN}t"))
            author = authors[int(element.get("authorId", -1))] if element.get("authorId", "").isdigit() and int(
                element.get("authorId")) < len(authors) else ""
            yield Comment(sheet, element.get("ref", ""), _without_author(text, author))
            element.clear()
        elif element.tag == f"{THREADED}threadedComment":
            text = "".join(t.text or "" for t in element.iter(f"{THREADED}text"))
            yield Comment(sheet, element.get("ref", ""), text)
            element.clear()


def _without_author(text: str, author: str) -> str:
    """Excel starts a note with its author's name ('Nguyễn Văn A:'): the officer, not a person counted."""
    stripped = text.lstrip()
    if author and stripped.startswith(author):
        rest = stripped[len(author):]
        if rest.lstrip().startswith(":"):
            return rest.lstrip()[1:]
    return text


def _sheet_members(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    targets = _relationships(archive, names, "xl/workbook.xml")
    members = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        member = targets.get(sheet.get(DOC_REL_ID), (None, None))[1]
        if member in names:
            members[sheet.get("name")] = member
    return members


def _related(archive, names, member: str, kinds: tuple[str, ...]) -> list[str]:
    return [target for kind, target in _relationships(archive, names, member).values()
            if kind.endswith(kinds) and target in names]


def _relationships(archive, names, member: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, zip member) of a part."""
    folder, base = posixpath.split(member)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in names:
        return {}
    found = {}
    for rel in ElementTree.fromstring(archive.read(rels), forbid_dtd=True).iter(f"{PKG_REL}Relationship"):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id")] = (rel.get("Type", ""), resolved)
    return found
