"""Figures across the 1 July 2025 reform (issue 14): one continuous series through the era bridge.

The tiny country below, worked by hand:

    before 1 July 2025                         from 1 July 2025
    90 Tỉnh Thử Nghiệm ─ 900 Huyện Một ─ 90001 Xã A ─┐
                       │                 90002 Xã B ─┼─> 90101 Phường Mới  (majority in Huyện Một)
                       └ 901 Huyện Hai ─ 90003 Xã C ─┘
                                         90102 Xã D ─┬─> 90102 Xã Mới Hai  (code reused; D holds it)
    89 Tỉnh Khác ───── 890 Huyện Ba ──── 89001 Xã E ─┘
    90, 89 ──────────────────────────────────────────> 91 Tỉnh Mới
"""
import datetime as dt

import pytest

from etl.engine import attainment
from etl.engine.attainment import MET, NOT_MET
from etl.engine.queries import View
from etl.labels_vi import UI
from etl.model import catalog, localities, reform
from etl.model.catalog import Plan
from etl.reports import annex, export_tables, tables
from etl.storage import analytics, db
from tests.conftest import add_figures, target, write_reform_tree

OLD, NEW = ("", "2025-06-30"), ("2025-07-01", "")
TREE = [  # locality_id, code, name, level, parent, era, successor
    ("90@pre2025", "90", "Tỉnh Thử Nghiệm", "province", "", OLD, "91@2025"),
    ("89@pre2025", "89", "Tỉnh Khác", "province", "", OLD, "91@2025"),
    ("900@pre2025", "900", "Huyện Một", "district", "90@pre2025", OLD, "91@2025"),
    ("901@pre2025", "901", "Huyện Hai", "district", "90@pre2025", OLD, "91@2025"),
    ("890@pre2025", "890", "Huyện Ba", "district", "89@pre2025", OLD, "91@2025"),
    ("90001@pre2025", "90001", "Xã A", "commune", "900@pre2025", OLD, "90101@2025"),
    ("90002@pre2025", "90002", "Xã B", "commune", "900@pre2025", OLD, "90101@2025"),
    ("90003@pre2025", "90003", "Xã C", "commune", "901@pre2025", OLD, "90101@2025"),
    ("90102@pre2025", "90102", "Xã D", "commune", "901@pre2025", OLD, "90102@2025"),
    ("89001@pre2025", "89001", "Xã E", "commune", "890@pre2025", OLD, "90102@2025"),
    ("91@2025", "91", "Tỉnh Mới", "province", "", NEW, ""),
    ("90101@2025", "90101", "Phường Mới", "commune", "91@2025", NEW, ""),
    ("90102@2025", "90102", "Xã Mới Hai", "commune", "91@2025", NEW, ""),
]
TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def reform_db(tmp_path):
    con = db.connect(tmp_path / "reform.duckdb")
    localities.load(con, write_reform_tree(tmp_path / "tree.csv", TREE))

    def plans(*specs):
        catalog.load(con, catalog.read_indicators(), [
            Plan(pid, f"Kế hoạch {pid}", issuer, "UBND", y0, y1, None, None, None,
                 [target(i + 1, *t, plan_id=pid) if not isinstance(t[-1], dict)
                  else target(i + 1, *t[:-1], plan_id=pid, **t[-1]) for i, t in enumerate(targets)])
            for pid, issuer, (y0, y1), targets in specs])
        return con
    yield plans
    con.close()


def one(con, plan_id, year, quarter, locality_id, indicator):
    results = attainment.evaluate(con, plan_id, year, quarter, locality_id, TODAY)
    return next(r for r in results if r.indicator_code == indicator)


# --- rule 2: a new ward viewed before and across 1 July 2025 ---------------------------------------------

