"""Opening the app as a user meets it, for the AppTest page tests."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from etl.access import accounts
from etl.storage import db

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ADMIN = accounts.User("quantri", "admin", None)


def open_app(page: str | None = None, user: accounts.User | None = ADMIN, **params) -> AppTest:
    """app.py on `page` with the URL's query `params`, as `user` (logged in: the session holds the
    account, as the login form leaves it; None: not logged in)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if user:
        at.session_state["user"] = stored_account(user)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def stored_account(user: accounts.User) -> accounts.User:
    """The session's account as the database has it (added, without a password, if the test's database
    lacks it): every rerun checks the session's account against the database (etl/access/sessions.py)."""
    path = db.default_path()
    if not path.exists():
        return user
    con = db.connect(path)
    try:
        con.execute("INSERT INTO users (username, role, locality_id, disabled, created_at, changed_at) "
                    "VALUES (?, ?, ?, FALSE, now(), now()) ON CONFLICT DO NOTHING",
                    [user.username, user.role, user.locality_id])
        return accounts.get(con, user.username)
    finally:
        con.close()
