"""The sidebar every monitoring page shares: plan, year, period and unit, kept in the URL
(?plan=…&year=…&q=…&unit=…) so that a link opens the same view."""
from __future__ import annotations

import streamlit as st

from dashboard import format as fmt, state
from dashboard.queries import View
from etl.labels_vi import PERIOD, UI


def _param(name: str, options: list, default):
    raw = st.query_params.get(name)
    for option in options:
        if str(option) == raw:
            return option
    return default


def _choose(label: str, key: str, options: list, param: str, default, **kwargs):
    """A sidebar selectbox whose first value comes from the URL, then from the session.

    The value is put in session state before the widget exists instead of passing `index`: a
    widget whose arguments change between runs (an index from a URL that page switches clear)
    would be a new widget and lose the user's choice.
    """
    if st.session_state.get(key) not in options:  # first run, or another plan's year or unit
        st.session_state[key] = _param(param, options, default)
    return st.sidebar.selectbox(label, options, key=key, **kwargs)


def sidebar() -> View | None:
    """Defaults: the most recent plan, its latest year and quarter with data, the plan's issuer."""
    available = state.plans()
    if not available:
        st.info(UI["no_plans"])
        return None
    titles = {p[0]: p[1] for p in available}
    ids = list(titles)
    labels = state.plan_labels(tuple(ids))
    plan_id = _choose(UI["plan"], "f_plan", ids, "plan", ids[0], format_func=lambda p: labels.get(p, titles[p]))
    _, _, year_from, year_to, issuer = next(p for p in available if p[0] == plan_id)
    scope = state.scope()
    years = list(range(year_to, year_from - 1, -1))
    year = _choose(UI["year"], "f_year", years, "year", state.latest_year(plan_id) or years[0])
    quarter = _choose(UI["period"], "f_q", list(PERIOD), "q", state.latest_quarter(plan_id, year) or 4,
                      format_func=PERIOD.get)
    if (raw := st.query_params.get("unit")) and "@" not in raw:  # a bare code: the plan's own unit of that code
        st.query_params["unit"] = state.unit_of_code(plan_id, raw, year, quarter) or raw
    start = state.entry_point(scope, issuer, year) or issuer  # the issuer, or the account's own part of the area
    near = (st.session_state.get("f_unit"), st.query_params.get("unit"), start)  # the picker: what is around it
    units = {u.locality_id: u for u in state.picker_units(issuer, near, year, scope)}
    asked = st.query_params.get("unit") if st.session_state.get("f_unit") not in units else None
    unit = _choose(UI["unit"], "f_unit", list(units) or [start], "unit", start,
                   format_func=lambda lid: f"{'· ' * units[lid].depth}{units[lid].name}" if lid in units else lid)
    if asked and asked not in units:  # a URL's unit outside the plan's area (or the account's): said, not hidden
        st.warning(UI["unit_outside_plan"].format(code=asked.split("@")[0], year=year, name=units[unit].name
                                                  if unit in units else unit))
    st.query_params.update({"plan": plan_id, "year": str(year), "q": str(quarter), "unit": unit})
    return View(plan_id, year, quarter, unit, scope)


def target(view: View) -> tuple[str, str] | None:
    """A picker of the view's targets on the page (kept in the URL as ?target=…): (target id, label)."""
    results = state.scorecard(view).results
    labels = {r.target_id: fmt.target_label(r.indicator_name, r.levels, r.target_id) for r in results}
    if not labels:
        st.info(UI["no_targets"])
        return None
    options = list(labels)
    if st.session_state.get("f_target") not in options:
        st.session_state["f_target"] = _param("target", options, options[0])
    chosen = st.selectbox(UI["target_pick"], options, format_func=labels.get, key="f_target")
    st.query_params["target"] = chosen
    return chosen, labels[chosen]


def set_unit(locality_id: str) -> None:
    """Widget callback: move the whole view to another unit (drill-down, breadcrumb)."""
    st.session_state["f_unit"] = locality_id


def current() -> View | None:
    """The view app.py's sidebar chose in this run (None when there is no database or plan)."""
    return st.session_state.get("view")
