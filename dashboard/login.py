"""Who is using the app: the login form (local accounts), optional single sign-on, idle timeout,
logout. Every login, failure and logout goes to the audit trail (etl/access/accounts.py, etl/access/audit.py).

A login survives a reload and a new tab for `login_hours` (Cài đặt, default 8): the browser keeps a
signed token (etl/access/login_tokens.py) in the cookie `pcmd_login`, which a new session reads with
st.context.cookies. A script cannot send a Set-Cookie header: served by `serve.py`, the page trades a
one-time code for the cookie at a route of ours, which sets it HttpOnly (dashboard/cookie_routes.py);
under plain `streamlit run app.py` a two-line script writes it (not HttpOnly). SameSite=Strict, Secure
over https, either way; the server keeps only the token's hash and ends it at logout.
"""
from __future__ import annotations

import datetime as dt
import json
import time

import streamlit as st

from dashboard import cookie_routes, state
from dashboard.text import md_format
from etl.access import accounts, audit, login_tokens
from etl.labels_vi import ACCOUNT, LOGIN, ROLE, UI
from etl.storage import faults


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
        _token_seen()
        return state.user()
    if _from_cookie():
        return state.user()
    if sso_configured() and _single_sign_on():
        return state.user()
    _form()
    return None


def _from_cookie() -> bool:
    """A new session (reload, new tab) of a browser that logged in: its saved token logs it in again."""
    token = st.context.cookies.get(login_tokens.COOKIE)
    if not token or st.session_state.get("login_message"):  # just logged out or ended: ask for the password
        return False
    try:
        cur = state.connection().cursor()
        account = login_tokens.account_of(cur, state.login_key(), token, idle_minutes=state.idle_minutes())
        if account is None:
            return False
        login_tokens.seen(cur, token)
        audit.record(cur, account.username, audit.LOGIN_OK, LOGIN["restored"])
    except faults.ERRORS:
        return False  # the form stays, and says what is wrong when it is used
    st.session_state.update(user=account, last_seen=time.time(), login_token=token, token_seen_at=time.time(),
                            account_checked_at=time.monotonic())
    return True


def _token_seen() -> None:
    """Keep the saved login's last use fresh (at most once a minute), so that idleness counts across tabs."""
    token = st.session_state.get("login_token")
    if token and time.time() - st.session_state.get("token_seen_at", 0.0) > state.TOKEN_SEEN_SECONDS:
        login_tokens.seen(state.connection().cursor(), token)
        st.session_state["token_seen_at"] = time.time()


def _issue_token(account: accounts.User) -> None:
    cur = state.connection().cursor()
    login_tokens.forget_old(cur)
    token, expires = login_tokens.issue(cur, state.login_key(), account, state.login_hours())
    st.session_state.update(login_token=token, login_expires=expires, token_seen_at=time.time())
    if cookie_routes.enabled():
        st.session_state["login_cookie_code"] = cookie_routes.offer(token, expires)


def _cookie_script(value: str, expires: dt.datetime | None) -> str:
    when = "Thu, 01 Jan 1970 00:00:00 GMT" if expires is None else \
        dt.datetime.fromtimestamp(expires.timestamp(), dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
    return ("<script>document.cookie = " + _js(f"{login_tokens.COOKIE}={value}; expires={when}; path=/; "
                                                "SameSite=Strict")
            + " + (location.protocol === 'https:' ? '; Secure' : '');</script>")


def _post_script(path: str, body: str | None = None) -> str:
    """A script that POSTs `body` to one of our cookie routes (options as JSON: no hand-balanced braces)."""
    options = {"method": "POST", "credentials": "same-origin", **({"body": body} if body is not None else {})}
    return f"<script>fetch({_js(path)}, {_js(options)});</script>"


def _js(value) -> str:
    """A JSON literal inside a <script>: "</" escaped, so that no value can close the element."""
    return json.dumps(value).replace("</", "<\\/")


def remember_in_browser() -> None:
    """Have the browser keep the session's token (the same element every run: its script runs once)."""
    token, expires = st.session_state.get("login_token"), st.session_state.get("login_expires")
    if not (token and expires):
        return
    if code := st.session_state.get("login_cookie_code"):  # HttpOnly, set by our route (serve.py)
        script = _post_script(cookie_routes.LOGIN_PATH, code)
    else:
        script = _cookie_script(token, expires)
    st.sidebar.html(script, unsafe_allow_javascript=True, width="content")


def _forget_script() -> str:
    """Expire the cookie: from the page (plain `streamlit run app.py`), and at our route when it is HttpOnly."""
    script = _cookie_script("", None)
    if cookie_routes.enabled():
        script += _post_script(cookie_routes.LOGOUT_PATH)
    return script


def _forget_in_browser() -> None:
    if st.context.cookies.get(login_tokens.COOKIE) or st.session_state.pop("forget_login_cookie", False):
        st.html(_forget_script(), unsafe_allow_javascript=True, width="content")


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
    try:
        _issue_token(account)
    except faults.ERRORS:  # the login holds for this tab; a reload will ask again
        pass


def _form() -> None:
    _forget_in_browser()
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
    remember_in_browser()
