"""Entry point (streamlit run app.py): page setup, login, the pages an account's role may open, the
shared sidebar filters, navigation.

Each page's url_path is its file's stem: with a pages/ folder, Streamlit first matches the URL against
the file names, and any other path shows a "Page not found" dialog before navigation runs.
The filters live here, in the entrypoint, so that they keep their values from page to page.
"""
import streamlit as st

from dashboard import chrome, filters, login, state
from etl.labels_vi import DEMO_BANNER, UI
from etl.storage import faults

st.set_page_config(page_title=UI["app_title"], page_icon=":material/monitoring:", layout="wide")
chrome.apply()  # shared CSS: Vietnamese chrome, phone and print layouts (dashboard/chrome.py)


def page(stem: str, title: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(f"pages/{stem}.py", title=UI[title], icon=icon, default=default,
                   url_path=None if default else stem)


MONITOR = [page("overview", "page_overview", ":material/dashboard:", default=True),
           page("plan", "page_plan", ":material/flag:"),
           page("locality", "page_locality", ":material/account_tree:"),
           page("indicator", "page_indicator", ":material/bar_chart:"),
           page("trend", "page_trend", ":material/trending_up:")]
COMPLETENESS = page("completeness", "page_completeness", ":material/fact_check:")
UPLOAD = page("upload", "page_upload", ":material/upload_file:")
EXPORT = page("export", "page_export", ":material/download:")
PLANS = page("plans", "page_plans", ":material/edit_note:")
ADMIN = [PLANS, page("accounts", "page_accounts", ":material/group:"), page("audit", "page_audit", ":material/history:"),
         page("settings", "page_settings", ":material/settings:")]
REPORTS = {"admin": [COMPLETENESS, UPLOAD, EXPORT], "leader": [COMPLETENESS, EXPORT],
           "reporter": [COMPLETENESS, UPLOAD]}
FILTERED = {"", "plan", "locality", "indicator", "trend", "completeness", "export"}  # pages that read the view

st.session_state["view"] = None
if not state.database_ready():
    st.stop()
try:
    account = login.gate()
except faults.ERRORS as problem:  # the database failed under the login page: say so in Vietnamese
    st.error(faults.fault(problem).message, icon=":material/error:")
    st.stop()
if account is None:  # every page's URL still leads here, to the login form; the page asked for is kept
    asked = st.navigation(MONITOR + [COMPLETENESS, UPLOAD, EXPORT] + ADMIN, position="hidden")
    st.session_state["asked_for"] = (asked.url_path, st.query_params.to_dict())
    st.stop()
groups = {UI["group_monitor"]: MONITOR, UI["group_reports"]: REPORTS[account.role]}
if account.role == "admin":
    groups[UI["group_admin"]] = ADMIN
elif account.role == "leader":
    groups[UI["group_admin"]] = [PLANS]  # a leader manages the plans of its own area
navigation = st.navigation(groups)
if asked_for := st.session_state.pop("asked_for", None):  # just logged in: open the linked page and view
    path, params = asked_for
    wanted = next((p for pages in groups.values() for p in pages if p.url_path == path), None)
    if wanted is not None and path != navigation.url_path:
        st.switch_page(wanted, query_params=params)
login.sidebar(account)
if state.is_demo():
    st.info(DEMO_BANNER, icon=":material/info:")
if navigation.url_path in FILTERED:
    st.session_state["view"] = filters.sidebar()
navigation.run()
