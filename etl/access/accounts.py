"""Accounts: argon2id password hashes, roles tied to a locality, lockout after repeated failures.

A password is never stored, logged or written to the audit trail; only its hash is kept.
"""
from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from etl.access import audit
from etl.engine import lookups
from etl.labels_vi import ACCOUNT, ACCOUNT_EDIT, AUDIT_DETAIL, ROLE
from etl.model import localities
from etl.storage import db

ROLES = ("admin", "leader", "reporter")
MIN_PASSWORD = 10
LOCK_AFTER, LOCK_WINDOW = 5, dt.timedelta(minutes=15)
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
# argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane) instead of the library's 64 MiB, and at most
# HASHING_AT_ONCE hashes at a time, always on the same few threads (so the memory of one hash is reused by
# the next instead of each session's thread keeping its own): 25 logins at once stay bounded, also while
# verifying old 64 MiB hashes (rehashed to these on login). Measured in bench/login_burst.py (README "Speed").
ARGON2 = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
HASHING_AT_ONCE = 4
_hashing = ThreadPoolExecutor(HASHING_AT_ONCE, thread_name_prefix="argon2")
_hasher = PasswordHasher(**ARGON2)
_DUMMY = _hasher.hash("not a password of anyone")  # verified against when the name is unknown: same time


@dataclass(frozen=True)
class User:
    username: str
    role: str
    locality_id: str | None
    email: str | None = None
    disabled: bool = False
    version: int = field(default=0, compare=False)  # bumped on every change of access (migration 011)


COLUMNS = "username, role, locality_id, email, disabled, access_version"


class AccountError(ValueError):
    """A refused account change; the message is Vietnamese."""


class LoginRefused(PermissionError):
    """A refused login; the message never says whether the user name exists."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _check(con, username: str, role: str, locality_id: str | None, password: str | None) -> None:
    if not USERNAME.match(username or ""):
        raise AccountError(ACCOUNT["bad_username"])
    if role not in ROLES:
        raise AccountError(ACCOUNT["bad_role"].format(role=role, roles=", ".join(ROLES)))
    if role != "admin" and not locality_id:
        raise AccountError(ACCOUNT["needs_locality"])
    if locality_id and not db.one(con, "SELECT 1 FROM localities WHERE locality_id = ?", [locality_id]):
        raise AccountError(ACCOUNT["unknown_locality"].format(locality=locality_id))
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(ACCOUNT["short_password"].format(n=MIN_PASSWORD))


def locality_for_code(con: duckdb.DuckDBPyConnection, code: str | None) -> str | None:
    """The unit an account is placed in, from a typed code: the one valid today, else the latest
    with that code (or a full locality_id). None for an empty code (an admin of the whole country)."""
    code = (code or "").strip()
    if not code:
        return None
    today = dt.date.today()
    found = localities.resolve(con, code, today.year, (today.month - 1) // 3 + 1) or (db.one(
        con, "SELECT locality_id FROM localities WHERE code = ? ORDER BY valid_from DESC NULLS LAST", [code])
        or [None])[0]
    if found is None:
        raise AccountError(ACCOUNT["unknown_locality"].format(locality=code))
    return found


def get(con: duckdb.DuckDBPyConnection, username: str) -> User | None:
    row = db.one(con, f"SELECT {COLUMNS} FROM users WHERE username = ?", [username])
    return User(*row) if row else None


def by_email(con: duckdb.DuckDBPyConnection, email: str) -> User | None:
    row = db.one(con, f"SELECT {COLUMNS} FROM users WHERE lower(email) = lower(?)", [email])
    return User(*row) if row else None


def list_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    rows = con.execute(f"SELECT {COLUMNS} FROM users ORDER BY username").fetchall()
    return [User(*row) for row in rows]


def count(con: duckdb.DuckDBPyConnection) -> int:
    return db.one(con, "SELECT count(*) FROM users")[0]


def add(con: duckdb.DuckDBPyConnection, username: str, role: str, locality_id: str | None, password: str | None,
        by: str, email: str | None = None) -> User:
    """A new account. `password` None: single sign-on only (the identity provider checks who it is)."""
    username = (username or "").strip().lower()
    _check(con, username, role, locality_id, password)
    hashed = _hasher.hash(password) if password is not None else None
    now = _now()
    with db.transaction(con) as cur:   # the account and its line in the audit trail, or neither
        if get(cur, username):   # under the lock: two admins adding the same name, one is told
            raise AccountError(ACCOUNT["exists"].format(username=username))
        cur.execute("INSERT INTO users (username, password_hash, role, locality_id, email, disabled, created_at, "
                    "changed_at) VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)",
                    [username, hashed, role, locality_id, email, now, now])
        audit.record(cur, by, audit.ACCOUNT, AUDIT_DETAIL["account_added"].format(
            username=username, role=role, where=locality_id or ACCOUNT["whole_country"]))
        return get(cur, username)


def _existing(con, username: str) -> User:
    user = get(con, username)
    if user is None:
        raise AccountError(ACCOUNT["missing"].format(username=username))
    return user


def describe(con: duckdb.DuckDBPyConnection, role: str, locality_id: str | None) -> str:
    """An account's access in words: "Báo cáo viên, Phường Bạch Đằng", "Quản trị, toàn quốc"."""
    where = lookups.locality_name(con, locality_id) if locality_id else ACCOUNT["whole_country"]
    return f"{ROLE.get(role, role)}, {where}"