def test_new_ward_first_half_of_2025_is_the_sum_of_its_predecessors(reform_db):
    con = reform_db(("moi-2025", "90101@2025", (2025, 2025),
                     [("tipoffs_handled", "all", 100), ("establishments_inspected", "at_least", 50)]))
    add_figures(con, [  # Xã A, B, C send Q1 and Q2; Xã E (another new unit's predecessor) must not count
        ("90001@pre2025", 2025, 1, "tipoffs_handled", 2, 3), ("90001@pre2025", 2025, 2, "tipoffs_handled", 1, 1),
        ("90002@pre2025", 2025, 2, "tipoffs_handled", 2, 2), ("90003@pre2025", 2025, 1, "tipoffs_handled", 2, 3),
        ("89001@pre2025", 2025, 2, "tipoffs_handled", 9, 9),
        ("90001@pre2025", 2025, 2, "establishments_inspected", 4, 10),
        ("90002@pre2025", 2025, 2, "establishments_inspected", 3, 20),
        ("90003@pre2025", 2025, 1, "establishments_inspected", 5, 10)])
    tip = one(con, "moi-2025", 2025, 2, "90101@2025", "tipoffs_handled")
    assert (tip.numerator, tip.denominator) == (7, 9)        # 2+1 + 2 + 2 of 3+1 + 2 + 3
    assert tip.across == "predecessors" and tip.own_return is False
    est = one(con, "moi-2025", 2025, 2, "90101@2025", "establishments_inspected")
    assert (est.numerator, est.denominator) == (12, 40)      # each predecessor's latest: 4/10 + 3/20 + 5/10
    # the second half: the ward's own returns; the year joins both halves
    add_figures(con, [("90101@2025", 2025, 3, "tipoffs_handled", 4, 4), ("90101@2025", 2025, 4, "tipoffs_handled", 2, 3),
                      ("90101@2025", 2025, 4, "establishments_inspected", 25, 41)])
    year = one(con, "moi-2025", 2025, 4, "90101@2025", "tipoffs_handled")
    assert (year.numerator, year.denominator) == (13, 16)    # 7/9 before 1 July + 6/7 after, not 6/7 alone
    assert year.status == NOT_MET and year.across == "predecessors"
    stock = one(con, "moi-2025", 2025, 4, "90101@2025", "establishments_inspected")
    assert (stock.numerator, stock.denominator) == (25, 41)  # `last`: the latest quarter, the ward's own Q4
    q3 = one(con, "moi-2025", 2025, 3, "90101@2025", "establishments_inspected")
    assert (q3.numerator, q3.denominator) == (12, 40)        # no own figure yet at Q3: the predecessors' Q2 stands
    # the ward's own returns are its own: the source says so (and what it includes), its note is its evidence
    assert year.own_return is True and stock.own_return is True and stock.across is None
    con.execute("UPDATE figures SET note = 'Đã kiểm tra cùng Đội 178' WHERE indicator_code = 'establishments_inspected' "
                "AND return_id IN (SELECT return_id FROM returns WHERE locality_id = '90101@2025')")
    analytics.refresh(con, {2025})
    assert one(con, "moi-2025", 2025, 4, "90101@2025", "establishments_inspected").note == "Đã kiểm tra cùng Đội 178"


def test_new_province_before_the_reform_is_its_old_provinces(reform_db):
    con = reform_db(("moi-2026", "91@2025", (2026, 2026), [("crimes_handled", "growth", 3, 5)]))
    add_figures(con, [("90001@pre2025", 2024, 4, "crimes_handled", 3, None),
                      ("89001@pre2025", 2024, 2, "crimes_handled", 4, None)])
    figs = attainment.evaluate_periods(con, "moi-2026", "91@2025", [(2024, 4)], TODAY)[(2024, 4)]
    assert figs[0].numerator == 7 and figs[0].across == "predecessors"


# --- rule 3: a pre-reform province's plan viewed after 30 June 2025 -----------------------------------

