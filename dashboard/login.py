"""Who is using the app: the login form (local accounts), optional single sign-on, idle timeout,
logout. Every login, failure and logout goes to the audit trail (etl/accounts.py, etl/audit.py)."""
from __future__ import annotations

import time

import streamlit as st

from dashboard import state
from dashboard.text import md_format
from etl import accounts, audit, faults
from etl.labels_vi import ACCOUNT, LOGIN, ROLE, UI


def sso_configured() -> bool:
    """Single sign-on is on when .streamlit/secrets.toml has an [auth] section (st.login, OIDC)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _expired() -> bool:
    idle = state.idle_minutes() * 60
    last = st.session_state.get("last_seen")
    return last is not None and time.time() - last > idle


def end_session(reason: str | None = None) -> None:
    state.end_session(reason)


def gate() -> accounts.User | None:
    """The logged-in account; otherwise draws the login form and returns None."""
    if state.user() and _expired():
        end_session(LOGIN["expired"])
    if state.user():
        st.session_state["last_seen"] = time.time()
        return state.user()
    if sso_configured() and _single_sign_on():
        return state.user()
    _form()
    return None


def _single_sign_on() -> bool:
    """Map the identity provider's e-mail to a local account, whose role and locality apply."""
    if not st.user.is_logged_in:
        st.button(LOGIN["sso_button"], on_click=st.login, type="primary")
        return False
    account = accounts.by_email(state.connection().cursor(), st.user.email or "")
    if account is None or account.disabled:
        st.error(LOGIN["sso_unknown"])
        st.button(LOGIN["logout"], on_click=st.logout)
        return False
    audit.record(state.connection().cursor(), account.username, audit.LOGIN_OK, "sso")
    st.session_state.update(user=account, last_seen=time.time())
    return True


def _submit() -> None:  # a callback: runs before the rerun, so nothing can lose the click
    try:
        account = accounts.authenticate(state.connection().cursor(), st.session_state.get("login_username", ""),
                                        st.session_state.get("login_password", ""))
    except accounts.LoginRefused as refused:
        st.session_state["login_error"] = str(refused)
        return
    except faults.ERRORS as exc:  # e.g. a full disk when the attempt is recorded
        st.session_state["login_error"] = faults.fault(exc).message
        return
    finally:
        st.session_state["login_password"] = ""
    st.session_state.update(user=account, last_seen=time.time())


def _form() -> None:
    st.title(LOGIN["title"])
    st.caption(UI["app_title"])
    if message := st.session_state.pop("login_message", None):
        st.info(message)
    if accounts.count(state.connection().cursor()) == 0:
        st.warning(ACCOUNT["no_accounts"])
    with st.form("login", width=480):
        st.text_input(LOGIN["username"], key="login_username")
        st.text_input(LOGIN["password"], type="password", key="login_password")
        st.form_submit_button(LOGIN["submit"], on_click=_submit, type="primary")
    if error := st.session_state.pop("login_error", None):
        st.error(error, width=480)


def sidebar(account: accounts.User) -> None:
    where = state.locality_name(account.locality_id) if account.locality_id else ACCOUNT["whole_country"]
    st.sidebar.caption(md_format(LOGIN["who"], username=account.username, role=ROLE[account.role], where=where))
    st.sidebar.button(LOGIN["logout"], on_click=end_session, key="logout", icon=":material/logout:")
