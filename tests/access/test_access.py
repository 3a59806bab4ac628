"""What an account placed in a unit may see and do, asked of the engine, the export and the loader
directly (the pages are checked in test_app_access.py). In the tiny tree, the account's unit is
Huyện Một (900, like Vĩnh Lộc), its child Xã A (90001), and Huyện Hai (901, like Bình Lục) is elsewhere."""
from __future__ import annotations

import datetime as dt

import pytest

from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import areas, attainment, completeness, lookups
from etl.engine.queries import View
from etl.intake import loader
from etl.reports import export_tables
from tests.conftest import add_figures, target
from tests.xlsx_files import bulk

TODAY = dt.date(2024, 2, 1)
MINE, CHILD, OTHER = "900@pre2025", "90001@pre2025", "901@pre2025"
LEADER = Scope(MINE)


@pytest.fixture
def con(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10),
                      ("90003@pre2025", 2023, 4, "establishments_inspected", 9, 10)])
    return con


def test_the_engine_gives_nothing_outside_the_scope(con):
    assert attainment.evaluate(con, "test-plan", 2023, 4, OTHER, TODAY, LEADER) == []
    assert attainment.evaluate(con, "test-plan", 2023, 4, None, TODAY, LEADER) == []   # the province is above
    assert attainment.evaluate(con, "test-plan", 2023, 4, MINE, TODAY, LEADER)[0].numerator == 3
    assert attainment.evaluate(con, "test-plan", 2023, 4, CHILD, TODAY, LEADER)[0].numerator == 3
    many = attainment.evaluate_many(con, "test-plan", 2023, 4, [MINE, OTHER, "90003@pre2025"], TODAY, LEADER)
    assert set(many) == {MINE}


def test_units_plans_and_completeness_stop_at_the_scope(con):
    assert [u.locality_id for u in areas.subtree(con, "90@pre2025", 2023, 4, LEADER)] == [MINE, CHILD, "90002@pre2025"]
    assert [u.locality_id for u in areas.children(con, "90@pre2025", 2023, 4, LEADER)] == [MINE]
    assert access.entry_points(con, LEADER, "90@pre2025", 2023) == [MINE]
    assert completeness.table(con, OTHER, 2023, [4], TODAY, LEADER) == []
    assert [p[0] for p in lookups.plans(con, LEADER)] == ["test-plan"]
    assert lookups.plans(con, Scope("nowhere")) == []


def test_the_export_refuses_another_locality_and_holds_no_cell_of_it(con):
    with pytest.raises(export_tables.ExportRefused, match="không được xem số liệu của địa bàn '901'"):
        export_tables.view_for(con, "test-plan", 2023, "Y", "901", LEADER)
    province = export_tables.build(con, View("test-plan", 2023, 4, "90@pre2025", LEADER), TODAY)
    assert all(not t.rows for t in province.tables)
    mine = export_tables.build(con, View("test-plan", 2023, 4, MINE, LEADER), TODAY)
    names = {row[0].value for t in mine.tables for row in t.rows}
    assert "Huyện Hai" not in names and "Xã C" not in names and "Xã A" in names


def test_a_reporter_cannot_send_figures_for_a_unit_outside_its_scope(con, tmp_path):
    path = bulk(tmp_path / "r.xlsx", [("90001", 2023, 3, "establishments_inspected", 2, 10),
                                      ("90003", 2023, 3, "establishments_inspected", 5, 10)])
    report = loader.load_file(con, path, "Báo cáo viên", today=TODAY, scope=Scope(CHILD))
    assert not report.loaded
    assert report.problems == [report.problems[0]] and "'90003' nằm ngoài phạm vi" in report.problems[0].message
    assert "dòng 5" in report.problems[0].message
    ok = bulk(tmp_path / "ok.xlsx", [("90001", 2023, 3, "establishments_inspected", 2, 10)])
    assert loader.load_file(con, ok, "Báo cáo viên", today=TODAY, scope=Scope(CHILD)).loaded


def test_one_scope_of_an_account_for_the_app_and_the_command_line():
    from etl.access import accounts
    from etl.access.scope import EVERYTHING, NOBODY, of_account
    assert of_account(accounts.User("quantri", "admin", None)) == EVERYTHING
    assert of_account(accounts.User("quantri.tinh", "admin", "90@pre2025")) == EVERYTHING
    assert of_account(accounts.User("lanhdao", "leader", "900@pre2025")) == Scope("900@pre2025")
    assert of_account(accounts.User("baocao", "reporter", "90001@pre2025")) == Scope("90001@pre2025")
    assert of_account(None) == NOBODY and not NOBODY.everything
    assert of_account(accounts.User("hong", "leader", None)) == NOBODY   # never the whole country by mistake
    assert of_account(accounts.User("hong", "reporter", "")) == NOBODY


def test_the_app_and_the_command_line_use_that_one_function():
    import inspect

    from dashboard import state
    from etl.cli import main
    assert "of_account(" in inspect.getsource(state.scope)
    assert "of_account(" in inspect.getsource(main.cmd_export)
    assert not hasattr(__import__("etl.access.rights", fromlist=["x"]), "scope_of")
