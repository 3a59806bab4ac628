"""Login tokens (etl/access/login_tokens.py): a signed, expiring token that survives a reload; the database
keeps its hash only; tampering, expiry, logout and every change of the account's access end it."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from etl.access import accounts
from etl.access import login_tokens as tokens

KEY = b"k" * 32
NOW = dt.datetime(2026, 5, 4, 9, 0, 0)


@pytest.fixture
def con(make_db):
    con = make_db()
    accounts.add(con, "quantri", "admin", None, "mat-khau-dai-1", by="test")
    accounts.add(con, "lanhdao", "leader", "90@pre2025", "mat-khau-dai-2", by="test")
    return con


def issue(con, username="lanhdao", hours=8, now=NOW):
    return tokens.issue(con, KEY, accounts.get(con, username), hours, now=now)[0]


def test_a_token_logs_its_account_in_until_it_expires(con):
    token = issue(con)
    assert tokens.account_of(con, KEY, token, NOW).username == "lanhdao"
    assert tokens.account_of(con, KEY, token, NOW + dt.timedelta(hours=7, minutes=59)).username == "lanhdao"
    assert tokens.account_of(con, KEY, token, NOW + dt.timedelta(hours=8)) is None
    assert tokens.account_of(con, KEY, token, NOW + dt.timedelta(days=3)) is None


def test_the_lifetime_is_the_setting(con):
    token = issue(con, hours=1)
    assert tokens.account_of(con, KEY, token, NOW + dt.timedelta(minutes=59)) is not None
    assert tokens.account_of(con, KEY, token, NOW + dt.timedelta(minutes=61)) is None


def test_the_database_keeps_no_token_and_the_token_no_password_or_name(con):
    token = issue(con)
    stored = con.execute("SELECT * FROM login_sessions").fetchall()
    assert token not in repr(stored) and token.split(".")[0] not in repr(stored)
    assert "lanhdao" not in token and "mat-khau" not in token
    assert len(stored) == 1


def test_a_token_unused_longer_than_the_idle_limit_is_ended(con):
    token = issue(con)
    later = NOW + dt.timedelta(minutes=25)
    assert tokens.account_of(con, KEY, token, later, idle_minutes=30) is not None
    tokens.seen(con, token, later)
    assert tokens.account_of(con, KEY, token, later + dt.timedelta(minutes=29), idle_minutes=30) is not None
    assert tokens.account_of(con, KEY, token, later + dt.timedelta(minutes=31), idle_minutes=30) is None
    assert tokens.account_of(con, KEY, token, later + dt.timedelta(minutes=31)) is None   # and it stays ended


def test_two_tokens_differ(con):
    assert issue(con) != issue(con)


def _tampered(token: str):
    random_part, expiry, signature = token.split(".")
    flip = lambda s, i: s[:i] + ("A" if s[i] != "A" else "B") + s[i + 1:]  # noqa: E731
    yield flip(random_part, 0)
    yield flip(signature, 5)
    yield f"{random_part}.{int(expiry) + 3600}.{signature}"    # a later expiry, same signature
    yield f"{random_part}.{expiry}."
    yield f"{random_part}.{expiry}"
    yield f"{random_part}..{signature}"
    yield token + "."
    yield token + "x"
    yield "." + token
    yield token.upper()
    yield token[:-1]
    yield ""
    yield "a.b.c"
    yield "x" * 5000
    yield token.replace(".", "", 1)
    yield f"{random_part}.{expiry}.{tokens._sign(b'another key', random_part + '.' + expiry)}"


def test_a_tampered_or_foreign_token_opens_nothing(con):
    token = issue(con)
    bad = list(_tampered(token))
    assert len(set(bad)) == len(bad)
    for each in bad:
        assert tokens.account_of(con, KEY, each, NOW) is None, each
    assert tokens.account_of(con, b"another key", token, NOW) is None
    assert tokens.account_of(con, KEY, token, NOW) is not None        # the real one still does


def test_a_well_signed_token_without_its_row_opens_nothing(con):
    token = issue(con)
    con.execute("DELETE FROM login_sessions")
    assert tokens.account_of(con, KEY, token, NOW) is None


def test_logout_revokes_that_token_only(con):
    first, second = issue(con), issue(con)
    tokens.revoke(con, first, NOW)
    assert tokens.account_of(con, KEY, first, NOW) is None and not tokens.is_live(con, first, NOW)
    assert tokens.account_of(con, KEY, second, NOW) is not None and tokens.is_live(con, second, NOW)


@pytest.mark.parametrize("change", ["lock", "password", "role", "locality"])
def test_any_change_of_access_ends_every_token_of_the_account(con, change):
    token, other = issue(con), issue(con, "quantri")
    if change == "lock":
        accounts.set_disabled(con, "lanhdao", True, by="quantri")
    elif change == "password":
        accounts.set_password(con, "lanhdao", "mat-khau-moi-dai", by="quantri")
    elif change == "role":
        accounts.change(con, "lanhdao", "reporter", "90@pre2025", by="quantri")
    else:
        accounts.change(con, "lanhdao", "leader", "900@pre2025", by="quantri")
    assert tokens.account_of(con, KEY, token, NOW) is None
    assert not tokens.is_live(con, token, NOW)                         # its row is revoked too
    if change == "lock":
        accounts.set_disabled(con, "lanhdao", False, by="quantri")     # unlocking does not bring it back
        assert tokens.account_of(con, KEY, token, NOW) is None
    assert tokens.account_of(con, KEY, other, NOW).username == "quantri"


def test_a_deleted_account_opens_nothing(con):
    token = issue(con)
    con.execute("DELETE FROM users WHERE username = 'lanhdao'")
    assert tokens.account_of(con, KEY, token, NOW) is None


def test_old_rows_are_forgotten(con):
    old, fresh = issue(con, now=NOW - dt.timedelta(days=60)), issue(con)
    tokens.forget_old(con, now=NOW)
    assert con.execute("SELECT count(*) FROM login_sessions").fetchone()[0] == 1
    assert tokens.account_of(con, KEY, fresh, NOW) is not None and tokens.account_of(con, KEY, old, NOW) is None


def test_the_key_file_is_made_once_private_and_the_env_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(tokens.KEY_ENV, raising=False)
    db_path = tmp_path / "x.duckdb"
    first = tokens.load_key(db_path)
    assert len(first) == 32 and tokens.load_key(db_path) == first
    assert tokens.key_file(db_path).stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv(tokens.KEY_ENV, "from-the-environment")
    assert tokens.load_key(db_path) == b"from-the-environment"


def test_the_key_file_is_ignored_by_git():
    import subprocess
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    for name in ("data/pcmd.duckdb.login-key", "data/demo/demo.duckdb.login-key"):
        assert subprocess.run(["git", "check-ignore", "-q", name], cwd=root).returncode == 0, name


def test_many_tokens_none_opens_another_account(con):
    issued = {name: [issue(con, name) for _ in range(5)] for name in ("lanhdao", "quantri")}
    for name, mine in issued.items():
        for token in mine:
            assert tokens.account_of(con, KEY, token, NOW).username == name
    for a, b in itertools.product(issued["lanhdao"], issued["quantri"]):
        assert a.split(".")[0] != b.split(".")[0]