def test_old_province_plan_2025_q4_counts_the_successors_of_its_communes(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    add_figures(con, [("90001@pre2025", 2025, 1, "tipoffs_handled", 3, 3),
                      ("90102@pre2025", 2025, 2, "tipoffs_handled", 1, 2),
                      ("89001@pre2025", 2025, 2, "tipoffs_handled", 50, 50),   # Tỉnh Khác's: never in 90
                      ("90101@2025", 2025, 3, "tipoffs_handled", 4, 5),
                      ("90102@2025", 2025, 4, "tipoffs_handled", 2, 2)])
    q4 = one(con, "cu", 2025, 4, "90@pre2025", "tipoffs_handled")
    assert (q4.numerator, q4.denominator) == (10, 12)        # 3/3 + 1/2 (H1) + 4/5 + 2/2 (H2)
    assert q4.across == "successors"
    q2 = one(con, "cu", 2025, 2, "90@pre2025", "tipoffs_handled")
    assert (q2.numerator, q2.denominator, q2.across) == (4, 5, None)
    # Phường Mới's predecessors are 2 in Huyện Một, 1 in Huyện Hai: it counts for Huyện Một only
    one_ = one(con, "cu", 2025, 4, "900@pre2025", "tipoffs_handled")
    two = one(con, "cu", 2025, 4, "901@pre2025", "tipoffs_handled")
    assert (one_.numerator, one_.denominator) == (7, 8)      # 3/3 + Phường Mới 4/5
    assert (two.numerator, two.denominator) == (3, 4)        # 1/2 + Xã Mới Hai 2/2
    assert one_.numerator + two.numerator == q4.numerator    # nothing counted twice, nothing lost
    said = reform.members(con, "900@pre2025")
    assert said.direction == "successors" and said.names == ["Phường Mới"] and said.split == ["Phường Mới"]


def test_latest_quarter_of_an_old_plan_counts_its_successors_returns_after_the_reform(reform_db):
    from etl.engine import lookups
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]),
                    ("khac", "89@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]),
                    ("huyen-hai", "901@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]),
                    ("moi", "91@2025", (2025, 2026), [("tipoffs_handled", "all", 100)]),
                    ("phuong", "90101@2025", (2025, 2026), [("tipoffs_handled", "all", 100)]))
    add_figures(con, [("90001@pre2025", 2025, 1, "tipoffs_handled", 3, 3),
                      ("89001@pre2025", 2025, 2, "tipoffs_handled", 1, 1)])
    assert {p: lookups.latest_quarter(con, p, 2025) for p in ("cu", "khac", "huyen-hai", "moi", "phuong")} == \
        {"cu": 1, "khac": 2, "huyen-hai": None, "moi": 2, "phuong": 1}    # before 1 July: the predecessors'
    add_figures(con, [("90101@2025", 2025, 3, "tipoffs_handled", 4, 5)])    # Phường Mới: Huyện Một's majority
    assert lookups.latest_quarter(con, "cu", 2025) == 3
    assert lookups.latest_quarter(con, "huyen-hai", 2025) is None          # counted under Huyện Một only
    add_figures(con, [("90102@2025", 2025, 4, "tipoffs_handled", 2, 2)])    # Xã Mới Hai: Xã D holds its code
    assert {p: lookups.latest_quarter(con, p, 2025) for p in ("cu", "khac", "huyen-hai", "moi", "phuong")} == \
        {"cu": 4, "khac": 2, "huyen-hai": 4, "moi": 4, "phuong": 3}
    # a new unit's return dated before the reform, or an old unit's after it, stands for nothing across
    add_figures(con, [("90101@2025", 2024, 4, "tipoffs_handled", 1, 1), ("90001@pre2025", 2026, 1, "tipoffs_handled", 1, 1)])
    assert lookups.latest_quarter(con, "cu", 2024) is None and lookups.latest_quarter(con, "moi", 2026) is None
    assert lookups.latest_year(con, "cu") == 2025 and lookups.latest_year(con, "phuong") == 2025


def test_latest_year_of_an_old_plan_whose_last_year_only_successors_reported(reform_db):
    from etl.engine import lookups
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    add_figures(con, [("90001@pre2025", 2024, 4, "tipoffs_handled", 3, 3),
                      ("90101@2025", 2025, 3, "tipoffs_handled", 4, 5)])
    assert (lookups.latest_year(con, "cu"), lookups.latest_quarter(con, "cu", 2025)) == (2025, 3)


# --- rule 6: a unit's own return counts quarter by quarter -----------------------------------------------

def test_district_own_q1_return_does_not_hide_its_communes_q2_flows(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    add_figures(con, [("900@pre2025", 2024, 1, "tipoffs_handled", 5, 5),      # the district's own Q1
                      ("90001@pre2025", 2024, 1, "tipoffs_handled", 1, 1),    # inside its Q1: not added again
                      ("90001@pre2025", 2024, 2, "tipoffs_handled", 2, 3),
                      ("90002@pre2025", 2024, 2, "tipoffs_handled", 1, 1)])
    h1 = one(con, "cu", 2024, 2, "900@pre2025", "tipoffs_handled")
    assert (h1.numerator, h1.denominator) == (8, 9)          # 5/5 own Q1 + 3/4 communes' Q2
    q1 = one(con, "cu", 2024, 1, "900@pre2025", "tipoffs_handled")
    assert (q1.numerator, q1.denominator, q1.own_return) == (5, 5, True)


def test_stock_own_figure_gives_way_to_a_later_quarter_below(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("establishments_inspected", "at_least", 25)]))
    add_figures(con, [("900@pre2025", 2024, 1, "establishments_inspected", 5, 50),
                      ("90001@pre2025", 2024, 2, "establishments_inspected", 8, 20),
                      ("90002@pre2025", 2024, 1, "establishments_inspected", 9, 30)])
    h1 = one(con, "cu", 2024, 2, "900@pre2025", "establishments_inspected")
    assert (h1.numerator, h1.denominator) == (17, 50)        # each commune's latest: 8/20 + 9/30
    q1 = one(con, "cu", 2024, 1, "900@pre2025", "establishments_inspected")
    assert (q1.numerator, q1.denominator) == (5, 50)         # the district's own Q1 stands in Q1


# --- rule 4: comparisons across years on the same units --------------------------------------------------

def test_growth_2026_against_2025_across_the_reform_is_the_true_percentage(reform_db):
    con = reform_db(("moi-2026", "90101@2025", (2026, 2026), [("crimes_handled", "growth", 3, 5)]),
                    ("tinh-2026", "91@2025", (2026, 2026), [("crimes_handled", "growth", 3, 5)]))
    add_figures(con, [("90001@pre2025", 2025, 1, "crimes_handled", 10, None),
                      ("90003@pre2025", 2025, 2, "crimes_handled", 6, None),
                      ("89001@pre2025", 2025, 2, "crimes_handled", 8, None),
                      ("90101@2025", 2025, 3, "crimes_handled", 8, None),
                      ("90101@2025", 2026, 4, "crimes_handled", 27, None),
                      ("90102@2025", 2026, 4, "crimes_handled", 5, None)])
    ward = one(con, "moi-2026", 2026, 4, "90101@2025", "crimes_handled")
    assert ward.previous_numerator == 24                     # 10 + 6 before 1 July + 8 after
    assert ward.actual == pytest.approx(12.5)                # 27 / 24, not 27 / 8 = +237,5%
    assert ward.status == MET
    province = one(con, "tinh-2026", 2026, 4, "91@2025", "crimes_handled")
    assert (province.numerator, province.previous_numerator) == (32, 32)   # 27 + 5 against 10 + 6 + 8 + 8
    assert province.actual == pytest.approx(0.0) and province.status == NOT_MET


