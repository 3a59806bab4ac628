"""The engine against a real DuckDB: roll-up over localities, aggregation over quarters, levels."""
import pytest

from etl.engine import attainment
from etl.engine.attainment import MET, NO_DATA, NOT_MET, ON_TRACK
from tests.conftest import add_figures, target


def by_indicator(results):
    return {r.indicator_code: r for r in results}


def test_rollup_sums_numerators_and_denominators_never_averages(make_db):
    # District Huyện Một: Xã A 3/10, Xã B 45/50 -> 48/60 = 80%, not (30% + 90%) / 2 = 60%
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10),
                      ("90002@pre2025", 2023, 4, "establishments_inspected", 45, 50)])
    r = attainment.evaluate(con, "test-plan", 2023, 4, "900@pre2025")[0]
    assert (r.numerator, r.denominator) == (48, 60)
    assert r.actual == pytest.approx(80.0)
    assert (r.children_reported, r.children_total) == (2, 2)
    assert r.own_return is False


def test_rollup_counts_children_that_reported(make_db):
    # Province: Huyện Một's communes reported, Huyện Hai's did not -> 1/2 districts reported
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10),
                      ("90002@pre2025", 2023, 4, "establishments_inspected", 45, 50)])
    r = attainment.evaluate(con, "test-plan", 2023, 4)[0]
    assert (r.numerator, r.denominator, r.children_reported, r.children_total) == (48, 60, 1, 2)


def test_own_return_is_the_localitys_figure(make_db):
    # Huyện Một reports 20/55 itself: that is its figure, its communes' 3/10 + 45/50 are not added
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10),
                      ("90002@pre2025", 2023, 4, "establishments_inspected", 45, 50),
                      ("900@pre2025", 2023, 4, "establishments_inspected", 20, 55)])
    district = attainment.evaluate(con, "test-plan", 2023, 4, "900@pre2025")[0]
    assert (district.numerator, district.denominator, district.own_return) == (20, 55, True)
    # and the province, with no return of its own, takes the district's own figure plus Huyện Hai's
    add_figures(con, [("90003@pre2025", 2023, 4, "establishments_inspected", 5, 5)])
    province = attainment.evaluate(con, "test-plan", 2023, 4)[0]
    assert (province.numerator, province.denominator) == (25, 60)


def test_sum_indicator_year_is_the_sum_of_its_quarters(make_db):
    con = make_db([target(1, "tipoffs_handled", "all", 100), target(2, "outreach_sessions", "range", 2, 4, unit="buổi")])
    add_figures(con, [("90001@pre2025", 2023, q, "tipoffs_handled", n, d) for q, n, d in
                      [(1, 2, 2), (2, 3, 4), (3, 1, 1), (4, 5, 5)]]
                + [("90001@pre2025", 2023, q, "outreach_sessions", 1, None) for q in (1, 3)])
    results = by_indicator(attainment.evaluate(con, "test-plan", 2023, 4, "90001@pre2025"))
    assert (results["tipoffs_handled"].numerator, results["tipoffs_handled"].denominator) == (11, 12)
    assert results["outreach_sessions"].numerator == 2
    assert results["outreach_sessions"].status == MET
    # up to Q2 only: 5/6 tip-offs, 1 session
    h1 = by_indicator(attainment.evaluate(con, "test-plan", 2023, 2, "90001@pre2025"))
    assert (h1["tipoffs_handled"].numerator, h1["tipoffs_handled"].denominator) == (5, 6)
    assert h1["outreach_sessions"].numerator == 1


def test_last_indicator_year_is_the_latest_quarter_and_a_missing_quarter_does_not_zero_it(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 1, "establishments_inspected", 4, 40),
                      ("90001@pre2025", 2023, 3, "establishments_inspected", 12, 41)])
    year = attainment.evaluate(con, "test-plan", 2023, 4, "90001@pre2025")[0]
    assert (year.numerator, year.denominator) == (12, 41)  # Q4 missing: Q3 is the latest
    h1 = attainment.evaluate(con, "test-plan", 2023, 2, "90001@pre2025")[0]
    assert (h1.numerator, h1.denominator) == (4, 40)  # Q2 missing: Q1 stands, not zero


def test_rate_of_flows_is_not_pro_rated_while_accumulating_share_is(make_db):
    con = make_db([target(1, "tipoffs_handled", "all", 100), target(2, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 2, "tipoffs_handled", 9, 10),
                      ("90001@pre2025", 2023, 2, "establishments_inspected", 13, 100)])
    results = by_indicator(attainment.evaluate(con, "test-plan", 2023, 2, "90001@pre2025"))
    assert results["tipoffs_handled"].expected == 100.0 and results["tipoffs_handled"].status == "behind"
    assert results["establishments_inspected"].expected == 12.5
    assert results["establishments_inspected"].status == ON_TRACK


