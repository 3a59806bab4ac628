"""Xuất báo cáo: the tables of the view on screen, as Excel, CSV and the Word annex."""
import streamlit as st

from dashboard import filters, state
from dashboard.text import md_format
from etl.access import audit
from etl.labels_vi import EXPORT, UI
from etl.reports import export_files

MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "application/zip",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

state.page_setup()
st.title(UI["page_export"])
if state.database_ready() and (view := filters.current()):
    with st.spinner(UI["spinner_export"]):
        export = state.export(view)
        files = {kind: state.export_file(view, kind) for kind in ("xlsx", "csv", "docx")}
    st.caption(md_format(EXPORT["page_intro"], plan=export.plan_title, period=export.period,
                                          locality=export.locality_name))
    stem = f"pcmd-{view.plan_id}-{view.year}-{'Q' + str(view.quarter)}-{view.locality_id.split('@')[0]}"
    with st.container(horizontal=True):
        for kind, suffix in (("xlsx", "xlsx"), ("csv", "zip"), ("docx", "docx")):
            st.download_button(EXPORT[f"button_{kind}"], files[kind], f"{stem}.{suffix}",
                               mime=MIME[kind], key=f"download-{kind}", icon=":material/download:",
                               on_click=state.record, args=(audit.EXPORT, f"{stem}.{suffix}"))
    for table in export.tables:
        st.subheader(table.title.capitalize())
        st.dataframe(export_files.frame(table), hide_index=True, width="stretch")