def test_growth_compares_only_units_with_figures_in_both_years(reform_db):
    con = reform_db(("huyen", "900@pre2025", (2021, 2022), [("crimes_handled", "growth", 3, 5)]))
    add_figures(con, [("90001@pre2025", 2021, 4, "crimes_handled", 10, None),
                      ("90002@pre2025", 2021, 4, "crimes_handled", 2, None),   # Xã B: 2021 only
                      ("90001@pre2025", 2022, 4, "crimes_handled", 11, None)])
    r = one(con, "huyen", 2022, 4, "900@pre2025", "crimes_handled")
    assert (r.numerator, r.previous_numerator) == (11, 10)   # Xã A in both years, not 11 against 12
    assert r.actual == pytest.approx(10.0) and r.status == MET
    assert r.compared == (1, 2)
    add_figures(con, [("90002@pre2025", 2022, 4, "crimes_handled", 2, None)])
    full = one(con, "huyen", 2022, 4, "900@pre2025", "crimes_handled")
    assert (full.numerator, full.previous_numerator, full.compared) == (13, 12, (2, 2))


# --- rule 5: a code in a view is resolved in the plan's own era ------------------------------------------

def test_old_plan_view_takes_old_codes_for_every_year(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]),
                    ("moi-2026", "91@2025", (2026, 2026), [("crimes_handled", "growth", 3, 5)]))
    assert reform.resolve_in_plan(con, "90102", "cu", 2025, 4) == "90102@pre2025"   # Xã D, not Xã Mới Hai
    assert reform.resolve_in_plan(con, "90", "cu", 2025, 4) == "90@pre2025"
    assert reform.resolve_in_plan(con, "901", "cu", 2025, 3) == "901@pre2025"
    assert reform.resolve_in_plan(con, "90102", "moi-2026", 2026, 4) == "90102@2025"
    assert reform.resolve_in_plan(con, "89001", "cu", 2024, 4) == "89001@pre2025"  # outside: the view refuses it


# --- rule 7: a figure that includes the other era says so where its source is shown -----------------------

def test_source_names_the_predecessors_and_the_successors(reform_db):
    con = reform_db(("moi-2025", "90101@2025", (2025, 2025), [("tipoffs_handled", "all", 100)]),
                    ("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    add_figures(con, [("90001@pre2025", 2025, 1, "tipoffs_handled", 3, 3),
                      ("90101@2025", 2025, 3, "tipoffs_handled", 4, 5)])
    ward = one(con, "moi-2025", 2025, 2, "90101@2025", "tipoffs_handled")
    assert tables.source(ward) == "Gồm số liệu của Xã A, Xã B, Xã C trước ngày 01/07/2025"
    district = one(con, "cu", 2025, 4, "900@pre2025", "tipoffs_handled")
    said = tables.source(district)
    assert "gồm số liệu của Phường Mới từ ngày 01/07/2025" in said
    assert "Phường Mới có đơn vị cũ thuộc nhiều địa bàn" in said          # the majority rule, said
    before = one(con, "cu", 2024, 4, "900@pre2025", "tipoffs_handled")
    assert before.across is None and before.across_units == ()
    exported = export_tables.build(con, View("cu", 2025, 4, "900@pre2025"), TODAY).table("chi-tieu")
    assert "trước" not in str(exported.rows) and "Phường Mới từ ngày 01/07/2025" in str(exported.rows)


def test_growth_on_matched_units_says_how_many(reform_db):
    con = reform_db(("huyen", "900@pre2025", (2021, 2022), [("crimes_handled", "growth", 3, 5)]))
    add_figures(con, [("90001@pre2025", 2021, 4, "crimes_handled", 10, None),
                      ("90002@pre2025", 2021, 4, "crimes_handled", 2, None),
                      ("90001@pre2025", 2022, 4, "crimes_handled", 11, None)])
    r = one(con, "huyen", 2022, 4, "900@pre2025", "crimes_handled")
    assert "so sánh trên 1/2 đơn vị có số liệu cả hai năm" in tables.source(r)


# --- rule 8: above a range, a deadline's own year, the period of each year's column -----------------------

def test_above_a_range_says_exceeded_on_pages_exports_and_annex(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("outreach_sessions", "range", 2, 4, {"unit": "buổi"})]))
    add_figures(con, [("90@pre2025", 2024, q, "outreach_sessions", 2, None) for q in (1, 2, 3)])
    r = one(con, "cu", 2024, 4, "90@pre2025", "outreach_sessions")
    assert (r.numerator, r.status, r.exceeded) == (6, MET, True)
    assert "vượt mức" in tables.attainment_table([r]).iloc[0][UI["col_status"]]
    exported = export_tables.build(con, View("cu", 2024, 4, "90@pre2025"), TODAY)
    assert "vượt mức" in exported.table("chi-tieu").rows[0][8].value
    assert "vượt mức" in annex.sentence(r)
    within = one(con, "cu", 2024, 2, "90@pre2025", "outreach_sessions")
    assert "vượt mức" not in tables.attainment_table([within]).iloc[0][UI["col_status"]]


def test_deadline_target_is_labelled_with_its_own_year(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025),
                     [("establishments_inspected_period", "cumulative_by", 100, None, 2025),
                      ("establishments_inspected_period", "cumulative_by", 100)]))
    results = attainment.evaluate(con, "cu", 2023, 4, None, TODAY)
    assert [r.target_year for r in results] == [2025, 2025]   # the plan's end when the target names none
    shown = tables.attainment_table(results)[UI["col_target"]].tolist()
    assert shown == ["100% đến năm 2025", "100% đến năm 2025"]


