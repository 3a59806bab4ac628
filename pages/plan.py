"""Kế hoạch: every target of the plan as a bullet chart, its clause, evidence, and the parent plan's."""
import streamlit as st

from dashboard import charts, chrome, filters, state
from dashboard.text import md, md_format
from etl.labels_vi import I16, PERIOD_OF_YEAR, STATUS, UI
from etl.reports import format as fmt
from etl.reports import tables

state.page_setup()
st.title(UI["page_plan"])
if state.database_ready() and (view := filters.current()):
    with st.spinner(UI["spinner_page"]):
        card = state.scorecard(view)
    info = state.plan_info(view.plan_id)
    unit = state.locality_name(view.locality_id)
    period = PERIOD_OF_YEAR[view.quarter].format(year=view.year)
    st.subheader(md_format(UI["heading"], unit=unit, period=period))
    st.caption(md(info["title"]))
    counts = tables.status_counts(card.results)
    st.markdown(UI["summary"].format(total=len(card.results), **counts))
    if counts["no_data"] == len(card.results):
        st.warning(md_format(UI["no_returns_quarter"], period=period, unit=unit))
    if card.parent_title:
        st.info(md_format(UI["parent_header"], title=card.parent_title), icon=":material/account_tree:")
    elif info["parent_document"]:
        st.caption(md_format(UI["parent_document"], document=info["parent_document"]))
    for r in card.results:
        with st.container(border=True):
            label = fmt.target_label(r.indicator_name, r.levels, r.target_id)
            st.markdown(f"**{label}** — {fmt.status(r.status, r.exceeded)}")
            left, right = st.columns([3, 2])
            with left:
                if r.comparator == "qualitative":
                    st.markdown(fmt.actual_of(r))
                    st.caption(md_format(UI["evidence"], note=r.note) if r.note else UI["evidence_none"])
                else:
                    chrome.chart(charts.bullet(r), key=f"bullet-{r.target_id}")
            with right:
                target = fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year)
                lines = [UI["target_is"].format(target=target),
                         I16["actual_is"].format(actual=fmt.actual_of(r), detail=fmt.detail_of(r))]
                if r.expected is not None and r.comparator not in ("qualitative", "growth", "no_decrease") \
                        and r.expected != r.target_value:
                    lines.append(UI["pace_is"].format(period=period, expected=fmt.expected_text(r).lstrip("≥≤ ")))
                if tables.source(r):
                    lines.append(tables.source(r))
                if card.parent_title:
                    theirs = card.parent.get(r.target_id, [])
                    lines += [UI["parent_target"].format(
                        target=fmt.target_text(p.comparator, p.target_value, p.target_value_high, p.unit, p.target_year),
                        status=STATUS[p.status], actual=fmt.actual_of(p))
                        for p in theirs] or [UI["parent_none"]]
                st.markdown("\n".join(f"- {line}" for line in lines))
            with st.expander(UI["clause"]):
                st.markdown(f"> {md(r.clause)}")
    with st.expander(UI["table_view"]):
        chrome.table(tables.attainment_table(card.results), "attainment")
