"""Issue 18: argon2 parameters that keep a burst of logins bounded (figures: bench/login_burst.py)."""
import threading

import pytest
from argon2 import PasswordHasher

from etl.access import accounts

pytestmark = pytest.mark.real_argon2  # these check the production parameters


def test_hashes_use_the_bounded_parameters_and_old_hashes_are_upgraded_on_login(make_db):
    con = make_db()
    accounts.add(con, "canbo.a", "leader", "90@pre2025", "mat-khau-dai-du", "quantri")
    assert "m=19456,t=2,p=1" in con.execute("SELECT password_hash FROM users").fetchone()[0]
    con.execute("UPDATE users SET password_hash = ?", [PasswordHasher().hash("mat-khau-dai-du")])  # 64 MiB
    assert accounts.authenticate(con, "canbo.a", "mat-khau-dai-du").username == "canbo.a"
    assert "m=19456,t=2,p=1" in con.execute("SELECT password_hash FROM users").fetchone()[0]


def test_at_most_hashing_at_once_hashes_run_together(monkeypatch):
    running, most, lock = [0], [0], threading.Lock()
    verify = accounts._hasher.verify

    def counted(*args):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return verify(*args)
        finally:
            with lock:
                running[0] -= 1
    stored = accounts._hasher.hash("mat-khau-dai-du")
    threads = [threading.Thread(target=lambda: accounts._hashing.submit(counted, stored, "mat-khau-dai-du").result())
               for _ in range(12)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert 1 <= most[0] <= accounts.HASHING_AT_ONCE