def test_year_by_year_export_says_which_period_each_year_covers(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    add_figures(con, [("90001@pre2025", y, 1, "tipoffs_handled", 1, 1) for y in (2022, 2023, 2024, 2025)])
    years = export_tables.build(con, View("cu", 2025, 3, "90@pre2025"), TODAY).table("cac-nam")
    assert [label for label, _ in years.groups[1:]] == ["2022 (cả năm)", "2023 (cả năm)", "2024 (cả năm)",
                                                         "2025 (9 tháng)"]


def test_old_province_own_return_stands_after_the_reform(reform_db):
    # "70% cấp tỉnh": the province's own H1 figure is its 2025 figure; new communes do not continue it
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("officials_trained", "at_least", 70, None, None,
                                                         ("province",))]))
    add_figures(con, [("90@pre2025", 2025, 2, "officials_trained", 9, 10),
                      ("90101@2025", 2025, 4, "officials_trained", 3, 12)])
    r = one(con, "cu", 2025, 4, "90@pre2025", "officials_trained")
    assert (r.numerator, r.denominator, r.status) == (9, 10, MET)


def test_every_figure_counted_once_in_each_era_and_corrections_flow_through(reform_db):
    """Whichever era's tree a year is summed over, the country's total is every return once."""
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("crimes_handled", "at_least", 1, {"unit": "vụ"})]),
                    ("cu89", "89@pre2025", (2025, 2025), [("crimes_handled", "at_least", 1, {"unit": "vụ"})]),
                    ("moi", "91@2025", (2025, 2025), [("crimes_handled", "at_least", 1, {"unit": "vụ"})]))
    sent = [("90001@pre2025", 2025, 1, 1), ("90002@pre2025", 2025, 2, 2), ("90003@pre2025", 2025, 1, 4),
            ("90102@pre2025", 2025, 2, 8), ("89001@pre2025", 2025, 1, 16), ("90101@2025", 2025, 3, 32),
            ("90102@2025", 2025, 4, 64), ("91@2025", 2025, 4, 128)]   # the new province's own Q4 return too
    add_figures(con, [(loc, y, q, "crimes_handled", n, None) for loc, y, q, n in sent])
    new = one(con, "moi", 2025, 4, "91@2025", "crimes_handled")
    old = [one(con, p, 2025, 4, loc, "crimes_handled") for p, loc in (("cu", "90@pre2025"), ("cu89", "89@pre2025"))]
    # 1+2+4+8+16 before 1 July, Q3 from its communes (32), Q4 its own return (128, which holds its communes' 64)
    assert new.numerator == 191
    assert sum(r.numerator for r in old) == 127               # the old provinces: every commune's return once
    assert (old[0].numerator, old[1].numerator) == (111, 16)  # Xã Mới Hai counts for Tỉnh Thử Nghiệm (majority)
    add_figures(con, [("90002@pre2025", 2025, 2, "crimes_handled", 5, None)])   # a corrected return
    assert one(con, "moi", 2025, 4, "91@2025", "crimes_handled").numerator == 194


def test_a_new_unit_without_predecessors_has_no_figures_before_the_reform(reform_db):
    con = reform_db(("moi", "91@2025", (2025, 2025), [("crimes_handled", "at_least", 1, {"unit": "vụ"})]))
    add_figures(con, [("90001@pre2025", 2025, 1, "crimes_handled", 3, None)])
    assert reform.members(con, "91@2025").names == ["Tỉnh Khác", "Tỉnh Thử Nghiệm"]
    # three communes merged into Phường Mới: none of them stands for the whole ward (found by the attack)
    assert reform.members(con, "90001@pre2025") is None and reform.members(con, "90002@pre2025") is None
    assert reform.merged_into_many(con, ["90001@pre2025", "90002@pre2025", "900@pre2025"]) == {
        "90001@pre2025": "Phường Mới (mã 90101)", "90002@pre2025": "Phường Mới (mã 90101)"}
    assert reform.resolve_in_plan(con, "zzz", "moi", 2025, 4) is None


# --- split by level across the reform (etl/engine/reform_levels.py) ---------------------------------------------

