"""The view every monitoring page shares (plan, year, period, unit, target): ONE state that only the
user changes, mirrored in the URL (?plan=…&year=…&q=…&unit=…&target=…) so that a link opens it.

- The view lives in session state under VIEW (a plain key, not a widget's): a picker not drawn on a
  page (the target on Tổng quan, every picker on Nộp báo cáo) keeps its value for when it is back.
- Each picker is keyed; its value is seeded from the view only when its key is missing or no longer
  among its options (first run, another plan's years or units). No `index=`: the widget's identity
  and default never move, so the browser and the server cannot disagree about it.
- The URL is read only on the session's first run or when it carries a view this session never wrote
  (a link opened in the tab, the page asked for before logging in). A URL the browser sends back late
  (it had not yet applied the one written a moment ago) is one this session wrote: it is ignored.
- The URL is written only when it differs from the view (the view changed, or page navigation
  cleared the query string).
"""
from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.text import md
from etl.engine.queries import View
from etl.labels_vi import PERIOD, UI
from etl.reports import format as fmt

PARAMS = ("plan", "year", "q", "unit", "target")
KEYS = {"plan": "f_plan", "year": "f_year", "q": "f_q", "unit": "f_unit", "target": "f_target"}
VIEW = "view_state"       # name -> the value the user chose (or a link asked for, as text, until its picker)
WRITTEN = "view_urls"     # the views this session wrote to the URL, as frozensets of (name, text)
MAX_WRITTEN = 50
DRAWN = "view_drawn"      # picker key -> the page it was last drawn on (None: the sidebar, the same on every page)
FROM_LINK = "view_from_link"  # names whose value a link gave and no picker has yet taken
SHOWN_AT_MOST = 40        # characters of a link's value echoed back (a URL may carry anything)


def _page() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def _url() -> dict[str, str]:
    return {name: st.query_params[name] for name in PARAMS if name in st.query_params}


def read_link() -> None:
    """Take the URL's view on the session's first run, or when the URL holds a view this session did
    not write; otherwise the session's view stands (whatever the browser's URL says)."""
    url = _url()
    written = st.session_state.get(WRITTEN)
    if written is None:
        st.session_state[WRITTEN] = [frozenset(url.items())]
    elif not url or frozenset(url.items()) in written:
        return
    view = st.session_state.setdefault(VIEW, {})
    view.update(url)
    st.session_state[FROM_LINK] = set(url)
    for name in url:
        st.session_state.pop(KEYS[name], None)  # the picker takes the link's value at its next draw


def shown(value: object) -> str:
    """A link's value as the page may echo it: cut short, as text (never Markdown)."""
    text = " ".join(str(value).split())
    return md(text if len(text) <= SHOWN_AT_MOST else text[:SHOWN_AT_MOST] + "…")


def _match(options: list, wanted, default):
    for option in options:
        if wanted is not None and str(option) == str(wanted):
            return option
    return default


def _choose(where, label: str, name: str, options: list, default, **kwargs):
    """A keyed picker of the view; its value goes back into the view."""
    key = KEYS[name]
    view = st.session_state.setdefault(VIEW, {})
    page = _page() if where is not st.sidebar else None
    drawn = st.session_state.setdefault(DRAWN, {})
    # First draw, options changed under it, or a picker of the page (whose widget is another one on
    # each page) drawn on a page other than last time: the view gives its value.
    if st.session_state.get(key) not in options or drawn.get(key) != page:
        st.session_state[key] = _match(options, view.get(name), default)
        linked = st.session_state.get(FROM_LINK, set())
        if name in linked:  # a link's value no picker offers: said, not silently replaced
            linked.discard(name)
            if name != "unit" and view.get(name) is not None and st.session_state[key] is default \
                    and str(default) != str(view.get(name)):
                st.warning(UI["link_value_unknown"].format(what=label.lower(), value=shown(view.get(name))))
    drawn[key] = page
    value = where.selectbox(label, options, key=key, **kwargs)
    view[name] = value
    return value


def write_url() -> None:
    """Put the view in the URL if the URL says something else (nothing is sent otherwise)."""
    view = st.session_state.get(VIEW, {})
    wanted = {name: str(view[name]) for name in PARAMS if view.get(name) is not None}
    if wanted == _url():
        return
    for name in PARAMS:
        if name not in wanted and name in st.query_params:
            del st.query_params[name]
    st.query_params.update(wanted)
    written = st.session_state.setdefault(WRITTEN, [])
    written.append(frozenset(wanted.items()))
    del written[:-MAX_WRITTEN]


def sidebar() -> View | None:
    """Defaults: the most recent plan, its latest year and quarter with data, the plan's issuer."""
    read_link()
    available = state.plans()
    if not available:
        st.info(UI["no_plans"])
        return None
    titles = {p[0]: p[1] for p in available}
    ids = list(titles)
    labels = state.plan_labels(tuple(ids))
    bar = st.sidebar
    plan_id = _choose(bar, UI["plan"], "plan", ids, ids[0], format_func=lambda p: labels.get(p, titles[p]))
    _, _, year_from, year_to, issuer = next(p for p in available if p[0] == plan_id)
    scope = state.scope()
    years = list(range(year_to, year_from - 1, -1))
    year = _choose(bar, UI["year"], "year", years, state.latest_year(plan_id) or years[0])
    quarter = _choose(bar, UI["period"], "q", list(PERIOD), state.latest_quarter(plan_id, year) or 4,
                      format_func=PERIOD.get)
    view = st.session_state[VIEW]
    if isinstance(asked := view.get("unit"), str) and asked and "@" not in asked:  # a bare code from a link
        view["unit"] = state.unit_of_code(plan_id, asked, year, quarter) or asked
    start = state.entry_point(scope, issuer, year) or issuer  # the issuer, or the account's own part of the area
    asked = view.get("unit")
    near = (st.session_state.get("f_unit"), asked, start)  # the picker: what is around it
    units = {u.locality_id: u for u in state.picker_units(issuer, near, year, scope)}
    unit = _choose(bar, UI["unit"], "unit", list(units) or [start], start,
                   format_func=lambda lid: f"{'· ' * units[lid].depth}{units[lid].name}" if lid in units else lid)
    if isinstance(asked, str) and asked not in units:  # a link's unit outside the plan's area (or the account's): said
        st.warning(UI["unit_outside_plan"].format(code=shown(asked.split("@")[0]), year=year,
                                                  name=md(units[unit].name) if unit in units else shown(unit)))
    write_url()
    return View(plan_id, year, quarter, unit, scope)


def target(view: View) -> tuple[str, str] | None:
    """The picker of the view's target on the page (Chỉ số, Xu hướng share it): (target id, label)."""
    results = state.scorecard(view).results
    labels = {r.target_id: fmt.target_label(r.indicator_name, r.levels, r.target_id) for r in results}
    if not labels:
        st.info(UI["no_targets"])
        return None
    chosen = _choose(st, UI["target_pick"], "target", list(labels), next(iter(labels)), format_func=labels.get)
    write_url()
    return chosen, labels[chosen]


def set_unit(locality_id: str) -> None:
    """Widget callback: move the whole view to another unit (drill-down, breadcrumb)."""
    st.session_state["f_unit"] = locality_id


def current() -> View | None:
    """The view app.py's sidebar chose in this run (None when there is no database or plan)."""
    return st.session_state.get("view")
