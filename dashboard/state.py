"""Streamlit glue the pages share: the one database connection, cached reads, URL-backed filters."""
from __future__ import annotations

import datetime as dt
import os
import time

import streamlit as st

from dashboard.text import md_format
from etl.access import accounts, audit, login_tokens, sessions, settings
from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import areas, lookups, queries, unit_picker
from etl.intake import report_units as report_units_mod
from etl.intake import submission, template
from etl.labels_vi import SESSION, UI
from etl.plans import plan_editor
from etl.plans import plan_labels as plan_labels_mod
from etl.reports import annex, export_files, export_tables
from etl.storage import backup, data_versions, db, faults, meta


def page_setup() -> None:
    """Call first in every page: make sure it runs inside app.py's st.navigation.

    With a pages/ folder beside app.py, Streamlit starts in its older folder mode and, until app.py
    has called st.navigation once, runs a page opened by URL (e.g. /upload) on its own: without the
    app's layout and navigation. Leaving that mode and rerunning sends the request through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource
def connection():
    """One read-write connection per process; each query takes its own cursor(). The process holds
    the file, so it also answers `python -m etl backup` (etl/storage/backup.py)."""
    con = db.connect(db.default_path(), wait_seconds=float(os.environ.get("PCMD_WAIT") or 10))
    backup.serve(con, db.default_path())
    return con


def database_ready(quiet: bool = False) -> bool:
    """Whether the database can be used; if not, says why and what to do in Vietnamese (no path, no
    traceback: those go to the server's log)."""
    if not db.default_path().exists():
        problem = faults.DatabaseFault("missing", str(db.default_path()))
    else:
        try:
            connection()
            return True
        except faults.ERRORS as exc:
            problem = exc
    if not quiet:
        found = faults.fault(problem)
        (st.warning if found.kind == "missing" else st.error)(found.message, icon=":material/error:")
    return False


RECHECK_SECONDS = 0.05  # calls within one rerun share a check; every click gets its own (callbacks too)
SESSION_KEYS = ("user", "last_seen", "account_checked_at", "pending_edit", "accounts_message", "settings_message",
                "plans_message", "login_token", "login_expires", "token_seen_at", "login_cookie_code")
TOKEN_SEEN_SECONDS = 60  # how often a click refreshes the saved login's last use (the idle limit counts from it)


def user() -> accounts.User | None:
    """The session's account, if it may still act: its account is read again (etl/access/sessions.py), so a
    lock, deletion, change of role or locality, or new password ends the session at its next click,
    even a click whose callback runs before app.py's login gate."""
    account = st.session_state.get("user")
    if account is None or time.monotonic() - st.session_state.get("account_checked_at", 0.0) < RECHECK_SECONDS:
        return account
    reason = sessions.ended(connection().cursor(), account)
    token = st.session_state.get("login_token")
    if not reason and token and not login_tokens.is_live(connection().cursor(), token):
        reason = SESSION["logged_out"]  # logged out in another tab, or the saved login expired
    if reason:
        end_session(reason)
        return None
    st.session_state["account_checked_at"] = time.monotonic()
    return account


def end_session(reason: str | None = None) -> None:
    """Log out: the audit trail says why; the login form shows `reason`."""
    account = st.session_state.get("user")
    if account:
        audit.record(connection().cursor(), account.username, audit.LOGOUT, reason or "")
    login_tokens.revoke(connection().cursor(), st.session_state.get("login_token"))
    st.session_state["forget_login_cookie"] = True
    for key in SESSION_KEYS:
        st.session_state.pop(key, None)
    if reason:
        st.session_state["login_message"] = reason


def scope() -> Scope:
    """What the logged-in account may see; nothing at all without one."""
    return access.of_account(user())


def plans() -> list[tuple[str, str, int, int, str]]:
    return _plans(scope())


@st.cache_data(ttl=300)
def _plans(scope: Scope) -> list[tuple[str, str, int, int, str]]:
    return lookups.plans(connection().cursor(), scope)


@st.cache_data(ttl=300)
def entry_point(scope: Scope, area_root: str, year: int) -> str | None:
    points = access.entry_points(connection().cursor(), scope, area_root, year)
    return points[0] if points else None


@st.cache_data(ttl=300)
def latest_quarter(plan_id: str, year: int) -> int | None:
    return lookups.latest_quarter(connection(), plan_id, year)


@st.cache_data(ttl=300)
def plan_to_edit(plan_id: str):
    """A plan as the editor shows it (every save clears the cache)."""
    return plan_editor.load(connection().cursor(), plan_id)


@st.cache_data(ttl=300)
def indicator_names() -> dict[str, str]:
    """Indicator code -> Vietnamese name, by name."""
    return lookups.indicator_names(connection())


@st.cache_data(ttl=300)
def latest_year(plan_id: str) -> int | None:
    return lookups.latest_year(connection().cursor(), plan_id)


@st.cache_data(ttl=300)
def locality_name(locality_id: str) -> str:
    return lookups.locality_name(connection(), locality_id)


@st.cache_data(ttl=300)
def unit_of_code(plan_id: str, code: str, year: int, quarter: int) -> str | None:
    """A code typed in the URL (?unit=19333), resolved in the plan's own era (issue 14, rule 5)."""
    from etl.model import reform
    return reform.resolve_in_plan(connection().cursor(), code, plan_id, year, quarter)


@st.cache_data(ttl=300)
def plan_labels(plan_ids: tuple[str, ...]) -> dict[str, str]:
    return plan_labels_mod.labels(connection().cursor(), list(plan_ids))


@st.cache_data(ttl=300)
def plan_info(plan_id: str) -> dict | None:
    return lookups.plan_info(connection().cursor(), plan_id)


@st.cache_data(ttl=300)
def picker_units(root: str, candidates: tuple, year: int, scope: Scope) -> list[areas.Unit]:
    """The sidebar's unit picker: the way down to the current unit, its siblings and children (issue 18)."""
    return unit_picker.options(connection().cursor(), root, candidates, year, 4, scope)


def view_stamp(view: queries.View) -> tuple[int, int, int]:
    """The data versions the view reads (etl/storage/data_versions.py): cached reads take it as an argument, so an
    upload makes cold only the views of the areas it changed."""
    return data_versions.versions(connection().cursor(), _view_keys(view.locality_id))


@st.cache_data(ttl=300)
def _view_keys(locality_id: str) -> tuple[str, str]:
    return data_versions.view_keys(connection().cursor(), locality_id)


def overview(view: queries.View) -> queries.Overview:
    return _overview(view, view_stamp(view))


def scorecard(view: queries.View) -> queries.Scorecard:
    return _scorecard(view, view_stamp(view))


def locality(view: queries.View, top: str) -> queries.Locality:
    return _locality(view, top, view_stamp(view))


def indicator(view: queries.View, target_id: str) -> queries.Indicator | None:
    return _indicator(view, target_id, view_stamp(view))


def trend(view: queries.View, target_id: str) -> queries.Trend:
    return _trend(view, target_id, view_stamp(view))


def completeness(view: queries.View) -> list:
    return _completeness(view, view_stamp(view))


def export(view: queries.View):
    return _export(view, view_stamp(view))


def export_file(view: queries.View, kind: str) -> bytes:
    return _export_file(view, kind, view_stamp(view))


@st.cache_data(ttl=300)
def _overview(view: queries.View, stamp: tuple) -> queries.Overview:
    return queries.overview(connection().cursor(), view)


@st.cache_data(ttl=300)
def _scorecard(view: queries.View, stamp: tuple) -> queries.Scorecard:
    return queries.scorecard(connection().cursor(), view)


@st.cache_data(ttl=300)
def _locality(view: queries.View, top: str, stamp: tuple) -> queries.Locality:
    return queries.locality(connection().cursor(), view, top)


@st.cache_data(ttl=300)
def _indicator(view: queries.View, target_id: str, stamp: tuple) -> queries.Indicator | None:
    return queries.indicator(connection().cursor(), view, target_id)


@st.cache_data(ttl=300)
def _trend(view: queries.View, target_id: str, stamp: tuple) -> queries.Trend:
    return queries.trend(connection().cursor(), view, target_id)


@st.cache_data(ttl=300)
def _completeness(view: queries.View, stamp: tuple) -> list:
    return queries.completeness(connection().cursor(), view)


@st.cache_data(ttl=300)
def _export(view: queries.View, stamp: tuple):
    return export_tables.build(connection().cursor(), view)


@st.cache_data(ttl=300)
def _export_file(view: queries.View, kind: str, stamp: tuple) -> bytes:
    built = _export(view, stamp)
    return {"xlsx": export_files.xlsx, "csv": export_files.csv_zip, "docx": annex.docx}[kind](built)


@st.cache_data(ttl=300)
def deadline_days() -> int:
    return settings.deadline_days(connection().cursor())


@st.cache_data(ttl=300)
def idle_minutes() -> int:
    return settings.idle_minutes(connection().cursor())


@st.cache_data(ttl=300)
def login_hours() -> int:
    return settings.login_hours(connection().cursor())


@st.cache_resource
def login_key() -> bytes:
    return login_tokens.load_key(db.default_path())


def save_settings(deadline_days: int, idle: int, hours: int) -> None:
    account = user()  # checked again at the click: an admin locked or demoted meanwhile saves nothing
    if account is None or account.role != "admin":
        return
    settings.save(connection(), deadline_days, idle, hours)
    st.cache_data.clear()


@st.cache_data(ttl=300)
def is_demo() -> bool:
    return meta.get_meta(connection().cursor(), "demo") is not None


def current_year() -> int:
    return dt.date.today().year


@st.cache_data(ttl=300)
def due_quarter() -> tuple[int, int]:
    return report_units_mod.due_quarter(dt.date.today())


def report_units(year: int, quarter: int) -> list[areas.Unit]:
    """The units the signed-in account may send a return for (cached per account's scope)."""
    return _report_units(scope(), year, quarter)


@st.cache_data(ttl=300)
def _report_units(scope: Scope, year: int, quarter: int) -> list[areas.Unit]:
    return report_units_mod.units_for(connection().cursor(), scope, year, quarter)


def template_bytes(code: str, year: int, quarter: int) -> bytes | None:
    try:
        return template.build(connection().cursor(), code, year, quarter)
    except template.UnknownLocality:
        return None


def inspect_uploads(files) -> list[submission.Inspection]:
    """Check each uploaded file once (kept in the session by content), with a progress bar."""
    seen = st.session_state.setdefault("inspections", {})
    progress = st.progress(0.0) if files else None
    out = []
    for i, f in enumerate(files, start=1):
        data = f.getvalue()
        key = (f.name, hash(data))
        if key not in seen:
            progress.progress((i - 1) / len(files), md_format(UI["reading"], i=i, n=len(files), name=f.name))
            seen[key] = submission.inspect(connection(), f.name, data, scope=scope())
        out.append(seen[key])
    if progress:
        progress.empty()
    return out


def commit_uploads(files, names: set[str], sender: str) -> list[str]:
    """Load the confirmed files and forget the previews. The views' cached reads carry their areas' data
    versions (view_stamp), so only those of the areas the files changed go cold; the few reads that
    follow any return (latest quarter and year, upload history) are cleared."""
    account = user()
    sender = sender or UI["sender_default"]
    by = f"{account.username} ({sender})" if account else sender  # the account, and the title it gave
    messages = [submission.commit(connection(), f.name, f.getvalue(), by, scope=scope(),
                                  username=account.username if account else None).summary()
                for f in files if f.name in names]
    st.session_state["inspections"] = {}
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    for read in (latest_quarter, latest_year, _history):
        read.clear()
    return messages


def history():
    return _history(scope())


@st.cache_data(ttl=60)
def _history(scope: Scope):
    return submission.history(connection().cursor(), scope=scope)


def record(action: str, detail: str = "") -> None:
    """An event of the logged-in account in the audit trail (none once its session has ended)."""
    account = user()
    if account is None:
        return
    audit.record(connection().cursor(), account.username if account else None, action, detail)