def test_split_by_level_after_the_reform_counts_the_successors_of_the_areas_communes(reform_db):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [
        ("officials_trained", "at_least", 70, {"levels": ("province",)}),
        ("officials_trained", "at_least", 50, {"levels": ("district", "commune")}),
        ("tipoffs_handled", "all", 100, {"levels": ("commune",)})]))
    add_figures(con, [("90@pre2025", 2025, 2, "officials_trained", 5, 10),
                      ("900@pre2025", 2025, 2, "officials_trained", 2, 4),
                      ("901@pre2025", 2025, 1, "officials_trained", 1, 2),
                      ("90001@pre2025", 2025, 2, "officials_trained", 3, 10),
                      ("90002@pre2025", 2025, 2, "officials_trained", 1, 5),
                      ("90003@pre2025", 2025, 1, "officials_trained", 2, 5),
                      ("90102@pre2025", 2025, 2, "officials_trained", 4, 8),
                      ("89001@pre2025", 2025, 2, "officials_trained", 5, 5),    # Tỉnh Khác's: never in 90
                      ("90101@2025", 2025, 4, "officials_trained", 7, 20),
                      ("90001@pre2025", 2025, 1, "tipoffs_handled", 1, 2),
                      ("89001@pre2025", 2025, 1, "tipoffs_handled", 9, 9),
                      ("90101@2025", 2025, 3, "tipoffs_handled", 3, 3)])

    def split(quarter, indicator="officials_trained", levels=("district", "commune")):
        results = attainment.evaluate(con, "cu", 2025, quarter, "90@pre2025", TODAY)
        return next(r for r in results if r.indicator_code == indicator and r.levels == levels)
    q2 = split(2)
    assert (q2.numerator, q2.denominator) == (13, 34)        # 2/4 + 1/2 + 3/10 + 1/5 + 2/5 + 4/8
    assert q2.across is None and q2.ended_levels == ()
    q4 = split(4)
    # districts stop at Q2 (3/6); Phường Mới 7/20 stands in for Xã A, B, C; Xã D's 4/8 stands (Xã Mới Hai silent)
    assert (q4.numerator, q4.denominator) == (14, 34)
    assert q4.across == "successors" and q4.across_units == ("Phường Mới",)
    assert q4.ended_levels == ("district",) and q4.judged_quarter is None
    add_figures(con, [("90102@2025", 2025, 3, "officials_trained", 2, 9)])   # Xã Mới Hai (counted in 90 by its code)
    q4 = split(4)
    assert (q4.numerator, q4.denominator) == (12, 35)        # 3/6 + 7/20 + 2/9: Xã D gives way
    assert q4.across_units == ("Phường Mới", "Xã Mới Hai")
    text = tables.source(q4)
    assert "Phường Mới, Xã Mới Hai" in text and "Cấp huyện không còn từ ngày 01/07/2025" in text
    # the province level has no successor inside the old province: judged as at Q2, and the page says so
    province = split(4, levels=("province",))
    assert (province.numerator, province.denominator, province.judged_quarter) == (5, 10, 2)
    assert province.expected == pytest.approx(35.0)          # 70% pro-rated to Q2, not the full year's
    assert province.status == "on_track"                     # 50% ≥ 35%: on track as at 30/06, not "not met"
    assert "quý I–II/2025" in tables.source(province)
    assert tables.source(province).startswith("Số liệu của 1/1 đơn vị cấp tỉnh")   # its own level, not "cấp dưới"
    assert tables.source(q4).startswith("Số liệu của ") and "đơn vị cấp huyện, cấp xã" in tables.source(q4)
    # flows add both halves: Xã A's Q1 + Phường Mới's Q3, never Tỉnh Khác's Xã E
    flows = split(4, "tipoffs_handled", ("commune",))
    assert (flows.numerator, flows.denominator) == (4, 5)


def test_split_by_level_of_a_new_area_before_the_reform_counts_its_predecessors(reform_db):
    con = reform_db(("tinh-moi", "91@2025", (2025, 2026), [
        ("officials_trained", "at_least", 50, {"levels": ("commune",)}),
        ("officials_trained", "at_least", 70, {"levels": ("province",)})]))
    add_figures(con, [("90001@pre2025", 2025, 2, "officials_trained", 3, 10),
                      ("89001@pre2025", 2025, 1, "officials_trained", 5, 5),
                      ("90@pre2025", 2025, 2, "officials_trained", 8, 10),
                      ("89@pre2025", 2025, 2, "officials_trained", 1, 10),
                      ("91@2025", 2025, 4, "officials_trained", 15, 20)])
    results = attainment.evaluate(con, "tinh-moi", 2025, 2, "91@2025", TODAY)
    communes, province = sorted(results, key=lambda r: r.levels)
    assert (communes.numerator, communes.denominator, communes.across) == (8, 15, "predecessors")
    assert (province.numerator, province.denominator) == (9, 20)   # the two old provinces' own returns
    later = attainment.evaluate(con, "tinh-moi", 2025, 4, "91@2025", TODAY)
    province = next(r for r in later if r.levels == ("province",))
    assert (province.numerator, province.denominator) == (15, 20)  # the new province's own figure replaces them


# --- Tình hình báo cáo across the reform (etl/engine/completeness.py) -------------------------------------------

