"""Nộp báo cáo quý: download the template, upload returns, see what they change, confirm, see history."""
import streamlit as st

from dashboard import state, tables
from dashboard.text import md, md_format
from etl.labels_vi import PERIOD_OF_YEAR, UI

state.page_setup()
st.title(UI["page_upload"])
if state.database_ready():
    st.subheader(UI["template_header"])
    st.caption(UI["template_help"])
    code_col, year_col, quarter_col = st.columns([2, 1, 1])
    code = code_col.text_input(UI["locality_code"], key="template_code").strip()
    year = year_col.number_input(UI["year"], 2015, 2100, value=state.current_year(), step=1, key="template_year")
    quarter = quarter_col.selectbox(UI["quarter"], [1, 2, 3, 4], key="template_quarter")
    if code:
        content = state.template_bytes(code, int(year), quarter)
        if content is None:
            st.warning(md_format(UI["template_unknown"], code=code, quarter=quarter, year=year))
        else:
            st.download_button(UI["template_button"], content, f"mau-bao-cao-{code}-{year}-Q{quarter}.xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    st.subheader(UI["upload_header"])
    for message in st.session_state.pop("upload_messages", []):
        st.success(md(message))
    sender = st.text_input(UI["sender"], value=UI["sender_default"])
    files = st.file_uploader(UI["uploader"], type=["xlsx"], accept_multiple_files=True,
                             key=f"uploader-{st.session_state.get('upload_round', 0)}")
    inspections = state.inspect_uploads(files or [])
    for item in inspections:
        if item.refused:
            st.error(md_format(UI["refused_file"], name=item.name, count=len(item.problems)))
            st.markdown("\n".join(f"- {md(p.message)}" for p in item.problems))
            st.download_button(UI["error_report_button"], item.report, f"loi-{item.name}", key=f"report-{item.digest}")
            continue
        st.success(md_format(UI["accepted_file"], name=item.name, **item.counts))
        if item.warnings:
            st.warning(UI["warnings_title"] + "\n" + "\n".join(f"- {md(w)}" for w in item.warnings))
        if not item.changes_anything:
            st.info(UI["nothing_new"])
        if item.counts["carried"] or item.counts["removed"]:
            st.info(UI["carried_removed"].format(**item.counts))
        with st.expander(UI["changes_title"], expanded=True):
            st.dataframe(tables.changes_table(item.changes), hide_index=True, width="stretch")
        for title, year_, quarter_, results in item.preview:
            period = PERIOD_OF_YEAR[quarter_].format(year=year_)
            st.caption(md_format(UI["preview_title"], plan=title, period=period))
            st.dataframe(tables.attainment_table(results), hide_index=True, width="stretch")
    valid = [i for i in inspections if not i.refused and i.changes_anything]
    if valid and st.button(UI["confirm"].format(n=len(valid)), type="primary"):
        st.session_state["upload_messages"] = state.commit_uploads(files, {i.name for i in valid}, sender)
        st.rerun()

    st.subheader(UI["history_header"])
    history = state.history()
    if history.empty:
        st.info(UI["history_empty"])
    else:
        st.dataframe(tables.history_table(history), hide_index=True, width="stretch")
