"""Xu hướng: one target's year-to-date figure quarter by quarter, this year against last, with the pace."""
import streamlit as st

from dashboard import charts, chrome, filters, state
from etl.engine.queries import has_figure
from etl.labels_vi import UI
from etl.reports import tables

state.page_setup()
st.title(UI["page_trend"])
if state.database_ready() and (view := filters.current()) and (chosen := filters.target(view)):
    target_id, label = chosen
    with st.spinner(UI["spinner_page"]):
        data = state.trend(view, target_id)
    has_data = [r for r in data.this_year + data.last_year if has_figure(r)]
    if not has_data:
        st.info(UI["trend_empty"].format(year=view.year, last=view.year - 1))
    else:
        unit = state.locality_name(view.locality_id)
        title = UI["trend_title"].format(label=label, unit=unit, year=view.year, last=view.year - 1)
        chrome.chart(charts.trend_lines(data.this_year, data.last_year, view.year, title))
        if data.this_year and data.this_year[0].comparator == "growth":
            st.caption(UI["trend_growth_note"])
        chrome.table(tables.periods_table(data.last_year + data.this_year, by="quarter"), "periods")
