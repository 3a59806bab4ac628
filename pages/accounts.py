"""Tài khoản (admin): list, add, and edit one account. The edit form is filled from the picked account
and saves only what was changed; a change of role, locality or lock is said in words and confirmed
first (etl/access/account_edit.py). The same rules as python -m etl user; every change in the audit trail."""
import streamlit as st

from dashboard import state
from dashboard.text import md
from etl.access import account_edit, accounts
from etl.labels_vi import ACCOUNT, ACCOUNT_EDIT, ADMIN_PAGE, ROLE, UI

state.page_setup()
st.title(UI["page_accounts"])


def _say(kind: str, text: str) -> None:  # the message survives the rerun; it may quote what was typed
    st.session_state["accounts_message"] = (kind, md(text))


def _admin() -> str | None:
    """The acting admin's name, checked again at the click (a callback runs before the login gate)."""
    account = state.user()
    return account.username if account and account.role == "admin" else None


def _add() -> None:
    s = st.session_state
    con = state.connection().cursor()
    if not (by := _admin()):
        return
    try:
        accounts.add(con, s["new_username"], s["new_role"], accounts.locality_for_code(con, s["new_locality"]),
                     s["new_password"], by)
        _say("success", ADMIN_PAGE["saved"])
    except accounts.AccountError as refused:
        _say("error", str(refused))


def _edit_of(user: accounts.User) -> account_edit.Edit:
    s, key = st.session_state, _key(user)
    con = state.connection().cursor()
    typed = s[f"edit_locality_{key}"].strip()
    locality = user.locality_id if typed == (user.locality_id or "") else accounts.locality_for_code(con, typed)
    return account_edit.Edit(user.username, s[f"edit_role_{key}"], locality, s[f"edit_disabled_{key}"],
                             s[f"edit_password_{key}"], user.version)


def _save(user: accounts.User) -> None:
    con = state.connection().cursor()
    try:
        edit = _edit_of(user)
        found = account_edit.changes(con, edit)
        if found.needs_confirmation:
            st.session_state["pending_edit"] = (edit, found.lines)
            return
        _apply(edit)
    except accounts.AccountError as refused:
        _say("error", str(refused))


def _apply(edit: account_edit.Edit) -> None:
    st.session_state.pop("pending_edit", None)
    if not (by := _admin()):
        return
    try:
        done = account_edit.apply(state.connection().cursor(), edit, by)
        if edit.username == by:  # an admin's own new password keeps its session
            st.session_state["user"] = accounts.get(state.connection().cursor(), edit.username)
        _say("success", ACCOUNT_EDIT["applied"].format(changes="; ".join(done.lines)) if done.lines
             else ACCOUNT_EDIT["nothing"])
    except accounts.AccountError as refused:
        _say("error", str(refused))


def _cancel() -> None:
    st.session_state.pop("pending_edit", None)
    _say("info", ACCOUNT_EDIT["cancelled"])


def _key(user: accounts.User) -> str:
    return account_edit.widget_key(user)


def _table(users: list[accounts.User]) -> None:
    st.dataframe([{ADMIN_PAGE["col_username"]: u.username, ADMIN_PAGE["col_role"]: ROLE[u.role],
                   ADMIN_PAGE["col_locality"]: state.locality_name(u.locality_id) if u.locality_id
                   else ACCOUNT["whole_country"], ADMIN_PAGE["col_email"]: u.email or "",
                   ADMIN_PAGE["col_disabled"]: ADMIN_PAGE["yes"] if u.disabled else ""} for u in users],
                 hide_index=True, width="stretch")


def _add_form() -> None:
    with st.form("add_account", clear_on_submit=True):
        st.subheader(ADMIN_PAGE["add"])
        st.text_input(ADMIN_PAGE["col_username"], key="new_username")
        st.selectbox(ADMIN_PAGE["col_role"], accounts.ROLES, format_func=ROLE.get, key="new_role")
        st.text_input(ADMIN_PAGE["locality_code"], key="new_locality")
        st.text_input(ADMIN_PAGE["password"], type="password", key="new_password")
        st.form_submit_button(ADMIN_PAGE["add_button"], on_click=_add)


def _edit_form(users: list[accounts.User]) -> None:
    st.subheader(ADMIN_PAGE["edit"])
    names = [u.username for u in users]
    picked = st.selectbox(ACCOUNT_EDIT["pick"], names, key="edit_user")
    user = next(u for u in users if u.username == picked)
    locked = ACCOUNT_EDIT["current_locked"] if user.disabled else ""
    st.text(ACCOUNT_EDIT["current"].format(
        access=accounts.describe(state.connection().cursor(), user.role, user.locality_id), locked=locked))
    pending = st.session_state.get("pending_edit")
    if pending and pending[0].username == user.username:
        _confirmation(*pending)
        return
    st.session_state.pop("pending_edit", None)  # another account was picked: that edit is dropped
    key = _key(user)
    with st.form(f"edit_account_{key}"):
        st.selectbox(ADMIN_PAGE["col_role"], accounts.ROLES, index=accounts.ROLES.index(user.role),
                     format_func=ROLE.get, key=f"edit_role_{key}")
        st.text_input(ADMIN_PAGE["locality_code"], value=user.locality_id or "", key=f"edit_locality_{key}")
        st.text_input(ADMIN_PAGE["new_password"], type="password", key=f"edit_password_{key}")
        st.checkbox(ADMIN_PAGE["disabled"], value=user.disabled, key=f"edit_disabled_{key}")
        st.form_submit_button(ADMIN_PAGE["edit_button"], on_click=_save, args=(user,))


def _confirmation(edit: account_edit.Edit, lines: list[str]) -> None:
    with st.container(border=True):
        st.warning(ACCOUNT_EDIT["confirm_intro"])
        for line in lines:
            st.text(f"• {line}")
        yes, no = st.columns(2)
        yes.button(ACCOUNT_EDIT["confirm"], on_click=_apply, args=(edit,), type="primary", key="confirm_edit")
        no.button(ACCOUNT_EDIT["cancel"], on_click=_cancel, key="cancel_edit")


if state.user() and state.user().role == "admin":
    if message := st.session_state.pop("accounts_message", None):
        getattr(st, message[0])(message[1])
    users = accounts.list_users(state.connection().cursor())
    _table(users)
    add, edit = st.columns(2)
    with add:
        _add_form()
    with edit:
        if users:
            _edit_form(users)
