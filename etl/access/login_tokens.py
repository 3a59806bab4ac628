"""Logins that survive a reload and a new tab: a signed, expiring token the browser keeps (cookie
`pcmd_login`), which holds no password and no account data an attacker could change.

Token: `<random 32 bytes, urlsafe>.<expiry, unix seconds>.<HMAC-SHA256 of both, urlsafe>`. The HMAC key
comes from PCMD_LOGIN_KEY or a file beside the database (`<db>.login-key`, made on first use, mode 600,
never in the repository). The database keeps the token's SHA-256 only (migration 021), so a copy of the
database opens no session. A token is accepted while its signature holds, its expiry is ahead (checked
in the token and in the row), its row is not revoked, and its account is active with the access
version it was issued for: logout revokes the row; locking the account, a new password, a change of
role or locality (each bumps access_version, migration 011) end every token of the account.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import duckdb

from etl.access import accounts
from etl.storage import db

KEY_ENV = "PCMD_LOGIN_KEY"
COOKIE = "pcmd_login"
MAX_TOKEN_LENGTH = 200


def key_file(db_path: str | Path) -> Path:
    return Path(f"{db_path}.login-key")


def load_key(db_path: str | Path) -> bytes:
    """The HMAC key: PCMD_LOGIN_KEY, else the key file beside the database (created if missing)."""
    if configured := os.environ.get(KEY_ENV):
        return configured.encode("utf-8")
    path = key_file(db_path)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    fresh = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, fresh.encode("ascii"))
    finally:
        os.close(fd)
    return bytes.fromhex(fresh)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _sign(key: bytes, body: str) -> str:
    return _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def issue(con: duckdb.DuckDBPyConnection, key: bytes, account: accounts.User, hours: float,
          now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """A new token for `account`, valid `hours`: (token, expiry)."""
    now = now or _now()
    expires = now + dt.timedelta(hours=hours)
    body = f"{_b64(secrets.token_bytes(32))}.{int(expires.timestamp())}"
    token = f"{body}.{_sign(key, body)}"
    con.execute("INSERT INTO login_sessions (token_hash, username, access_version, created_at, expires_at, "
                "last_seen_at) VALUES (?, ?, ?, ?, ?, ?)", [_hash(token), account.username, account.version, now,
                                                           expires, now])
    return token, expires


def _well_signed(key: bytes, token: str, now: dt.datetime) -> bool:
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH or token.count(".") != 2:
        return False
    random_part, expiry, signature = token.split(".")
    if not hmac.compare_digest(_sign(key, f"{random_part}.{expiry}"), signature):
        return False
    return expiry.isdigit() and int(expiry) > now.timestamp()


def account_of(con: duckdb.DuckDBPyConnection, key: bytes, token: str | None, now: dt.datetime | None = None,
               idle_minutes: int | None = None) -> accounts.User | None:
    """The account a token still logs in, or None (bad signature, expired, revoked, unused for longer
    than `idle_minutes`, account changed). A token found idle is revoked."""
    now = now or _now()
    if not token or not _well_signed(key, token, now):
        return None
    row = con.execute("SELECT username, access_version, last_seen_at FROM login_sessions WHERE token_hash = ? "
                      "AND revoked_at IS NULL AND expires_at > ?", [_hash(token), now]).fetchone()
    if row is None:
        return None
    if idle_minutes is not None and now - row[2] > dt.timedelta(minutes=idle_minutes):
        revoke(con, token, now)
        return None
    account = accounts.get(con, row[0])
    if account is None or account.disabled or account.version != row[1]:
        revoke_user(con, row[0], now)
        return None
    return account


def is_live(con: duckdb.DuckDBPyConnection, token: str, now: dt.datetime | None = None) -> bool:
    """Whether the token's row is neither revoked nor expired (the check an open session makes)."""
    now = now or _now()
    return con.execute("SELECT count(*) FROM login_sessions WHERE token_hash = ? AND revoked_at IS NULL "
                       "AND expires_at > ?", [_hash(token), now]).fetchone()[0] == 1


def seen(con: duckdb.DuckDBPyConnection, token: str, now: dt.datetime | None = None) -> None:
    """The token's session was used now (the idle limit counts from here)."""
    with db.transaction(con) as cur:   # updates: waits while another write holds the lock (see db.transaction)
        cur.execute("UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?", [now or _now(), _hash(token)])


def revoke(con: duckdb.DuckDBPyConnection, token: str | None, now: dt.datetime | None = None) -> None:
    """Logout: the token opens nothing any more, in any tab."""
    if token:
        with db.transaction(con) as cur:
            cur.execute("UPDATE login_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                        [now or _now(), _hash(token)])


def revoke_user(con: duckdb.DuckDBPyConnection, username: str, now: dt.datetime | None = None) -> None:
    with db.transaction(con) as cur:
        cur.execute("UPDATE login_sessions SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL",
                    [now or _now(), username])


def forget_old(con: duckdb.DuckDBPyConnection, days: int = 30, now: dt.datetime | None = None) -> None:
    """Drop rows expired or revoked more than `days` ago (they open nothing; this keeps the table small)."""
    limit = (now or _now()) - dt.timedelta(days=days)
    with db.transaction(con) as cur:
        cur.execute("DELETE FROM login_sessions WHERE expires_at < ? OR revoked_at < ?", [limit, limit])