def _active_admins(con, but: str) -> int:
    return db.one(con, "SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND username <> ?",
                  [but])[0]


def _guard(con, user: User, role: str, disabled: bool, by: str) -> None:
    """No change may leave the database without an active admin, nor an admin lock itself out."""
    stays_admin = role == "admin" and not disabled
    if user.role != "admin" or user.disabled or stays_admin:
        return
    if by == user.username:
        raise AccountError(ACCOUNT_EDIT["not_yourself"])
    if _active_admins(con, user.username) == 0:
        raise AccountError(ACCOUNT_EDIT["last_admin"])


def _bump(con, username: str, sql: str, params: list) -> None:
    con.execute(f"UPDATE users SET {sql}, changed_at = ?, access_version = coalesce(access_version, 0) + 1 "
                "WHERE username = ?", [*params, _now(), username])


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, by: str) -> None:
    hashed = _hasher.hash(password)   # before the write lock: hashing takes a while
    with db.transaction(con) as cur:
        user = _existing(cur, username)
        _check(cur, user.username, user.role, user.locality_id, password)
        _bump(cur, username, "password_hash = ?", [hashed])
        audit.record(cur, by, audit.ACCOUNT, ACCOUNT_EDIT["audit_password"].format(username=username))


def set_disabled(con: duckdb.DuckDBPyConnection, username: str, disabled: bool, by: str) -> None:
    with db.transaction(con) as cur:   # checked and written under the lock: two admins cannot both pass the guard
        user = _existing(cur, username)
        if user.disabled == disabled:
            return
        _guard(cur, user, user.role, disabled, by)
        _bump(cur, username, "disabled = ?", [disabled])
        key = "audit_lock" if disabled else "audit_unlock"
        audit.record(cur, by, audit.ACCOUNT, ACCOUNT_EDIT[key].format(username=username))


def access_change(con: duckdb.DuckDBPyConnection, user: User, role: str, locality_id: str | None) -> str | None:
    """What a change of role or locality does, in words; None when it changes nothing."""
    if (role, locality_id) == (user.role, user.locality_id):
        return None
    return ACCOUNT_EDIT["access"].format(username=user.username, old=describe(con, user.role, user.locality_id),
                                         new=describe(con, role, locality_id))


def change(con: duckdb.DuckDBPyConnection, username: str, role: str, locality_id: str | None, by: str) -> None:
    with db.transaction(con) as cur:
        user = _existing(cur, username)
        _check(cur, username, role, locality_id, None)
        words = access_change(cur, user, role, locality_id)
        if words is None:
            return
        _guard(cur, user, role, user.disabled, by)
        _bump(cur, username, "role = ?, locality_id = ?", [role, locality_id])
        audit.record(cur, by, audit.ACCOUNT, words)


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str,
                 now: dt.datetime | None = None) -> User:
    """The user behind a name and password, or LoginRefused. Every attempt is in the audit trail."""
    now = now or _now()
    typed = (username or "").strip().lower()[:60]
    failures = audit.failures_since(con, typed, now - LOCK_WINDOW)
    if len(failures) >= LOCK_AFTER:
        audit.record(con, typed, audit.LOGIN_LOCKED, "", now)
        wait = failures[-LOCK_AFTER] + LOCK_WINDOW
        raise LoginRefused(ACCOUNT["locked"].format(time=f"{wait:%H:%M}"))
    row = db.one(con, "SELECT password_hash, disabled FROM users WHERE username = ?", [typed])
    stored = row[0] if row and row[0] and not row[1] else None
    try:
        _hashing.submit(_hasher.verify, stored or _DUMMY, password or "").result()
        ok = stored is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        audit.record(con, typed, audit.LOGIN_FAILED, "", now)
        raise LoginRefused(ACCOUNT["refused"])
    if _hasher.check_needs_rehash(stored):
        rehashed = _hashing.submit(_hasher.hash, password).result()
        with db.transaction(con) as cur:   # updates a row an account edit may be changing: waits for it
            cur.execute("UPDATE users SET password_hash = ? WHERE username = ? AND password_hash = ?",
                        [rehashed, typed, stored])
    audit.record(con, typed, audit.LOGIN_OK, "", now)
    return get(con, typed)
