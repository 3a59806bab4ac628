"""Irreversible acts take a second click: retiring a plan asks "Xác nhận" / "Hủy" first (AppTest)."""
from __future__ import annotations

import pytest

from dashboard.text import plain
from etl.engine import lookups
from etl.model import bootstrap
from etl.storage import db
from tests.apptest import ADMIN, open_app

PLAN = "binhluc-2022"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    con = db.connect(tmp_path / "confirm.duckdb")
    bootstrap.initialise(con)
    con.close()
    monkeypatch.setenv("PCMD_DB", str(tmp_path / "confirm.duckdb"))
    return tmp_path / "confirm.duckdb"


def live_plans(path) -> list[str]:
    con = db.connect(path)
    try:
        return [p[0] for p in lookups.plans(con)]
    finally:
        con.close()


def retire_events(path) -> int:
    con = db.connect(path)
    try:
        return con.execute("SELECT count(*) FROM audit_log WHERE detail = ?", [f"ngừng theo dõi {PLAN}"]).fetchall()[0][0]
    finally:
        con.close()


def button(at, label):
    return next(b for b in at.button if b.label == label)


def opened_on_plan(path):
    at = open_app("plans", ADMIN)
    at.selectbox(key="plan_pick").select(PLAN).run()
    assert not at.exception, at.exception
    return at


def test_one_click_does_not_retire_a_plan_and_cancel_goes_back(db_path):
    at = opened_on_plan(db_path)
    button(at, "Ngừng theo dõi kế hoạch này").click().run()
    assert PLAN in live_plans(db_path) and retire_events(db_path) == 0
    assert any("không hoàn tác được" in w.value for w in at.warning)
    assert {"Xác nhận", "Hủy"} <= {b.label for b in at.button}
    button(at, "Hủy").click().run()
    assert PLAN in live_plans(db_path) and retire_events(db_path) == 0
    assert "Xác nhận" not in {b.label for b in at.button}
    assert "Ngừng theo dõi kế hoạch này" in {b.label for b in at.button}


def test_the_second_click_retires_it_once_and_audits_it(db_path):
    at = opened_on_plan(db_path)
    button(at, "Ngừng theo dõi kế hoạch này").click().run()
    button(at, "Xác nhận").click().run()
    assert not at.exception, at.exception
    assert PLAN not in live_plans(db_path) and retire_events(db_path) == 1
    assert any(PLAN in plain(s.value) for s in at.success)
    assert "Xác nhận" not in {b.label for b in at.button}


def test_a_confirmation_asked_for_one_plan_does_not_carry_to_another(db_path):
    at = opened_on_plan(db_path)
    button(at, "Ngừng theo dõi kế hoạch này").click().run()
    at.selectbox(key="plan_pick").select("vinhloc-2023").run()
    assert "Xác nhận" not in {b.label for b in at.button}
    assert set(live_plans(db_path)) >= {PLAN, "vinhloc-2023"}