def test_completeness_expects_the_successors_after_the_reform_and_the_predecessors_before(reform_db):
    from etl.engine import completeness
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    sent = dt.datetime(2025, 10, 5)
    add_figures(con, [("90001@pre2025", 2025, 1, "tipoffs_handled", 1, 1),
                      ("90101@2025", 2025, 3, "tipoffs_handled", 1, 1)], submitted_at=sent)
    table = completeness.table(con, "90@pre2025", 2025, [1, 2, 3, 4], TODAY)
    by_quarter = {q: sorted((s.unit.name, s.first_sent is not None) for s in table if s.quarter == q)
                  for q in (1, 2, 3, 4)}
    assert by_quarter[1] == [("Huyện Hai", False), ("Huyện Một", True)]
    assert by_quarter[2] == [("Huyện Hai", False), ("Huyện Một", False)]
    # from 1 July: the new communes counted in Tỉnh Thử Nghiệm (Xã Mới Hai holds Xã D's code), each with its own
    assert by_quarter[3] == [("Phường Mới", True), ("Xã Mới Hai", False)]
    assert by_quarter[4] == [("Phường Mới", False), ("Xã Mới Hai", False)]
    assert (completeness.rate(table, 3).sent, completeness.rate(table, 3).expected) == (1, 2)
    shown = tables.completeness_table(table)
    assert list(shown["Đơn vị"]) == ["Huyện Một", "Huyện Hai", "Phường Mới", "Xã Mới Hai"]
    assert list(shown["Quý 3"])[:2] == ["–", "–"] and list(shown["Quý 1"])[2:] == ["–", "–"]
    # a new ward's first half: its predecessors are expected (and each counts its own return only)
    ward = completeness.table(con, "90101@2025", 2025, [2, 3], TODAY)
    assert sorted((s.quarter, s.unit.name, s.first_sent is not None) for s in ward) == [
        (2, "Xã A", False), (2, "Xã B", False), (2, "Xã C", False), (3, "Phường Mới", True)]
    assert [s.own for s in ward if s.quarter == 3] == [True]
    # a new province before the reform: its old provinces, each counting the returns under it
    province = completeness.table(con, "91@2025", 2025, [1], TODAY)
    assert sorted((s.unit.name, s.units_sent) for s in province) == [("Tỉnh Khác", 0), ("Tỉnh Thử Nghiệm", 1)]


# --- returns across the reform: codes of the other era refused, a new unit's first figures checked --------

def _loaded(con, tmp_path, name, rows):
    from etl.intake import loader
    from tests.xlsx_files import bulk
    return loader.load_file(con, bulk(tmp_path / name, rows), "Cán bộ A", today=TODAY)


def test_a_code_of_the_other_era_is_refused_naming_the_code_to_use(reform_db, tmp_path):
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    before = con.execute("SELECT count(*) FROM figures").fetchone()
    report = _loaded(con, tmp_path, "old.xlsx", [("90001", 2025, 3, "tipoffs_handled", 1, 1),
                                                 ("90101", 2025, 2, "tipoffs_handled", 1, 1),
                                                 ("90102", 2025, 3, "tipoffs_handled", 1, 1)])  # reused: Xã Mới Hai
    messages = [str(p) for p in report.problems]
    assert len(messages) == 2
    assert "Mã 90001 là của Xã A" in messages[0] and "quý 3/2025" in messages[0]
    assert "đơn vị kế thừa: Phường Mới (mã 90101)" in messages[0]
    assert "Mã 90101 là của Phường Mới, đơn vị mới có từ ngày 01/07/2025" in messages[1]
    assert "Xã A (mã 90001), Xã B (mã 90002), Xã C (mã 90003)" in messages[1]
    assert all("dòng" in m and "Mã địa bàn" in m for m in messages)          # where: sheet, row, column
    assert con.execute("SELECT count(*) FROM figures").fetchone() == before   # nothing written


@pytest.mark.parametrize("mine, warned", [(40, True), (31, True), (30, False), (3, False), (12, False), (0, True)])
def test_a_new_units_first_figure_far_from_its_predecessors_is_warned_never_refused(reform_db, tmp_path, mine, warned):
    con = reform_db(("moi", "90101@2025", (2025, 2025), [("outreach_sessions", "at_least", 1)]))
    add_figures(con, [("90001@pre2025", 2024, 3, "outreach_sessions", 6, None),   # the same quarter a year before
                      ("90002@pre2025", 2024, 3, "outreach_sessions", 4, None),   # 6 + 4 = 10
                      ("90003@pre2025", 2025, 2, "outreach_sessions", 99, None)])  # later, but not that quarter
    report = _loaded(con, tmp_path, "first.xlsx", [("90101", 2025, 3, "outreach_sessions", mine, None)])
    assert report.problems == []
    said = [w for w in report.warnings if "số liệu đầu tiên sau sắp xếp" in w]
    assert bool(said) == warned
    if warned:
        assert "Phường Mới (mã 90101)" in said[0] and "'Số buổi tuyên truyền'" in said[0]
        assert f"tử số {mine}" in said[0] and "(10, quý 3/2024)" in said[0]
    # the second return of the same indicator is not a first one: no such warning
    again = _loaded(con, tmp_path, "second.xlsx", [("90101", 2025, 4, "outreach_sessions", 500, None)])
    assert not [w for w in again.warnings if "số liệu đầu tiên sau sắp xếp" in w]


def test_without_that_quarter_a_year_before_the_predecessors_latest_quarter_is_used(reform_db, tmp_path):
    con = reform_db(("moi", "90101@2025", (2025, 2025), [("establishments_inspected", "at_least", 25)]))
    add_figures(con, [("90001@pre2025", 2025, 2, "establishments_inspected", 20, 100),
                      ("90003@pre2025", 2025, 1, "establishments_inspected", 5, 100),
                      ("90003@pre2025", 2025, 2, "establishments_inspected", 10, 100)])
    report = _loaded(con, tmp_path, "first.xlsx", [("90101", 2025, 3, "establishments_inspected", 2, 30)])
    said = [w for w in report.warnings if "số liệu đầu tiên sau sắp xếp" in w]
    assert len(said) == 2                                     # 2 vs 30 and 30 vs 200, both at Q2 2025
    assert "(30, quý 2/2025)" in said[0] and "mẫu số 30" in said[1] and "(200, quý 2/2025)" in said[1]
    assert report.problems == [] and con.execute(
        "SELECT count(*) FROM current_figures WHERE locality_id = '90101@2025'").fetchone()[0] == 1


