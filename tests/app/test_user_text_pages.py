"""User text is shown as text on every page (#13): payloads (links, images, HTML, headings, LaTeX,
shortcodes, directives, icons) in plan titles, issuing bodies, parent documents, clauses, notes,
evidence, unit names, account names and pasted draft text; every page rendered with AppTest; in
every element that reads Markdown (text, captions, alerts, headings, labels, buttons, expanders,
help) and in every chart spec, no payload appears as typed: only escaped (dashboard/text.py)."""
from __future__ import annotations

import json
import re

import pytest
from google.protobuf.json_format import MessageToDict

from dashboard import chrome
from dashboard.text import md, plot
from tests.apptest import open_app
from tests.payloads import CLAUSE, DRAFT, LINK, NOTE, PARENT, PAYLOADS, TITLE, UNIT, USER, hostile_database

PLAIN_FIELDS = {"options", "default", "value", "rawValues", "rawValue", "codeText", "placeholder", "data", "columns",
                "editingMode", "arrowData", "formId"}   # plain text in the browser (checked there by Playwright)


@pytest.fixture
def hostile_db(tmp_path, monkeypatch):
    monkeypatch.setenv("PCMD_DB", str(hostile_database(tmp_path)))


def strings(value, path=()):
    """Every string in a proto (as a dict), with the path of field names leading to it; a chart's
    spec (JSON) is opened up."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "spec" and isinstance(item, str):
                yield from strings(json.loads(item), (*path, key))
            else:
                yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, path)
    elif isinstance(value, str):
        yield path, value


def shown(at) -> list[tuple[str, tuple, str]]:
    """(element type, field path, string) for every element and block of the page."""
    out, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            out += [(getattr(node, "type", "?"), path, s) for path, s in strings(MessageToDict(proto))]
    return out


def assert_text_only(at) -> list[str]:
    """No payload as typed anywhere Markdown (or, for charts, Plotly's HTML) is read; returns what
    those places show. A character escaped with a backslash is text, so it cannot complete a payload."""
    read = [(kind, path, s) for kind, path, s in shown(at) if kind == "plotly_chart" or not set(path) & PLAIN_FIELDS]
    lines = [line for p in PAYLOADS for line in p.splitlines() if any(c in line for c in "[]()<>:$#*`&~-")]
    for kind, path, s in read:
        if kind == "plotly_chart":   # Plotly reads tags and entities, not Markdown
            assert not any(tag in s for tag in ("<a", "<img", "<script", "<b>")), (path, s[:300])
            continue
        if kind == "html":           # st.html (the print copy of a table) reads tags and entities, not Markdown
            if s == chrome.SCRIPT or s.startswith("<style>"):   # the app's own chrome, no user text
                continue
            cells = re.sub(r"</?(table|thead|tbody|tr|th|td|style)\b[^>]*>", "", s)
            assert not any(tag in cells for tag in ("<a", "<img", "<script", "<b>")), (path, s[:300])
            continue
        syntax = re.sub(r"\\.", "\x00", s)
        for line in lines:
            assert line not in syntax, (kind, path, line, s[:300])
        assert f"]({LINK}" not in syntax and "<a href" not in syntax and "<img" not in syntax
    return [s for _, _, s in read]


PAGES = ["overview", "plan", "locality", "indicator", "trend", "completeness", "export", "upload", "plans",
         "accounts", "audit", "settings"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_user_text_as_text(hostile_db, page):
    at = open_app(page, USER, plan="test-plan", year="2023", q="4", unit="90@pre2025")
    everything = "\n".join(assert_text_only(at))
    assert md(USER.username) in everything                      # the sidebar names the account, as text
    if page in ("overview", "plan", "export"):
        assert md(TITLE) in everything


def test_the_plan_page_shows_title_parent_document_clause_and_evidence_as_text(hostile_db):
    at = open_app("plan", USER, plan="test-plan", year="2023", q="4", unit="90@pre2025")
    everything = "\n".join(assert_text_only(at))
    for field in (TITLE, PARENT, CLAUSE, NOTE):
        assert md(field) in everything, field[:20]


def test_a_unit_named_with_payloads_on_the_charts_and_the_breadcrumb(hostile_db):
    at = open_app("locality", USER, plan="test-plan", year="2023", q="4", unit="90001@pre2025")
    everything = "\n".join(assert_text_only(at))
    assert md(UNIT) in everything                               # subheader and breadcrumb button
    assert any(b.label == md(UNIT) for b in at.button)
    at = open_app("overview", USER, plan="test-plan", year="2023", q="4", unit="900@pre2025")
    assert plot(UNIT) in "\n".join(assert_text_only(at))        # the heatmap's row, as entities


def test_pasted_draft_text_and_its_highlighting_are_text(hostile_db):
    at = open_app("plans", USER)
    at.text_area(key="draft_text").set_value(DRAFT).run()
    everything = "\n".join(assert_text_only(at))
    assert "-background[" in everything                        # the clause is still highlighted
    assert md(PAYLOADS[0]) in everything and md(PAYLOADS[1]) in everything


def test_plan_history_names_its_author_as_text(hostile_db):
    at = open_app("plans", USER)
    at.selectbox(key="plan_pick").set_value("test-plan").run()
    everything = "\n".join(assert_text_only(at))
    assert md(USER.username) in everything
