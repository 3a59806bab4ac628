"""Địa bàn: one unit's targets, where its figures come from, its children ranked, down and back up."""
import streamlit as st

from dashboard import charts, chrome, filters, state
from dashboard.text import md, md_format
from etl.engine.queries import has_figure, rank
from etl.labels_vi import PERIOD_OF_YEAR, UI, UNIT_WORD
from etl.reports import format as fmt
from etl.reports import tables

state.page_setup()
st.title(UI["page_locality"])
if state.database_ready() and (view := filters.current()):
    issuer = state.plan_info(view.plan_id)["issuer_id"]
    with st.spinner(UI["spinner_page"]):
        data = state.locality(view, issuer)
    period = PERIOD_OF_YEAR[view.quarter].format(year=view.year)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(UI["breadcrumb"], width="content")
        for unit in data.path:
            st.button(md(unit.name), key=f"crumb-{unit.locality_id}", on_click=filters.set_unit, args=(unit.locality_id,),
                      disabled=unit.locality_id == view.locality_id, icon=":material/chevron_right:", type="tertiary")
    here = data.path[-1]
    st.subheader(md_format(UI["heading"], unit=here.name, period=period))
    share = data.reported
    if data.children:
        in_quarter = UI["coverage_quarter"].format(quarter=view.quarter, year=view.year)
        st.markdown(UI["coverage"].format(reported=share.sent, total=share.expected,
                                          level=UNIT_WORD[data.children[0].level], period=in_quarter))
        st.caption(share.basis)
    if not any(has_figure(r) for r in data.results):
        st.warning(md_format(UI["no_returns_quarter"], period=period, unit=here.name))
    if not data.children:
        st.info(md_format(UI["no_children"], unit=here.name))
    chrome.table(tables.attainment_table(data.results), "attainment")
    if data.children:
        st.subheader(UI["children_header"])
        labels = {r.target_id: fmt.target_label(r.indicator_name, r.levels, r.target_id) for r in data.results}
        target_id = st.selectbox(UI["children_rank_by"], list(labels), format_func=labels.get, key="rank_target")
        ranking = rank(data.children, data.grid, target_id)
        title = UI["ranking_title"].format(label=labels[target_id], unit=here.name, period=period)
        chrome.chart(charts.ranked_bars([u.name for u, _ in ranking], [r for _, r in ranking], title))
        chrome.table(tables.ranking_table(ranking), "ranking")
        names = {u.locality_id: u.name for u in data.children}
        st.selectbox(UI["go_down"], list(names), index=None, format_func=names.get,
                     placeholder=UI["go_down_placeholder"], key="go_down",
                     on_change=lambda: filters.set_unit(st.session_state["go_down"]))
