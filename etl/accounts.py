"""Accounts: argon2id password hashes, roles tied to a locality, lockout after repeated failures.

A password is never stored, logged or written to the audit trail; only its hash is kept.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from etl import audit, db, localities
from etl.labels_vi import ACCOUNT

ROLES = ("admin", "leader", "reporter")
MIN_PASSWORD = 10
LOCK_AFTER, LOCK_WINDOW = 5, dt.timedelta(minutes=15)
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password of anyone")  # verified against when the name is unknown: same time


@dataclass(frozen=True)
class User:
    username: str
    role: str
    locality_id: str | None
    email: str | None = None
    disabled: bool = False


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
    row = db.one(con, "SELECT username, role, locality_id, email, disabled FROM users WHERE username = ?", [username])
    return User(*row) if row else None


def by_email(con: duckdb.DuckDBPyConnection, email: str) -> User | None:
    row = db.one(con, "SELECT username, role, locality_id, email, disabled FROM users WHERE lower(email) = lower(?)",
                 [email])
    return User(*row) if row else None


def list_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    rows = con.execute("SELECT username, role, locality_id, email, disabled FROM users ORDER BY username").fetchall()
    return [User(*row) for row in rows]


def count(con: duckdb.DuckDBPyConnection) -> int:
    return db.one(con, "SELECT count(*) FROM users")[0]


def add(con: duckdb.DuckDBPyConnection, username: str, role: str, locality_id: str | None, password: str | None,
        by: str, email: str | None = None) -> User:
    """A new account. `password` None: single sign-on only (the identity provider checks who it is)."""
    username = (username or "").strip().lower()
    _check(con, username, role, locality_id, password)
    if get(con, username):
        raise AccountError(ACCOUNT["exists"].format(username=username))
    hashed = _hasher.hash(password) if password is not None else None
    now = _now()
    con.execute("INSERT INTO users VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)",
                [username, hashed, role, locality_id, email, now, now])
    audit.record(con, by, audit.ACCOUNT, f"thêm {username} ({role}, {locality_id or 'toàn quốc'})")
    return get(con, username)


def _existing(con, username: str) -> User:
    user = get(con, username)
    if user is None:
        raise AccountError(ACCOUNT["missing"].format(username=username))
    return user


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, by: str) -> None:
    user = _existing(con, username)
    _check(con, user.username, user.role, user.locality_id, password)
    con.execute("UPDATE users SET password_hash = ?, changed_at = ? WHERE username = ?",
                [_hasher.hash(password), _now(), username])
    audit.record(con, by, audit.ACCOUNT, f"đặt lại mật khẩu {username}")


def set_disabled(con: duckdb.DuckDBPyConnection, username: str, disabled: bool, by: str) -> None:
    _existing(con, username)
    con.execute("UPDATE users SET disabled = ?, changed_at = ? WHERE username = ?", [disabled, _now(), username])
    audit.record(con, by, audit.ACCOUNT, f"{'khóa' if disabled else 'mở khóa'} {username}")


def change(con: duckdb.DuckDBPyConnection, username: str, role: str, locality_id: str | None, by: str) -> None:
    user = _existing(con, username)
    _check(con, username, role, locality_id, None)
    con.execute("UPDATE users SET role = ?, locality_id = ?, changed_at = ? WHERE username = ?",
                [role, locality_id, _now(), username])
    audit.record(con, by, audit.ACCOUNT, f"đổi {username}: {user.role}/{user.locality_id} → {role}/{locality_id}")


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
        _hasher.verify(stored or _DUMMY, password or "")
        ok = stored is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        audit.record(con, typed, audit.LOGIN_FAILED, "", now)
        raise LoginRefused(ACCOUNT["refused"])
    if _hasher.check_needs_rehash(stored):
        con.execute("UPDATE users SET password_hash = ? WHERE username = ?", [_hasher.hash(password), typed])
    audit.record(con, typed, audit.LOGIN_OK, "", now)
    return get(con, typed)
