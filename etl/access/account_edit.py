"""An admin's edit of one account, as the Tài khoản page makes it: only what was changed is applied,
a change of role, locality or lock is first said in words and confirmed, and everything is written in
one transaction with one audit line per change (etl/access/accounts.py keeps the rules and guards)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import duckdb

from etl.access import accounts
from etl.labels_vi import ACCOUNT_EDIT
from etl.storage import db


@dataclass(frozen=True)
class Edit:
    """What the form holds for an account; `version` is the account's version the form was filled from."""
    username: str
    role: str
    locality_id: str | None
    disabled: bool
    password: str = ""            # empty: keep the password
    version: int = 0


@dataclass(frozen=True)
class Changes:
    access: str | None            # "baocao.x: Báo cáo viên, Phường … → Quản trị, toàn quốc"
    lock: str | None              # "baocao.x: khóa tài khoản …"
    password: str | None          # "baocao.x: đổi mật khẩu"

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.access or self.lock)

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.access, self.lock, self.password) if line]


def _current(con, edit: Edit) -> accounts.User:
    user = accounts.get(con, edit.username)
    if user is None:
        raise accounts.AccountError(accounts.ACCOUNT["missing"].format(username=edit.username))
    if user.version != edit.version:
        raise accounts.AccountError(ACCOUNT_EDIT["stale"].format(username=edit.username))
    return user


def changes(con: duckdb.DuckDBPyConnection, edit: Edit) -> Changes:
    """What saving `edit` would do, in words, checked against the same rules as the save."""
    user = _current(con, edit)
    access = accounts.access_change(con, user, edit.role, edit.locality_id)
    if access:
        accounts._check(con, user.username, edit.role, edit.locality_id, None)
    if edit.password:
        accounts._check(con, user.username, user.role, user.locality_id, edit.password)
    lock = None
    if edit.disabled != user.disabled:
        lock = ACCOUNT_EDIT["lock" if edit.disabled else "unlock"].format(username=user.username)
    return Changes(access, lock, ACCOUNT_EDIT["password"].format(username=user.username) if edit.password else None)


def apply(con: duckdb.DuckDBPyConnection, edit: Edit, by: str) -> Changes:
    """Save `edit` in one transaction: nothing is written if any part is refused."""
    with db.transaction(con) as cur:   # waits while another write (an upload) commits
        done = changes(cur, edit)
        if done.access:
            accounts.change(cur, edit.username, edit.role, edit.locality_id, by)
        if done.lock:
            accounts.set_disabled(cur, edit.username, edit.disabled, by)
        if done.password:
            accounts.set_password(cur, edit.username, edit.password, by)
    return done


def widget_key(user: accounts.User) -> str:
    """The edit form's widgets are keyed by the account and its version, so a pick or a saved change refills
    them; by a digest of the name, so what an admin typed never reaches the page's element ids."""
    return f"{hashlib.sha256(user.username.encode()).hexdigest()[:16]}_{user.version}"
