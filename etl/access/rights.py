"""What each role may do, as the app's navigation offers it (app.py), so that the command line's
`--user` gives an account no more than its pages would: an unknown or locked account gets nothing."""
from __future__ import annotations

import duckdb

from etl.access import accounts
from etl.labels_vi import RIGHTS, ROLE

EXPORT, UPLOAD, PLANS, ACCOUNTS = "export", "upload", "plans", "accounts"
ROLE_RIGHTS = {"admin": {EXPORT, UPLOAD, PLANS, ACCOUNTS}, "leader": {EXPORT, PLANS}, "reporter": {UPLOAD}}


class AccessRefused(PermissionError):
    """The account may not do this; the message is Vietnamese."""


def account_for(con: duckdb.DuckDBPyConnection, username: str, right: str) -> accounts.User:
    """The active account behind `username`, if its role has `right`; else AccessRefused."""
    user = accounts.get(con, (username or "").strip().lower())
    if user is None:
        raise AccessRefused(RIGHTS["unknown"].format(username=username))
    if user.disabled:
        raise AccessRefused(RIGHTS["locked"].format(username=user.username))
    if right not in ROLE_RIGHTS.get(user.role, set()):
        raise AccessRefused(RIGHTS["no_right"].format(username=user.username, role=ROLE[user.role],
                                                      action=RIGHTS[right]))
    return user

