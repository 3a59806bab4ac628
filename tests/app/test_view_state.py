"""The sidebar view (plan, year, period, unit, target) is one state that only the user changes: every
page's pickers driven in every order keep what was chosen; the target carries between Chỉ số and Xu
hướng; the URL follows the view, a late URL from the browser changes nothing, a new link does."""
from __future__ import annotations

import itertools

import pytest

from tests.app.test_app_pages import page_db  # noqa: F401  (the fixture: a small database of the test's own)
from tests.apptest import open_app

SIDEBAR = ("f_plan", "f_year", "f_q", "f_unit")
# One change of each picker, none of them its default (defaults: 2023, period 2, the issuer, the first target).
CHANGES = {"f_year": 2022, "f_q": 4, "f_unit": "901@pre2025", "f_target": "test-plan#02"}
PAGES = {"overview": None, "plan": "plan", "locality": "locality", "completeness": "completeness",
         "export": "export", "indicator": "indicator", "trend": "trend"}
HAS_TARGET = {"indicator", "trend"}


def view_of(at) -> dict:
    values = {key: at.selectbox(key=key).value for key in SIDEBAR}
    if any(s.key == "f_target" for s in at.selectbox):
        values["f_target"] = at.selectbox(key="f_target").value
    return values


def url_of(at) -> dict:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def expected_url(view: dict) -> dict:
    names = {"f_plan": "plan", "f_year": "year", "f_q": "q", "f_unit": "unit", "f_target": "target"}
    return {names[k]: str(v) for k, v in view.items()}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_order_of_changes_holds_on_every_page(page_db, page):  # noqa: F811
    keys = [k for k in CHANGES if k != "f_target" or page in HAS_TARGET]
    for order in itertools.permutations(keys):
        at = open_app(PAGES[page])
        chosen = {}
        for key in order:
            at.selectbox(key=key).set_value(CHANGES[key]).run()
            assert not at.exception, at.exception
            chosen[key] = CHANGES[key]
            now = view_of(at)
            assert {k: now[k] for k in chosen} == chosen, (order, key, now)
            at.run()                                  # a rerun nobody asked for changes nothing
            assert view_of(at) == now, (order, "rerun")
            assert url_of(at) == expected_url(now), (order, url_of(at))


def on_offer(box, value) -> bool:
    return str(box.format_func(value)) in box.options


@pytest.mark.parametrize("page", ["indicator"])
def test_with_a_change_of_plan_a_choice_changes_only_when_it_is_no_longer_on_offer(page_db, page):  # noqa: F811
    changes = {"f_plan": "child-plan", "f_q": 4, "f_unit": "90001@pre2025", "f_year": 2022}
    checked = 0
    for order in itertools.permutations(changes):
        at = open_app(PAGES[page])
        chosen = {}
        for key in order:
            if not on_offer(at.selectbox(key=key), changes[key]):
                continue                                  # not on offer for this plan: the user cannot pick it
            at.selectbox(key=key).set_value(changes[key]).run()
            assert not at.exception, at.exception
            chosen[key] = changes[key]
            checked += 1
            for held, value in chosen.items():
                box = at.selectbox(key=held)
                if on_offer(box, value):
                    assert box.value == value, (order, key, held, box.value)
            assert url_of(at) == expected_url(view_of(at)), order
    assert checked > 24 * 2         # most changes were on offer: the test did drive the pickers


def test_the_target_carries_between_indicator_and_trend_and_through_a_page_without_it(page_db):  # noqa: F811
    at = open_app("indicator")
    at.selectbox(key="f_q").set_value(4).run()
    at.selectbox(key="f_target").set_value("test-plan#03").run()
    at.switch_page("pages/trend.py").run()
    assert at.selectbox(key="f_target").value == "test-plan#03" and at.selectbox(key="f_q").value == 4
    assert url_of(at)["target"] == "test-plan#03"
    at.selectbox(key="f_target").set_value("test-plan#02").run()
    at.switch_page("pages/overview.py").run()         # no target picker here: the target stays in the URL
    assert url_of(at)["target"] == "test-plan#02"
    at.switch_page("pages/upload.py").run()           # no sidebar at all
    at.switch_page("pages/indicator.py").run()
    assert view_of(at) == {"f_plan": "test-plan", "f_year": 2023, "f_q": 4, "f_unit": "90@pre2025",
                           "f_target": "test-plan#02"}
    assert url_of(at) == {"plan": "test-plan", "year": "2023", "q": "4", "unit": "90@pre2025",
                          "target": "test-plan#02"}


def test_a_link_opens_its_target_and_period(page_db):  # noqa: F811
    at = open_app("trend", plan="test-plan", year="2022", q="4", unit="900@pre2025", target="test-plan#03")
    assert view_of(at) == {"f_plan": "test-plan", "f_year": 2022, "f_q": 4, "f_unit": "900@pre2025",
                           "f_target": "test-plan#03"}


def test_a_late_url_from_the_browser_does_not_turn_the_view_back(page_db):  # noqa: F811
    at = open_app("indicator")
    at.selectbox(key="f_q").set_value(1).run()
    stale = dict(at.query_params)                     # the URL written for "Quý I"
    at.selectbox(key="f_q").set_value(4).run()
    at.selectbox(key="f_target").set_value("test-plan#02")
    at.query_params.clear()
    at.query_params.update(stale)                     # the browser had not applied the newer URL yet
    at.run()
    assert at.selectbox(key="f_q").value == 4 and at.selectbox(key="f_target").value == "test-plan#02"
    assert url_of(at)["q"] == "4"


def test_a_url_cleared_by_page_navigation_is_written_again_not_read(page_db):  # noqa: F811
    at = open_app("indicator")
    at.selectbox(key="f_q").set_value(4).run()
    at.query_params.clear()
    at.run()
    assert at.selectbox(key="f_q").value == 4 and url_of(at)["q"] == "4"


def test_a_new_link_in_the_same_session_is_followed(page_db):  # noqa: F811
    at = open_app("indicator")
    at.query_params.clear()
    at.query_params.update({"plan": "test-plan", "year": "2022", "q": "3", "unit": "901@pre2025",
                            "target": "test-plan#03"})
    at.run()
    assert view_of(at) == {"f_plan": "test-plan", "f_year": 2022, "f_q": 3, "f_unit": "901@pre2025",
                           "f_target": "test-plan#03"}


@pytest.mark.parametrize("bad", [{"q": "7"}, {"year": "1999"}, {"unit": "nowhere@x"}, {"target": "other#01"},
                                 {"plan": "nope"}, {"q": ""}, {"year": "abc"}, {"target": "test-plan#02'; --"}])
def test_a_link_with_a_value_not_on_offer_falls_back_to_the_default(page_db, bad):  # noqa: F811
    at = open_app("indicator", **bad)
    assert view_of(at) == {"f_plan": "test-plan", "f_year": 2023, "f_q": 2, "f_unit": "90@pre2025",
                           "f_target": "test-plan#01"}


@pytest.mark.parametrize("page", ["overview", "plan", "locality", "indicator", "trend", "completeness", "export"])
def test_each_monitoring_page_shows_a_vietnamese_spinner_while_it_computes(page_db, monkeypatch, page):  # noqa: F811
    import contextlib

    import streamlit as st

    from etl.labels_vi import UI
    said = []
    real = st.spinner

    @contextlib.contextmanager
    def spinner(text="", *args, **kwargs):
        said.append(text)
        with real(text, *args, **kwargs):
            yield

    monkeypatch.setattr(st, "spinner", spinner)
    open_app(PAGES[page])
    assert said == [UI["spinner_export"] if page == "export" else UI["spinner_page"]]
