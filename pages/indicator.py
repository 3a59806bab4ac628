"""Chỉ số: one target across the units below (ranked, with the target line) and across the years."""
import streamlit as st

from dashboard import charts, chrome, filters, state
from dashboard.text import md_format
from etl.labels_vi import I16, PERIOD_OF_YEAR, UI
from etl.reports import format as fmt
from etl.reports import tables

state.page_setup()
st.title(UI["page_indicator"])
if state.database_ready() and (view := filters.current()) and (chosen := filters.target(view)):
    target_id, label = chosen
    with st.spinner(UI["spinner_page"]):
        data = state.indicator(view, target_id)
    unit = state.locality_name(view.locality_id)
    period = PERIOD_OF_YEAR[view.quarter].format(year=view.year)
    st.subheader(md_format(UI["heading"], unit=unit, period=period))
    own = data.target
    st.markdown(f"{fmt.status(own.status, own.exceeded)} — {I16['actual_is'].format(actual=fmt.actual_of(own), detail=fmt.detail_of(own))}; "
                f"{UI['target_is'].format(target=fmt.target_text(own.comparator, own.target_value, own.target_value_high, own.unit, own.target_year))}")
    if data.ranking:
        title = UI["ranking_title"].format(label=label, unit=unit, period=period)
        chrome.chart(charts.ranked_bars([u.name for u, _ in data.ranking], [r for _, r in data.ranking], title))
        with st.expander(UI["table_view"]):
            chrome.table(tables.ranking_table(data.ranking), "ranking")
    else:
        st.info(md_format(UI["ranking_empty"], unit=unit))
    if data.years:
        title = UI["years_title"].format(label=label, unit=unit, period=period)
        chrome.chart(charts.years_bars(data.years, title))
        with st.expander(UI["table_view"]):
            chrome.table(tables.periods_table(data.years, by="year"), "years")
    else:
        st.info(UI["years_empty"])
