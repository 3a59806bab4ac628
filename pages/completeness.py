"""Tình hình báo cáo: who sent each quarter's return, on time or late, how many versions; who to chase."""
import streamlit as st

from dashboard import chrome, filters, state
from dashboard.text import md_format
from etl.engine import completeness
from etl.labels_vi import UI
from etl.reports import tables

state.page_setup()
st.title(UI["page_completeness"])
if state.database_ready() and (view := filters.current()):
    unit = state.locality_name(view.locality_id)
    with st.spinner(UI["spinner_page"]):
        submissions = state.completeness(view)
    st.subheader(md_format(UI["completeness_title"], year=view.year, unit=unit))
    account = state.user()
    note = "deadline_note" if account is not None and account.role == "admin" else "deadline_note_admin"
    st.caption(UI[note].format(days=state.deadline_days()))
    quarter = max(s.quarter for s in submissions)
    st.markdown(tables.completeness_summary(submissions, quarter))
    st.caption(completeness.rate(submissions, quarter).basis)
    chrome.table(tables.completeness_table(submissions), "completeness",
                 column_config={UI["col_unit"]: st.column_config.TextColumn(width="medium", pinned=True)})
    due = next(s.due for s in submissions if s.quarter == quarter)
    chase = completeness.missing(submissions, quarter)
    if any(s.quarter == quarter and s.status == completeness.NOT_DUE for s in submissions):
        st.info(UI["chase_not_due"].format(quarter=quarter, year=view.year, due=f"{due:%d/%m/%Y}"))
    if chase:
        st.markdown(UI["chase_title"].format(quarter=quarter, year=view.year, due=f"{due:%d/%m/%Y}"))
        st.code("\n".join(f"{u.code} — {u.name}" for u in chase), language=None)
    elif not any(s.quarter == quarter and s.status == completeness.NOT_DUE for s in submissions):
        st.success(UI["chase_none"].format(quarter=quarter, year=view.year))
