"""Tài khoản (admin): list, add, change role or locality, lock/unlock, reset password; the same rules
as python -m etl user, and every change in the audit trail."""
import streamlit as st

from dashboard import state
from dashboard.text import md
from etl import accounts
from etl.labels_vi import ACCOUNT, ADMIN_PAGE, ROLE, UI

state.page_setup()
st.title(UI["page_accounts"])


def _apply(action) -> None:  # form callbacks: the message survives the rerun
    try:
        action()
        st.session_state["accounts_message"] = ("success", ADMIN_PAGE["saved"])
    except accounts.AccountError as refused:
        st.session_state["accounts_message"] = ("error", md(str(refused)))  # may quote what was typed


def _add() -> None:
    s = st.session_state
    con = state.connection().cursor()
    accounts.add(con, s["new_username"], s["new_role"], accounts.locality_for_code(con, s["new_locality"]),
                 s["new_password"], state.user().username)


def _change() -> None:
    s = st.session_state
    con, by = state.connection().cursor(), state.user().username
    if s["edit_password"]:
        accounts.set_password(con, s["edit_user"], s["edit_password"], by)
    accounts.change(con, s["edit_user"], s["edit_role"], accounts.locality_for_code(con, s["edit_locality"]), by)
    if s["edit_disabled"] != accounts.get(con, s["edit_user"]).disabled:
        accounts.set_disabled(con, s["edit_user"], s["edit_disabled"], by)


if state.user() and state.user().role == "admin":
    if message := st.session_state.pop("accounts_message", None):
        getattr(st, message[0])(message[1])
    users = accounts.list_users(state.connection().cursor())
    st.dataframe([{ADMIN_PAGE["col_username"]: u.username, ADMIN_PAGE["col_role"]: ROLE[u.role],
                   ADMIN_PAGE["col_locality"]: state.locality_name(u.locality_id) if u.locality_id
                   else ACCOUNT["whole_country"], ADMIN_PAGE["col_email"]: u.email or "",
                   ADMIN_PAGE["col_disabled"]: ADMIN_PAGE["yes"] if u.disabled else ""} for u in users],
                 hide_index=True, width="stretch")
    add, edit = st.columns(2)
    with add.form("add_account", clear_on_submit=True):
        st.subheader(ADMIN_PAGE["add"])
        st.text_input(ADMIN_PAGE["col_username"], key="new_username")
        st.selectbox(ADMIN_PAGE["col_role"], accounts.ROLES, format_func=ROLE.get, key="new_role")
        st.text_input(ADMIN_PAGE["locality_code"], key="new_locality")
        st.text_input(ADMIN_PAGE["password"], type="password", key="new_password")
        st.form_submit_button(ADMIN_PAGE["add_button"], on_click=_apply, args=(_add,))
    if users:
        with edit.form("edit_account"):
            st.subheader(ADMIN_PAGE["edit"])
            st.selectbox(ADMIN_PAGE["col_username"], [u.username for u in users], key="edit_user")
            st.selectbox(ADMIN_PAGE["col_role"], accounts.ROLES, format_func=ROLE.get, key="edit_role")
            st.text_input(ADMIN_PAGE["locality_code"], key="edit_locality")
            st.text_input(ADMIN_PAGE["new_password"], type="password", key="edit_password")
            st.checkbox(ADMIN_PAGE["disabled"], key="edit_disabled")
            st.form_submit_button(ADMIN_PAGE["edit_button"], on_click=_apply, args=(_change,))
