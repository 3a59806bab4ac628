"""Tổng quan: status tiles, units × targets heatmap, the three targets furthest behind."""
import streamlit as st

from dashboard import charts, chrome, filters, state
from dashboard.text import md, md_format
from etl.engine import queries
from etl.labels_vi import CHROME, I16, PERIOD_OF_YEAR, UI
from etl.reports import format as fmt
from etl.reports import tables

state.page_setup()
st.title(UI["page_overview"])
if state.database_ready() and (view := filters.current()):
    with st.spinner(UI["spinner_page"]):
        data = state.overview(view)
    unit = state.locality_name(view.locality_id)
    period = PERIOD_OF_YEAR[view.quarter].format(year=view.year)
    st.subheader(md_format(UI["heading"], unit=unit, period=period))
    st.caption(md(state.plan_info(view.plan_id)["title"]))
    counts = tables.status_counts(data.results)
    total = len(data.results)
    share = data.reported
    tiles = st.container(key="tiles").columns(5)
    for column, key, value in zip(tiles, ("tile_met", "tile_on_track", "tile_behind", "tile_no_data"),
                                  (counts["met"], counts["on_track"], counts["behind"] + counts["not_met"],
                                   counts["no_data"])):
        column.metric(UI[key], value, help=UI["tile_targets"].format(total=total), border=True)
    tiles[4].metric(UI["tile_reported"].format(quarter=view.quarter), fmt.percent(share.percent),
                    help=share.basis, border=True)
    st.caption(UI["tile_units"].format(sent=share.sent, total=share.expected) + " · "
               + UI["tile_targets"].format(total=total) + " · " + share.basis)
    if counts["no_data"] == total:
        st.warning(md_format(UI["no_returns_quarter"], period=period, unit=unit))

    st.subheader(UI["behind_title"])
    if data.furthest_behind:
        st.markdown("\n".join(f"- {fmt.behind_sentence(r, period)}" for r in data.furthest_behind))
    else:
        st.success(UI["behind_none"])

    shown = queries.reported_targets(data.grid)
    if shown:
        title = UI["heatmap_title"].format(unit=unit, period=period)
        rows = [[r for r in data.grid[u.locality_id] if r.target_id in shown] for u in data.units]
        chrome.chart(charts.status_heatmap([u.name for u in data.units], rows, title), box="heatmap")
        chrome.phone_note(CHROME["heatmap_phone"])
        st.caption(UI["heatmap_caption"] + " " + I16["heatmap_blank"])
        hidden = [fmt.target_label(r.indicator_name, r.levels, r.target_id) for r in data.results
                  if r.target_id not in shown]
        if hidden:
            st.caption(md_format(UI["heatmap_hidden"], targets="; ".join(hidden)))
        with st.expander(UI["table_view"]):
            chrome.table(tables.grid_table(data.units, data.grid), "grid")
    elif data.units:
        st.info(md_format(UI["heatmap_empty"], unit=unit, period=period))
    else:
        st.info(md_format(UI["no_children"], unit=unit))
    chrome.table(tables.attainment_table(data.results), "attainment")
