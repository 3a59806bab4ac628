"""Kết quả thực hiện chỉ tiêu: every target of a plan with its actual value and status."""
import streamlit as st

from dashboard import charts, state, tables
from etl.labels_vi import DEMO_BANNER, PERIOD, PERIOD_OF_YEAR, UI

state.page_setup()
st.title(UI["page_attainment"])
if state.database_ready():
    if state.is_demo():
        st.info(DEMO_BANNER, icon="ℹ️")
    chosen = state.plan_filters()
    if chosen:
        plan_id, year, quarter = chosen
        results = state.evaluate(plan_id, year, quarter)
        locality = state.locality_name(results[0].locality_id) if results else ""
        counts = tables.status_counts(results)
        period = PERIOD_OF_YEAR[quarter].format(year=year)
        st.subheader(f"{locality} — {period[0].upper()}{period[1:]}")
        if counts["no_data"] == len(results):
            st.warning(UI["no_data_period"].format(period=PERIOD[quarter], year=year))
        st.markdown(UI["summary"].format(total=len(results), **counts))
        if charts.percent_targets(results):
            title = UI["chart_title"].format(locality=locality, period=period)
            st.plotly_chart(charts.attainment_bars(results, title), width="stretch")
            st.caption(UI["counts_note"])
        st.caption(UI["table_caption"])
        st.dataframe(tables.attainment_table(results), hide_index=True, width="stretch")
