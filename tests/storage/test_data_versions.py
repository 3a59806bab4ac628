"""Issue 18: caches stay warm. An upload bumps the data versions of the areas it refreshed (migration 020),
in its transaction; the app's cached reads carry them, so a view of another province is not recomputed."""
import datetime as dt

import pytest

from dashboard import state
from etl.engine import queries
from etl.intake import loader
from etl.intake.validate import Checked, Record
from etl.model import catalog, localities
from etl.storage import analytics, data_versions, db
from tests.conftest import TREE, TWO_PROVINCES, write_tree


@pytest.fixture
def con(tmp_path):
    connection = db.connect(tmp_path / "versions.duckdb")
    localities.load(connection, write_tree(tmp_path / "tree.csv", TWO_PROVINCES))
    catalog.load(connection, catalog.read_indicators(), [])
    yield connection
    connection.close()


def upload(con, unit, number=3, remove=False):
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    loader._write(cur, "t.xlsx", "h", Checked([Record(unit, 2024, 2, "outreach_sessions", number, None, None,
                                                      "s", 2, remove=remove)], [], []),
                  "thử", dt.datetime(2024, 7, 1), loader.LoadReport("t.xlsx"))
    return cur


def stamps(con):
    """Each unit's stamp, read both ways: in one query, and as the app does (its kept keys' versions)."""
    out = {unit: data_versions.stamp(con, unit) for unit, *_ in TWO_PROVINCES}
    kept = {unit: data_versions.versions(con, data_versions.view_keys(con, unit)) for unit in out}
    assert kept == out
    return out


def test_an_upload_changes_the_stamps_of_its_province_only_and_a_rollback_none(con):
    before = stamps(con)
    cur = upload(con, "90002@pre2025")
    cur.execute("ROLLBACK")
    assert stamps(con) == before  # bumped in the write's transaction: undone with it
    upload(con, "90002@pre2025").execute("COMMIT")
    after = stamps(con)
    changed = {unit for unit in after if after[unit] != before[unit]}
    assert changed == {unit for unit, *_ in TREE}   # every unit of province 90, none of 80
    upload(con, "90002@pre2025", 3).execute("COMMIT")  # the same figure again: nothing written, nothing bumped
    assert stamps(con) == after
    upload(con, "80001@pre2025").execute("COMMIT")
    again = stamps(con)
    assert {unit for unit in again if again[unit] != after[unit]} == {"80@pre2025", "800@pre2025", "80001@pre2025"}


def test_a_full_refresh_changes_every_stamp(con):
    before = stamps(con)
    analytics.refresh(con)
    after = stamps(con)
    assert all(after[unit] != before[unit] for unit in before)


def test_area_key_is_the_province_and_a_national_root_its_own(tmp_path):
    connection = db.connect(tmp_path / "national.duckdb")
    rows = [("VN", "VN", "Toàn quốc", "province", "")] + [
        (lid, code, name, level, parent or "VN") for lid, code, name, level, parent in TWO_PROVINCES]
    localities.load(connection, write_tree(tmp_path / "tree.csv", rows))
    try:
        assert data_versions.area_keys(connection, ["90001@pre2025", "800@pre2025", "VN"]) == [
            "80@pre2025", "90@pre2025", "VN"]
        assert data_versions.view_keys(connection, "90001@pre2025") == ("90@pre2025", "90@pre2025")
        assert data_versions.view_keys(connection, "90@pre2025") == ("90@pre2025", "VN")
        assert data_versions.view_keys(connection, "VN") == ("VN", "VN")
        assert data_versions.view_keys(connection, "nowhere") == ("nowhere", "nowhere")
    finally:
        connection.close()


def test_after_an_upload_in_province_a_the_cached_view_of_b_is_not_recomputed(con, monkeypatch):
    calls = []
    monkeypatch.setattr(state, "connection", lambda: con)
    monkeypatch.setattr(queries, "overview", lambda cur, view: calls.append(view.locality_id) or view.locality_id)
    view_a = queries.View("p", 2024, 2, "90@pre2025")
    view_b = queries.View("p", 2024, 2, "80@pre2025")
    for _ in range(2):
        assert state.overview(view_a) == "90@pre2025" and state.overview(view_b) == "80@pre2025"
    assert sorted(calls) == ["80@pre2025", "90@pre2025"]  # cached
    upload(con, "90001@pre2025").execute("COMMIT")
    state.overview(view_a), state.overview(view_b)
    assert sorted(calls) == ["80@pre2025", "90@pre2025", "90@pre2025"]  # A cold, B warm
    analytics.refresh(con)
    state.overview(view_a), state.overview(view_b)
    assert sorted(calls) == ["80@pre2025", "80@pre2025", "90@pre2025", "90@pre2025", "90@pre2025"]