def test_codes_across_the_reform_corpus(reform_db, tmp_path):
    """Every kind of code, before and after 1 July 2025, in one file: each row's message says what it must."""
    con = reform_db(("cu", "90@pre2025", (2022, 2025), [("tipoffs_handled", "all", 100)]))
    cases = [  # code, year, quarter, refused, what the message must hold
        ("90002", 2025, 3, True, "đơn vị kế thừa: Phường Mới (mã 90101)"),     # an old commune after the reform
        ("900", 2025, 4, True, "đơn vị kế thừa: Tỉnh Mới (mã 91)"),            # an old district: no district after
        ("89", 2026, 1, True, "Mã 89 là của Tỉnh Khác"),                        # an old province, a year later
        ("91", 2025, 1, True, "Tỉnh Khác (mã 89), Tỉnh Thử Nghiệm (mã 90)"),    # a new province before it
        ("90101", 2024, 4, True, "Xã A (mã 90001), Xã B (mã 90002), Xã C (mã 90003)"),
        ("90102", 2025, 2, False, ""),                                           # reused: Xã D before, ...
        ("90102", 2025, 3, False, ""),                                           # ... Xã Mới Hai after
        ("77777", 2025, 3, True, "không có trong danh mục"),                     # no unit of any era
    ]
    report = _loaded(con, tmp_path, "codes.xlsx", [(c, y, q, "tipoffs_handled", 1, 1) for c, y, q, *_ in cases])
    by_row = {p.row: str(p) for p in report.problems}
    first_row = min(by_row) - [c[3] for c in cases].index(True)
    for i, (code, year, quarter, refused, said) in enumerate(cases):
        message = by_row.get(first_row + i)
        assert (message is not None) == refused, (code, message)
        if refused:
            assert said in message and f"quý {quarter}/{year}" in message, message
    assert "Mã 77777" not in by_row[first_row + 7]          # no other-era hint for a code of no unit
    assert con.execute("SELECT count(*) FROM returns").fetchone() == (0,)


# --- island districts that became special zones (đặc khu): found by the attack on the reform -------------

ISLAND_TREE = [
    ("80@pre2025", "80", "Tỉnh Biển", "province", "", OLD, "81@2025"),
    ("800@pre2025", "800", "Huyện Đất Liền", "district", "80@pre2025", OLD, "81@2025"),
    ("801@pre2025", "801", "Huyện Đảo", "district", "80@pre2025", OLD, "80201@2025"),  # no communes
    ("80001@pre2025", "80001", "Xã Ven Biển", "commune", "800@pre2025", OLD, "80101@2025"),
    ("81@2025", "81", "Tỉnh Biển Mới", "province", "", NEW, ""),
    ("80101@2025", "80101", "Xã Ven Biển Mới", "commune", "81@2025", NEW, ""),
    ("80201@2025", "80201", "Đặc khu Đảo", "commune", "81@2025", NEW, ""),
]


def test_an_island_district_without_communes_is_continued_by_its_special_zone(tmp_path):
    from etl.engine import completeness
    con = db.connect(tmp_path / "island.duckdb")
    try:
        localities.load(con, write_reform_tree(tmp_path / "tree.csv", ISLAND_TREE))
        catalog.load(con, catalog.read_indicators(), [
            Plan(pid, pid, issuer, "UBND", y0, y1, None, None, None,
                 [target(1, "tipoffs_handled", "all", 100, plan_id=pid)])
            for pid, issuer, (y0, y1) in [("cu", "80@pre2025", (2024, 2025)), ("moi", "81@2025", (2025, 2026))]])
        add_figures(con, [("80001@pre2025", 2025, 1, "tipoffs_handled", 1, 1),
                          ("801@pre2025", 2025, 1, "tipoffs_handled", 2, 2),     # the island district's own return
                          ("80201@2025", 2025, 3, "tipoffs_handled", 3, 4),      # its special zone's, after 1 July
                          ("80101@2025", 2025, 3, "tipoffs_handled", 1, 1)], submitted_at=dt.datetime(2025, 10, 5))
        province = one(con, "cu", 2025, 4, "80@pre2025", "tipoffs_handled")
        assert (province.numerator, province.denominator) == (7, 8)       # 1+2 before, 3+1 after (was 4/4)
        island = one(con, "cu", 2025, 4, "801@pre2025", "tipoffs_handled")
        assert (island.numerator, island.denominator) == (5, 6) and island.across == "successors"
        zone = one(con, "moi", 2025, 2, "80201@2025", "tipoffs_handled")
        assert (zone.numerator, zone.denominator) == (2, 2) and zone.across == "predecessors"
        table = completeness.table(con, "80@pre2025", 2025, [3], TODAY)
        assert {s.unit.name for s in table} >= {"Đặc khu Đảo", "Xã Ven Biển Mới"}
    finally:
        con.close()
