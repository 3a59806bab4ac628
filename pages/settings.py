"""Cài đặt: the reporting deadline the completeness page judges against, the idle time after which a
session asks to log in again, and how long a login survives reloads and new tabs."""
import streamlit as st

from dashboard import state
from etl.access import audit, settings
from etl.labels_vi import AUDIT_DETAIL, UI

state.page_setup()
st.title(UI["page_settings"])


def save() -> None:  # a callback: runs before the rerun, so nothing can lose the click
    days, minutes = int(st.session_state["deadline_days"]), int(st.session_state["idle_minutes"])
    hours = int(st.session_state["login_hours"])
    state.save_settings(days, minutes, hours)
    state.record(audit.SETTING, AUDIT_DETAIL["settings"].format(days=days, minutes=minutes, hours=hours))
    st.session_state["settings_message"] = UI["settings_saved"].format(days=days, minutes=minutes, hours=hours)


if state.database_ready():
    with st.form("settings"):
        st.number_input(UI["settings_deadline"], min_value=0, max_value=settings.MAX_DEADLINE_DAYS,
                        value=state.deadline_days(), step=1, help=UI["settings_deadline_help"], key="deadline_days")
        st.number_input(UI["settings_idle"], min_value=5, max_value=24 * 60, value=state.idle_minutes(), step=5,
                        help=UI["settings_idle_help"], key="idle_minutes")
        st.number_input(UI["settings_login_hours"], min_value=1, max_value=settings.MAX_LOGIN_HOURS,
                        value=state.login_hours(), step=1, help=UI["settings_login_hours_help"], key="login_hours")
        st.form_submit_button(UI["settings_save"], on_click=save)
    if "settings_message" in st.session_state:
        st.success(st.session_state.pop("settings_message"))
