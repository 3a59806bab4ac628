"""What tests/conftest.py's autouse fixtures promise every test, in any order: Streamlit's caches start empty
(no test sees another's cached connection or reads) and passwords hash cheaply unless a test asks for the
production parameters."""
from __future__ import annotations

import pytest
import streamlit as st

from etl.access import accounts

computed = []


@st.cache_data
def cached_read(key: str) -> str:
    computed.append(key)
    return key


@st.cache_resource
def cached_resource(key: str) -> list:
    computed.append(f"resource {key}")
    return [key]


@pytest.mark.parametrize("run", ["first", "second", "third"])
def test_every_test_starts_with_empty_streamlit_caches(run):
    before = len(computed)
    assert cached_read("same key") == "same key" and cached_resource("same key") == ["same key"]
    assert len(computed) == before + 2     # computed, not served from an earlier test's cache
    cached_read("same key"), cached_resource("same key")
    assert len(computed) == before + 2     # within a test the caches work


def test_passwords_hash_at_the_cheap_parameters(make_db):
    con = make_db()
    accounts.add(con, "canbo.a", "leader", "90@pre2025", "mat-khau-dai-du", "quantri")
    assert "m=8,t=1,p=1" in con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert accounts.authenticate(con, "canbo.a", "mat-khau-dai-du").username == "canbo.a"
    with pytest.raises(accounts.LoginRefused):
        accounts.authenticate(con, "khong-co-ai", "mat-khau-dai-du")   # against the (cheap) dummy hash


@pytest.mark.real_argon2
def test_a_marked_test_keeps_the_production_parameters():
    assert accounts._hasher.time_cost == accounts.ARGON2["time_cost"]
    assert accounts._hasher.memory_cost == accounts.ARGON2["memory_cost"]
    assert "m=19456,t=2,p=1" in accounts._DUMMY
