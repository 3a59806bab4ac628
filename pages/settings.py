"""Cài đặt: the reporting deadline the completeness page judges against."""
import streamlit as st

from dashboard import state
from etl import audit, settings
from etl.labels_vi import UI

state.page_setup()
st.title(UI["page_settings"])


def save() -> None:  # a callback: runs before the rerun, so nothing can lose the click
    days = int(st.session_state["deadline_days"])
    state.save_deadline_days(days)
    state.record(audit.SETTING, f"hạn nộp {days} ngày")
    st.session_state["settings_message"] = UI["settings_saved"].format(days=days)


if state.database_ready():
    with st.form("deadline"):
        st.number_input(UI["settings_deadline"], min_value=0, max_value=settings.MAX_DEADLINE_DAYS,
                        value=state.deadline_days(), step=1, help=UI["settings_deadline_help"], key="deadline_days")
        st.form_submit_button(UI["settings_save"], on_click=save)
    if "settings_message" in st.session_state:
        st.success(st.session_state.pop("settings_message"))
