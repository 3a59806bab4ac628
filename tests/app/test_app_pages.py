"""The leaders' pages as users meet them: app.py's navigation and sidebar, each page through AppTest,
on a database the test builds; every number shown is checked against the engine's."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.text import plain
from etl.access import settings
from etl.engine import attainment, completeness
from etl.model.catalog import Plan
from etl.reports import format as fmt
from etl.reports import tables
from etl.storage import db
from tests.apptest import open_app
from tests.conftest import add_figures, target

PLAN = [target(1, "establishments_inspected", "at_least", 25), target(2, "tipoffs_handled", "all", 100),
        target(3, "outreach_sessions", "range", 2, 4, unit="buổi")]
# A district's plan implementing the province's: its first target matches the province's first.
CHILD = Plan("child-plan", "Kế hoạch huyện Một", "900@pre2025", "UBND huyện", 2023, 2023, "test-plan", None, None,
             [target(1, "establishments_inspected", "at_least", 30, plan_id="child-plan"),
              target(2, "new_hotspots", "at_most", 0, unit="điểm", plan_id="child-plan")])
ON_TIME, LATE = dt.datetime(2023, 4, 5, 9), dt.datetime(2023, 7, 20, 9)


@pytest.fixture
def page_db(make_db, monkeypatch):
    con = make_db(PLAN, years=(2022, 2024), extra_plans=[CHILD])
    add_figures(con, [("90001@pre2025", 2023, 1, "establishments_inspected", 3, 10),
                      ("90001@pre2025", 2023, 1, "tipoffs_handled", 4, 5)], submitted_at=ON_TIME)
    add_figures(con, [("90002@pre2025", 2023, 2, "establishments_inspected", 45, 50),
                      ("90003@pre2025", 2023, 2, "tipoffs_handled", 2, 2)], submitted_at=LATE)
    add_figures(con, [("90001@pre2025", 2022, 4, "establishments_inspected", 5, 10)], submitted_at=ON_TIME)
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    return path


open_page = open_app


def engine(path, plan="test-plan", year=2023, quarter=2, unit=None):
    con = db.connect(path)
    try:
        return attainment.evaluate(con, plan, year, quarter, unit)
    finally:
        con.close()


def engine_many(path, units, plan="test-plan", year=2023, quarter=2):
    con = db.connect(path)
    try:
        return attainment.evaluate_many(con, plan, year, quarter, units)
    finally:
        con.close()


def texts(at) -> str:
    return "\n".join(m.value for m in [*at.markdown, *at.caption, *at.info, *at.warning, *at.success])


# --- navigation and the shared sidebar ---------------------------------------------------------

def test_defaults_are_the_latest_plan_and_the_latest_quarter_with_data(page_db):
    at = open_page()
    assert [s.value for s in at.sidebar.selectbox] == ["test-plan", 2023, 2, "90@pre2025"]
    assert dict(at.query_params) == {"plan": "test-plan", "year": "2023", "q": "2", "unit": "90@pre2025"}


def test_the_view_carries_across_pages(page_db):
    at = open_page(plan="test-plan", year="2023", q="1", unit="900@pre2025")
    at.switch_page("pages/plan.py").run()
    assert [s.value for s in at.sidebar.selectbox] == ["test-plan", 2023, 1, "900@pre2025"]
    assert "Huyện Một — quý I/2023" in [h.value for h in at.subheader]


def test_a_unit_of_another_plan_falls_back_to_the_issuer(page_db):
    at = open_page(plan="child-plan", unit="90003@pre2025")
    assert at.sidebar.selectbox[3].value == "900@pre2025"
    assert set(at.sidebar.selectbox[3].options) == {"Huyện Một", "· Xã A", "· Xã B"}
    said = [w.value for w in at.warning]   # said in words, not silently another unit
    assert said == ["Địa bàn mã 90003 không thuộc địa bàn của kế hoạch đã chọn (hoặc tài khoản "
                    "không được xem) trong năm 2023; trang đang hiển thị Huyện Một."]
    for code in ("90003", "99999"):        # a bare code, one of no unit at all
        at = open_page(plan="child-plan", unit=code)
        assert at.sidebar.selectbox[3].value == "900@pre2025"
        assert [f"Địa bàn mã {code} không thuộc" in w.value for w in at.warning] == [True]
    at = open_page(plan="child-plan", unit="90001")   # inside the area: no warning
    assert at.sidebar.selectbox[3].value == "90001@pre2025" and not at.warning


def test_the_unit_picker_offers_the_way_down_the_siblings_and_children_not_the_whole_area(page_db):
    at = open_page(unit="90001@pre2025")
    assert at.sidebar.selectbox[3].value == "90001@pre2025"
    assert at.sidebar.selectbox[3].options == ["Tỉnh Thử Nghiệm", "· Huyện Một", "· · Xã A", "· · Xã B"]
    at.sidebar.selectbox[3].set_value("900@pre2025").run()  # one level up: its sibling district comes in
    assert at.sidebar.selectbox[3].options == ["Tỉnh Thử Nghiệm", "· Huyện Một", "· · Xã A", "· · Xã B", "· Huyện Hai"]


# --- Tổng quan ---------------------------------------------------------------------------------

def test_overview_tiles_heatmap_and_furthest_behind_equal_the_engine(page_db):
    at = open_page()
    results = engine(page_db)
    counts = tables.status_counts(results)
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Đạt"] == str(counts["met"]) and tiles["Chưa có số liệu"] == str(counts["no_data"])
    assert tiles["Chậm / không đạt"] == str(counts["behind"] + counts["not_met"])
    assert tiles["Đã báo cáo quý 2"] == "100,0%"         # 90002 (Huyện Một) and 90003 (Huyện Hai) sent Q2
    table = at.dataframe[-1].value
    assert list(table["Tử số / mẫu số"]) == [fmt.fraction(r.numerator, r.denominator) for r in results]
    grid = at.dataframe[0].value                          # the heatmap's table view: one row per district
    children = engine_many(page_db, ["900@pre2025", "901@pre2025"])
    assert list(grid["Đơn vị"]) == ["Huyện Một", "Huyện Hai"]
    assert grid.iloc[0, 1] == tables.cell(children["900@pre2025"][0])
    behind = [r for r in results if r.status in ("behind", "not_met")]
    assert [fmt.behind_sentence(r, "6 tháng đầu năm 2023") in texts(at) for r in behind] == [True] * len(behind)


def test_overview_of_a_quarter_only_one_district_sent(page_db):
    at = open_page(q="1")
    assert {m.label: m.value for m in at.metric}["Đã báo cáo quý 1"] == "50,0%"
    assert "1/2 đơn vị" in texts(at)


def test_overview_of_a_unit_without_children_says_so_and_shows_its_own_figures(page_db):
    at = open_page(unit="90001@pre2025", q="1")
    assert "Xã A không có đơn vị cấp dưới" in texts(at)
    results = engine(page_db, quarter=1, unit="90001@pre2025")
    assert list(at.dataframe[0].value["Tử số / mẫu số"]) == [fmt.fraction(r.numerator, r.denominator) for r in results]
    assert list(at.dataframe[0].value["Nguồn số liệu"])[:2] == ["Báo cáo của chính đơn vị"] * 2


def test_overview_of_a_year_without_returns_says_what_to_do(page_db):
    at = open_page(year="2024")
    assert "Chưa có báo cáo năm 2024 của Tỉnh Thử Nghiệm — tải lên tại trang Nộp báo cáo quý" in texts(at)
    assert {m.label: m.value for m in at.metric}["Chưa có số liệu"] == "3"
    assert "Chưa đơn vị cấp dưới nào của Tỉnh Thử Nghiệm có số liệu" in texts(at)


# --- Kế hoạch ----------------------------------------------------------------------------------

def test_scorecard_has_a_bullet_per_quantitative_target_and_the_clause(page_db):
    at = open_page("plan")
    results = engine(page_db)
    assert len(at.get("plotly_chart")) == len(results)
    shown = texts(at)
    for r in results:
        assert f"**{fmt.target_label(r.indicator_name, r.levels, r.target_id)}** — {fmt.status(r.status)}" in shown
        assert f"> {r.clause}" in shown
    assert "Kết quả: 80,0% (48/60)" in shown and "Tổng hợp từ 2/2 đơn vị cấp dưới" in shown
    assert "Kế hoạch cấp trên" not in shown


def test_scorecard_sets_the_parent_plans_matching_target_beside(page_db):
    at = open_page("plan", plan="child-plan", q="2")
    shown = texts(at)
    assert "Kế hoạch cấp trên: Kế hoạch thử" in shown
    parent = engine(page_db)[0]                            # province: ≥ 25%, 48/60
    assert f"Cấp trên: ≥ 25% — Đạt ({fmt.actual_text(parent.comparator, parent.unit, parent.actual, parent.numerator)})" \
        in shown
    assert "Kế hoạch cấp trên không có chỉ tiêu tương ứng." in shown   # no hotspot target above
    mine = engine(page_db, plan="child-plan", unit="900@pre2025")
    assert f"Kết quả: {fmt.actual_text(mine[0].comparator, mine[0].unit, mine[0].actual, mine[0].numerator)}" in shown


# --- Địa bàn -----------------------------------------------------------------------------------

def test_locality_page_goes_down_to_a_child_and_back_up(page_db):
    at = open_page("locality", unit="900@pre2025")
    assert "2/2 xã đã báo cáo quý 2/2023" not in texts(at)     # Xã A sent Q1 only
    assert "1/2 xã đã báo cáo quý 2/2023" in texts(at)
    ranking = at.dataframe[1].value
    kids = engine_many(page_db, ["90001@pre2025", "90002@pre2025"])
    assert list(ranking["Đơn vị"]) == ["Xã B", "Xã A"]          # 90,0% before 30,0%
    assert list(ranking["Kết quả"]) == [fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator)
                                        for r in (kids["90002@pre2025"][0], kids["90001@pre2025"][0])]
    at.selectbox(key="go_down").set_value("90001@pre2025").run()
    assert at.sidebar.selectbox[3].value == "90001@pre2025"
    assert [b.label for b in at.main.button] == ["Tỉnh Thử Nghiệm", "Huyện Một", "Xã A"]
    assert "Xã A không có đơn vị cấp dưới" in texts(at)
    at.button(key="crumb-90@pre2025").click().run()
    assert at.sidebar.selectbox[3].value == "90@pre2025"
    assert at.query_params["unit"] == "90@pre2025"


# --- Chỉ số ------------------------------------------------------------------------------------

def test_indicator_page_ranks_the_children_and_shows_every_year(page_db):
    at = open_page("indicator", unit="900@pre2025")
    ranking = at.dataframe[0].value
    kids = engine_many(page_db, ["90001@pre2025", "90002@pre2025"])
    assert list(ranking["Tử số / mẫu số"]) == ["45/50", "3/10"]
    assert list(ranking["Trạng thái"]) == [fmt.status(kids["90002@pre2025"][0].status),
                                           fmt.status(kids["90001@pre2025"][0].status)]
    years = at.dataframe[1].value
    assert list(years["Năm"]) == ["2022", "2023"]
    assert list(years["Tử số / mẫu số"]) == ["5/10", "48/60"]


def test_indicator_page_of_a_unit_without_children(page_db):
    at = open_page("indicator", unit="90003@pre2025", target="test-plan#02")
    assert at.selectbox(key="f_target").value == "test-plan#02"
    assert "Xã C không có đơn vị cấp dưới để so sánh" in texts(at)
    assert list(at.dataframe[0].value["Tử số / mẫu số"]) == ["2/2"]


# --- Xu hướng ----------------------------------------------------------------------------------

def test_trend_page_shows_this_year_and_last_by_quarter_as_the_engine(page_db):
    at = open_page("trend", q="4")
    table = at.dataframe[0].value
    con = db.connect(page_db)
    periods = [(y, q) for y in (2022, 2023) for q in range(1, 5)]
    got = attainment.evaluate_periods(con, "test-plan", "90@pre2025", periods)
    con.close()
    expected = [fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator) for p in periods for r in got[p][:1]]
    assert list(table["Kết quả"]) == expected
    assert list(table["Kỳ"])[-1] == "Quý 4/2023"


def test_trend_page_with_no_data_says_so(page_db):
    at = open_page("trend", target="test-plan#03")
    assert "Chưa có số liệu của chỉ tiêu này trong năm 2023 và năm 2022." in texts(at)


# --- Tình hình báo cáo and Cài đặt ----------------------------------------------------------------

def test_completeness_lists_who_sent_late_and_who_to_chase(page_db):
    at = open_page("completeness", unit="900@pre2025")
    table = at.dataframe[0].value
    assert list(table["Đơn vị"]) == ["Xã A", "Xã B"]
    assert list(table["Quý 1"]) == ["✔ Đúng hạn (05/04/2023)", "✖ Chưa gửi (quá hạn)"]
    assert list(table["Quý 2"]) == ["✖ Chưa gửi (quá hạn)", "⚠ Muộn 10 ngày (20/07/2023)"]
    assert at.code[0].value == "90001 — Xã A"
    assert "Quý 2/2023: **1/2** đơn vị đã gửi (1 gửi muộn), 1 chưa gửi." in texts(at)


def test_a_longer_deadline_set_on_the_settings_page_makes_the_return_on_time(page_db):
    at = open_page("settings")
    at.number_input(key="deadline_days").set_value(20)
    at.number_input(key="idle_minutes").set_value(45)
    assert at.number_input(key="login_hours").value == settings.DEFAULT_LOGIN_HOURS == 8
    at.number_input(key="login_hours").set_value(12)
    next(b for b in at.button if b.label == "Lưu").click().run()
    assert "hạn nộp là 20 ngày" in at.success[0].value and "sau 45 phút" in at.success[0].value
    assert "giữ 12 giờ" in at.success[0].value
    at = open_page("completeness", unit="900@pre2025")
    assert list(at.dataframe[0].value["Quý 2"])[1] == "✔ Đúng hạn (20/07/2023)"
    con = db.connect(page_db)
    assert completeness.table(con, "900@pre2025", 2023, [2])[1].status == completeness.ON_TIME
    assert settings.idle_minutes(con) == 45 and settings.login_hours(con) == 12
    con.close()


def test_missing_database_explains_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.setenv("PCMD_DB", str(tmp_path / "none.duckdb"))
    for page in (None, "plan", "indicator", "trend", "completeness", "settings"):
        at = open_page(page)
        assert "python -m etl demo" in at.warning[0].value


# --- Xuất báo cáo ------------------------------------------------------------------------------

def test_export_page_previews_the_tables_of_the_view_and_offers_three_files(page_db):
    at = open_page("export", unit="900@pre2025", q="2")
    assert [h.value for h in at.subheader] == ["Kết quả thực hiện chỉ tiêu", "Kết quả thực hiện chỉ tiêu theo địa bàn",
                                               "Tình hình gửi báo cáo", "Kết quả thực hiện chỉ tiêu qua các năm"]
    results = engine(page_db, unit="900@pre2025")
    first = at.dataframe[0].value
    assert list(first["Kết quả"]) == [fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator)
                                      if r.numerator is not None else "" for r in results]
    assert "Huyện Một" in at.caption[0].value and "6 tháng đầu năm 2023" in at.caption[0].value
    labels = [e.proto.label for e in at.get("download_button")]
    assert labels == ["Tải Excel (.xlsx)", "Tải CSV (.zip, mỗi bảng một tệp)", "Tải phụ lục Word (.docx)"]


def test_overview_heatmap_is_headed_by_target_names_and_leaves_untracked_cells_blank(page_db):
    at = open_page()
    chart = at.get("plotly_chart")[0]
    figure = json.loads(chart.proto.spec)
    cells = figure["data"][0]
    headers = figure["layout"]["xaxis"]["ticktext"]   # short names on the axis; the full ones in the hover (x)
    assert all(not header.isdigit() for header in headers) and figure["layout"]["xaxis"]["tickvals"] == cells["x"]
    assert headers[0].startswith("1. ") and "<br>" in headers[0] and cells["x"][0].startswith("1. ")
    assert "Ô để trống" in texts(at)
    # Huyện Hai (row 2) has no figure for target 1: its cell is left out, not a grey "○ –"
    assert cells["text"][1][0] == "" and cells["z"][1][0] is None
    hidden = next(c.value for c in at.caption if c.value.startswith("Không hiện các chỉ tiêu"))
    assert plain(hidden).endswith("3. Số buổi tuyên truyền."), hidden     # named, not "3"


def test_plan_picker_shows_issuer_years_and_number_for_each_plan(page_db):
    at = open_page()
    picker = at.sidebar.selectbox[0]
    assert picker.options == ["UBND · 2022–2024", "UBND huyện · 2023"]
    picker.select("child-plan").run()
    assert at.query_params["plan"] == ["child-plan"] or at.query_params["plan"] == "child-plan"


def test_a_count_result_is_written_once_and_its_range_drawn_as_a_band(page_db):
    con = db.connect(page_db)
    add_figures(con, [("90@pre2025", 2023, 2, "outreach_sessions", 3, None)], submitted_at=ON_TIME)
    con.close()
    at = open_page(target="test-plan#03")
    at.switch_page("pages/indicator.py").run()
    assert not at.exception, at.exception
    said = texts(at)
    assert "Kết quả: 3;" in said and "3 (3)" not in said
    at.switch_page("pages/plan.py").run()
    assert "Kết quả: 3\n" in texts(at) + "\n" and "3 (3)" not in texts(at)
    bullet = json.loads(at.get("plotly_chart")[2].proto.spec)
    band = bullet["layout"]["shapes"][0]
    assert (band["x0"], band["x1"]) == (2, 4) and bullet["layout"]["xaxis"]["dtick"] == 1


# --- a link edited by hand: every value no picker offers is said, cut short, shown as text -------------

JUNK = ["junk", "", "2099", "-1", "Q5", "**đậm**", "[bấm](https://x.invalid)", "<b>x</b>", "a" * 5000,
        "test-plan#99", "\u202eevil", "1e3", " 2023 "]


@pytest.mark.parametrize("name", ["plan", "year", "q"])
@pytest.mark.parametrize("value", JUNK)
def test_a_link_value_no_picker_offers_is_said_not_silently_replaced(page_db, name, value):
    at = open_page(**{name: value})
    assert not at.exception
    values = [s.value for s in at.sidebar.selectbox]
    assert values[:3] == ["test-plan", 2023, 2]   # the defaults stand
    said = [w.value for w in at.warning]
    if value.strip() in ("2023", "") and name == "year" or (name == "q" and value == "") or value == "":
        return   # the link asked for what is shown (or nothing): nothing to say
    assert len(said) == 1 and said[0].startswith("Đường dẫn ghi "), said
    assert len(said[0]) < 300                   # a long value is cut, not echoed whole
    assert plain(said[0]).count("«") == 1 and "https://x.invalid)" not in said[0].replace("\\", "")


def test_a_link_target_no_page_offers_is_said_on_the_target_page(page_db):
    at = open_page("indicator", target="test-plan#99")
    assert [plain(w.value) for w in at.warning] == [
        "Đường dẫn ghi chỉ tiêu «test-plan#99», không có trong danh sách (hoặc tài khoản không được xem): "
        "trang đang hiển thị lựa chọn mặc định."]
    at.sidebar.selectbox[1].set_value(2022).run()   # said once, not on every change after
    assert not at.warning


def test_a_long_or_marked_up_unit_code_is_cut_and_shown_as_text(page_db):
    at = open_page(plan="child-plan", unit="**" + "9" * 3000)
    said = [w.value for w in at.warning]
    assert len(said) == 1 and len(said[0]) < 400
    assert "\\*\\*" in said[0]    # escaped: shown as typed, not bold