def test_corrected_return_replaces_the_earlier_version(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 4, 10)])
    r = attainment.evaluate(con, "test-plan", 2023, 4, "90001@pre2025")[0]
    assert r.numerator == 4
    assert con.execute("SELECT count(*) FROM returns").fetchall()[0][0] == 2  # the old version is kept


def test_growth_compares_with_the_same_period_last_year(make_db):
    con = make_db([target(1, "crimes_handled", "growth", 3, 5)], years=(2023, 2023))
    add_figures(con, [("90001@pre2025", 2022, q, "crimes_handled", 25, None) for q in (1, 2, 3, 4)]
                + [("90001@pre2025", 2023, q, "crimes_handled", 26, None) for q in (1, 2, 3)]
                + [("90001@pre2025", 2023, 4, "crimes_handled", 25, None)])
    year = attainment.evaluate(con, "test-plan", 2023, 4)[0]
    assert (year.numerator, year.previous_numerator) == (103, 100)
    assert year.actual == pytest.approx(3.0) and year.status == MET
    h1 = attainment.evaluate(con, "test-plan", 2023, 2)[0]
    assert (h1.numerator, h1.previous_numerator) == (52, 50)
    assert h1.actual == pytest.approx(4.0) and h1.status == ON_TRACK


def test_no_decrease_compares_with_last_years_closing_figure(make_db):
    con = make_db([target(1, "healthy_communes", "no_decrease", unit="xã")])
    add_figures(con, [("90001@pre2025", 2022, 4, "healthy_communes", 1, None),
                      ("90002@pre2025", 2022, 4, "healthy_communes", 1, None),
                      ("90001@pre2025", 2023, 4, "healthy_communes", 1, None),
                      ("90002@pre2025", 2023, 4, "healthy_communes", 0, None)])
    r = attainment.evaluate(con, "test-plan", 2023, 4)[0]
    assert (r.numerator, r.target_value, r.status) == (1, 2.0, NOT_MET)


def test_split_by_level_sums_own_returns_of_units_at_those_levels(make_db):
    con = make_db([target(1, "officials_trained", "at_least", 70, levels=("province",)),
                   target(2, "officials_trained", "at_least", 50, levels=("district", "commune"))])
    add_figures(con, [("90@pre2025", 2023, 4, "officials_trained", 8, 10),
                      ("900@pre2025", 2023, 4, "officials_trained", 3, 6),
                      ("90001@pre2025", 2023, 4, "officials_trained", 1, 4),
                      ("90003@pre2025", 2023, 4, "officials_trained", 2, 2)])
    province, lower = attainment.evaluate(con, "test-plan", 2023, 4)
    assert (province.numerator, province.denominator, province.status) == (8, 10, MET)
    assert (lower.numerator, lower.denominator) == (6, 12)  # 3/6 + 1/4 + 2/2, the province's 8/10 not in it
    assert (lower.children_reported, lower.children_total) == (3, 5)  # 2 districts + 3 communes
    assert lower.status == MET


def test_target_without_figures_is_no_data(make_db):
    con = make_db([target(1, "students_reached", "at_least", 20)])
    r = attainment.evaluate(con, "test-plan", 2023, 4)[0]
    assert r.status == NO_DATA and r.numerator is None


def test_year_outside_the_plan_is_refused(make_db):
    con = make_db([target(1, "students_reached", "at_least", 20)])
    with pytest.raises(attainment.YearOutsidePlan):
        attainment.evaluate(con, "test-plan", 2030, 4)
    with pytest.raises(attainment.PlanNotFound):
        attainment.evaluate(con, "no-such-plan", 2023, 4)


def test_a_q4_view_before_the_year_ends_is_not_yet_judged_as_not_met(make_db):
    import datetime as dt
    con = make_db([target(1, "establishments_inspected", "at_least", 25)], years=(2026, 2026))
    add_figures(con, [("90001@pre2025", 2026, 4, "establishments_inspected", 20, 100)])
    during = attainment.evaluate(con, "test-plan", 2026, 4, "90001@pre2025", today=dt.date(2026, 11, 23))[0]
    after = attainment.evaluate(con, "test-plan", 2026, 4, "90001@pre2025", today=dt.date(2027, 1, 5))[0]
    assert during.status == "behind" and after.status == NOT_MET
