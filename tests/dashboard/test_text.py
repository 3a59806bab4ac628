"""dashboard/text.py: user text reads as typed wherever Streamlit reads Markdown or Plotly reads HTML."""
from __future__ import annotations

import random
import re

import pytest

from dashboard import text
from dashboard.text import WORD_JOINER, md, plain, plot
from tests.payloads import IMAGE, LINK, PAYLOADS


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_reads_back_as_typed(payload):
    assert plain(md(payload)) == payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_markdown_syntax_is_left_unescaped(payload):
    shown = md(payload)
    unescaped = re.sub(r"\\.", "", shown)            # what the parser sees as syntax
    assert not set(unescaped) & set(text.SYNTAX), shown
    assert not re.search(r":[\w+-]", shown.replace(":" + WORD_JOINER, ""))   # no :name shortcode or directive
    assert "->" not in shown and "<=" not in shown and "--" not in shown
    parsed = re.sub(r"\\(.)", r"\1", shown)            # the text the parser leaves for GFM autolinks
    assert not re.search(r"(?i)https?://|www\.|@[-\w]", parsed), parsed


def test_random_text_round_trips():
    rng = random.Random(4)
    alphabet = "aăâbđêôơư:[]()!<>$*_`#\\-+.|~&=@^{}/ \n\tá1"
    for _ in range(2000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert plain(md(sample)) == sample


def test_plotly_text_is_entities():
    assert plot(f'<a href="{LINK}">x</a> & <b>') == f'&lt;a href="{LINK}"&gt;x&lt;/a&gt; &amp; &lt;b&gt;'
    assert plot(None) == "" and md(None) == ""


def test_our_labels_keep_their_markdown_only_values_are_escaped():
    assert text.md_format("**{name}** — {n}", name="[x](y)", n=3) == "**\\[x\\]\\(y\\)** — 3"


def test_a_pasted_document_is_text_with_its_clauses_highlighted():
    from types import SimpleNamespace as Proposal
    clause = f"![a]({IMAGE}) :red[x]"
    document = f"Trước {clause} sau"
    shown = text.highlighted(document, [Proposal(start=6, end=6 + len(clause), checks=())])
    assert shown.startswith("Trước :orange-background[") and shown.endswith("] sau")
    inside = shown[len("Trước :orange-background["):-len("] sau")]
    assert plain(inside) == clause and "](" not in inside
    checked = text.highlighted(document, [Proposal(start=6, end=6 + len(clause), checks=("unmapped",))])
    assert checked.startswith("Trước :red-background[")                 # a proposal to check is red


