"""Plans made in the app: strict checks with nothing half-saved, every change kept, and a new plan
visible on the scorecard at once (AppTest)."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.text import plain
from etl.engine import lookups
from etl.model import bootstrap
from etl.plans import plan_editor
from etl.storage import db
from tests.apptest import ADMIN, open_app, stored_account

HEADER = {"plan_id": "xa-vinhloc-2027", "title": "Kế hoạch phòng, chống mại dâm xã Vĩnh Lộc năm 2027",
          "issuer": "15349", "issuing_body": "UBND xã Vĩnh Lộc", "year_from": 2027, "year_to": 2027,
          "parent": None, "number": "12/KH-UBND", "date": None}
ROWS = [{"indicator": "establishments_inspected", "rule": "at_least", "value": 30, "clause": "Kiểm tra ít nhất 30% cơ sở."},
        {"indicator": "outreach_sessions", "rule": "range", "value": 2, "value_high": 4,
         "clause": "Tổ chức từ 02 đến 04 buổi tuyên truyền."},
        {"indicator": "new_hotspots", "rule": "at_most", "value": 0, "clause": "Không để phát sinh tụ điểm."}]


@pytest.fixture
def con(tmp_path):
    con = db.connect(tmp_path / "plans.duckdb")
    bootstrap.initialise(con)
    yield con
    con.close()


def count_plans(con) -> int:
    return con.execute("SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM targets)").fetchall()[0][0]


def test_bad_edits_are_refused_with_every_problem_and_nothing_is_saved(con):
    before = count_plans(con)
    bad = [{"indicator": "khong_co", "rule": "at_least", "value": 30, "clause": "x"},
           {"indicator": "establishments_inspected", "rule": "at_least", "value": 140, "clause": "x"},
           {"indicator": "outreach_sessions", "rule": "range", "value": 5, "value_high": 2, "clause": "x"},
           {"indicator": "establishments_inspected", "rule": "at_least", "value": 20, "year": 2030, "clause": "x"},
           {"indicator": "tipoffs_handled", "rule": "all", "value": 100}]
    with pytest.raises(plan_editor.PlanRefused) as refused:
        plan_editor.build(con, HEADER, bad)
    assert refused.value.problems == [
        "Chỉ tiêu 5: thiếu trích dẫn điều khoản."]
    with pytest.raises(plan_editor.PlanRefused) as refused:
        plan_editor.build(con, HEADER, bad[:4])
    assert refused.value.problems == [
        "Chỉ tiêu 1: chỉ số 'khong_co' không có trong danh mục chỉ số.",
        "Chỉ tiêu 2: tỷ lệ lớn hơn 100%.",
        "Chỉ tiêu 3: khoảng giá trị có cận dưới lớn hơn cận trên.",
        "Chỉ tiêu 4: năm 2030 nằm ngoài thời gian của kế hoạch."]
    with pytest.raises(plan_editor.PlanRefused, match="Không có địa bàn mã '99999'"):
        plan_editor.build(con, {**HEADER, "issuer": "99999"}, ROWS)
    assert count_plans(con) == before


def test_a_leader_cannot_take_over_another_areas_plan(con):
    from etl.access.scope import Scope
    with pytest.raises(plan_editor.PlanRefused, match="không sửa được"):
        plan_editor.build(con, {**HEADER, "plan_id": "binhluc-2022", "issuer": "15349"}, ROWS, Scope("15349@2025"))
    with pytest.raises(plan_editor.PlanRefused, match="không quản lý địa bàn '11473'"):
        plan_editor.build(con, {**HEADER, "issuer": "11473"}, ROWS, Scope("15349@2025"))
    assert plan_editor.build(con, HEADER, ROWS, Scope("15349@2025")).issuer_id == "15349@2025"


def test_a_change_keeps_its_history_and_a_retired_plan_leaves_the_lists(con):
    plan_editor.save(con, plan_editor.build(con, HEADER, ROWS), "quantri")
    changed = [dict(ROWS[0], value=40), *ROWS[1:]]
    plan_editor.save(con, plan_editor.build(con, HEADER, changed), "lanhdao.vinhloc")
    (at, by, lines), (_, first_by, first) = plan_editor.history(con, "xa-vinhloc-2027")
    assert (by, first_by, first) == ("lanhdao.vinhloc", "quantri", ["Tạo kế hoạch"])
    assert lines == ["-    value: 30", "+    value: 40"]
    plan_editor.retire(con, "xa-vinhloc-2027", "quantri")
    assert "xa-vinhloc-2027" not in [p[0] for p in lookups.plans(con)]


def test_an_admin_creates_a_2027_plan_and_sees_it_on_the_scorecard(con, monkeypatch):
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    from streamlit.testing.v1 import AppTest

    from tests.apptest import APP
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = stored_account(ADMIN)
    # the table the editor starts from (AppTest cannot type into st.data_editor's cells)
    at.session_state["editing"] = "(new)"
    at.session_state["editor_round"] = 0
    at.session_state["draft_targets"] = pd.DataFrame(ROWS, columns=plan_editor.TARGET_FIELDS)
    at.switch_page("pages/plans.py").run()
    assert not at.exception, at.exception
    for key, value in (("h_id_(new)", HEADER["plan_id"]), ("h_title_(new)", HEADER["title"]),
                       ("h_issuer_(new)", "15349")):
        at.text_input(key=key).input(value)
    at.number_input(key="h_from_(new)").set_value(2027)
    at.number_input(key="h_to_(new)").set_value(2027)
    next(b for b in at.button if b.label == "Lưu kế hoạch").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu kế hoạch xa-vinhloc-2027 (3 chỉ tiêu)." in [plain(s.value) for s in at.success]  # shown as text
    card = open_app("plan", ADMIN, plan="xa-vinhloc-2027")
    table = card.dataframe[0].value
    assert list(table["Trạng thái"]) == ["○ Chưa có số liệu"] * 3
    assert list(table["Mức chỉ tiêu"]) == ["≥ 30%", "2–4 buổi", "0 điểm (không phát sinh)"]


def test_a_closed_year_is_judged_on_the_target_as_it_stood_then(con):
    from etl.engine import attainment
    from tests.conftest import add_figures
    header = {**HEADER, "plan_id": "xa-vinhloc-2026", "year_from": 2026, "year_to": 2027}
    import datetime as dt
    plan_editor.save(con, plan_editor.build(con, header, ROWS), "quantri", dt.datetime(2026, 2, 1))
    add_figures(con, [("15349@2025", 2026, 4, "establishments_inspected", 35, 100),
                      ("15349@2025", 2027, 4, "establishments_inspected", 35, 100)])
    changed = [dict(ROWS[0], value=40), *ROWS[1:]]
    plan_editor.save(con, plan_editor.build(con, header, changed), "quantri", dt.datetime(2027, 3, 1))
    today = dt.date(2028, 1, 15)
    closed = attainment.evaluate(con, "xa-vinhloc-2026", 2026, 4, today=today)[0]
    changed_year = attainment.evaluate(con, "xa-vinhloc-2026", 2027, 4, today=today)[0]
    assert (closed.target_value, closed.status) == (30.0, "met")            # 35% against 2026's 30%
    assert (changed_year.target_value, changed_year.status) == (40.0, "not_met")   # against 2027's 40%


def test_drafted_targets_go_into_the_table_but_nothing_is_saved_without_review(con, monkeypatch):
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    before = count_plans(con)
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    at = open_app("plans", ADMIN)
    at.text_area(key="draft_text").input("II. MỤC TIÊU\n- Ít nhất 30% cơ sở kinh doanh dịch vụ được kiểm tra.\n"
                                         "- Tổ chức từ 02 đến 04 buổi tuyên truyền.\nIII. NHIỆM VỤ\n").run()
    assert any("Tìm thấy 2 chỉ tiêu" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Thêm các đề xuất vào bảng chỉ tiêu").click().run()
    assert not at.exception, at.exception
    table = at.session_state["draft_targets"]
    assert list(table["indicator"]) == ["establishments_inspected", "outreach_sessions"]
    assert list(table["rule"]) == ["at_least", "range"]
    assert "kế hoạch chỉ được lưu khi bấm 'Lưu kế hoạch'" in at.info[-1].value
    con = db.connect(path)
    assert count_plans(con) == before
    con.close()
