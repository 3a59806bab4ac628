"""Nộp báo cáo quý: download the template, upload returns, see what they change, confirm, see history."""
import streamlit as st

from dashboard import state
from dashboard.text import md, md_format
from etl.labels_vi import I16, PERIOD_OF_YEAR, UI
from etl.reports import tables

state.page_setup()
st.title(UI["page_upload"])
if state.database_ready():
    st.subheader(UI["template_header"])
    st.caption(I16["template_help"])
    year_col, quarter_col, unit_col = st.columns([1, 1, 3])
    due_year, due_quarter = state.due_quarter()
    year = int(year_col.number_input(UI["year"], 2015, 2100, value=due_year, step=1, key="template_year"))
    quarter = quarter_col.selectbox(UI["quarter"], [1, 2, 3, 4], index=due_quarter - 1, key="template_quarter",
                                    help=I16["quarter_due"].format(quarter=due_quarter, year=due_year))
    units = {u.locality_id: u for u in state.report_units(year, quarter)}
    chosen = unit_col.selectbox(I16["report_unit"], list(units), key="template_unit",
                                format_func=lambda lid: I16["unit_option"].format(name=units[lid].name,
                                                                                  code=units[lid].code))
    if chosen is None:
        st.info(I16["no_report_units"].format(quarter=quarter, year=year))
    else:
        unit = units[chosen]
        st.caption(md_format(I16["template_for"], name=unit.name, code=unit.code, quarter=quarter, year=year))
        content = state.template_bytes(unit.code, year, quarter)
        if content is None:
            st.warning(md_format(UI["template_unknown"], code=unit.code, quarter=quarter, year=year))
        else:
            st.download_button(UI["template_button"], content, f"mau-bao-cao-{unit.code}-{year}-Q{quarter}.xlsx",
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
