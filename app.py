"""Entry point (streamlit run app.py): page setup, the shared sidebar filters, navigation.

Each page's url_path is its file's stem: with a pages/ folder, Streamlit first matches the URL against
the file names, and any other path shows a "Page not found" dialog before navigation runs.
The filters live here, in the entrypoint, so that they keep their values from page to page.
"""
import streamlit as st

from dashboard import filters, state
from etl.labels_vi import DEMO_BANNER, UI

st.set_page_config(page_title=UI["app_title"], page_icon=":material/monitoring:", layout="wide")


def page(stem: str, title: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(f"pages/{stem}.py", title=UI[title], icon=icon, default=default,
                   url_path=None if default else stem)


FILTERED = {"", "plan", "locality", "indicator", "trend", "completeness", "export"}  # pages that read the sidebar view

navigation = st.navigation({
    UI["group_monitor"]: [
        page("overview", "page_overview", ":material/dashboard:", default=True),
        page("plan", "page_plan", ":material/flag:"),
        page("locality", "page_locality", ":material/account_tree:"),
        page("indicator", "page_indicator", ":material/bar_chart:"),
        page("trend", "page_trend", ":material/trending_up:"),
    ],
    UI["group_reports"]: [
        page("completeness", "page_completeness", ":material/fact_check:"),
        page("upload", "page_upload", ":material/upload_file:"),
        page("export", "page_export", ":material/download:"),
    ],
    UI["group_admin"]: [
        page("settings", "page_settings", ":material/settings:"),
    ],
})
st.session_state["view"] = None
if state.database_ready(quiet=True):
    if state.is_demo():
        st.info(DEMO_BANNER, icon=":material/info:")
    if navigation.url_path in FILTERED:
        st.session_state["view"] = filters.sidebar()
navigation.run()
