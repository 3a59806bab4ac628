"""Nhật ký (admin): the audit trail, filtered, and as CSV."""
import datetime as dt

import streamlit as st

from dashboard import state
from etl.access import audit, audit_words
from etl.labels_vi import ADMIN_PAGE, AUDIT_ACTION, AUDIT_DETAIL, UI
from etl.reports import export_files
from etl.reports.export_tables import Cell, Table

state.page_setup()
st.title(UI["page_audit"])
if state.user() and state.user().role == "admin":
    who, what, since, until = st.columns(4)
    username = who.text_input(ADMIN_PAGE["col_username"]).strip().lower() or None
    action = what.selectbox(ADMIN_PAGE["action"], [None, *AUDIT_ACTION], format_func=lambda a: AUDIT_ACTION.get(a, "—"))
    start = since.date_input(ADMIN_PAGE["since"], value=dt.date.today() - dt.timedelta(days=30), format="DD/MM/YYYY")
    end = until.date_input(ADMIN_PAGE["until"], value=dt.date.today(), format="DD/MM/YYYY")
    con = state.connection().cursor()
    events = audit.events(con, username, action, start, end)
    words = audit_words.Words(con)
    table = Table("nhat-ky", UI["page_audit"], "", ADMIN_PAGE["audit_header"],
                  [[Cell(f"{e.occurred_at:%d/%m/%Y %H:%M:%S}"), Cell(e.username or ""),
                    Cell(AUDIT_ACTION.get(e.action, e.action)), Cell(words.detail(e.action, e.detail))] for e in events.itertuples()])
    st.caption(ADMIN_PAGE["audit_count"].format(n=len(table.rows)))
    st.dataframe(export_files.frame(table), hide_index=True, width="stretch")
    st.download_button(ADMIN_PAGE["audit_csv"], export_files.csv_table(table), "nhat-ky.csv", mime="text/csv",
                       on_click=state.record, args=(audit.EXPORT, AUDIT_DETAIL["audit_csv"]))
