"""One test per target shape of DOMAIN.md, numbers worked by hand (pure rules, no database)."""
from etl.engine.attainment import BEHIND, MET, NO_DATA, NOT_MET, ON_TRACK, TargetRule, accumulates, judge
from etl.engine.figures import Figure
from etl.model.indicators import Indicator


def rule(kind: str, numerator_agg: str, denominator_agg: str | None = None) -> Indicator:
    return Indicator("x", "Chỉ số x", kind, numerator_agg, denominator_agg)


YEAR_SHARE = rule("share", "last", "last")      # year-to-date over a stock: accumulates
FLOW_RATE = rule("share", "sum", "sum")          # handled / received: judged at full value
FLOW_COUNT = rule("count", "sum")
STOCK_COUNT = rule("count", "last")
QUALITATIVE = rule("qualitative", "last", "last")
ONE_YEAR = (2023, 2023)


def test_at_least_share_met_at_exactly_the_target():
    # 37 of 148 establishments = 25,0% against "ít nhất 25%"
    j = judge(TargetRule("at_least", 25), YEAR_SHARE, Figure(37, 148), 2023, 4, ONE_YEAR)
    assert j.actual == 25.0 and j.status == MET


def test_at_least_share_not_met_when_year_closed():
    # 36 / 148 = 24,3% < 25% at Q4
    j = judge(TargetRule("at_least", 25), YEAR_SHARE, Figure(36, 148), 2023, 4, ONE_YEAR)
    assert j.status == NOT_MET
    assert round(j.actual, 1) == 24.3


def test_at_least_share_is_pro_rated_mid_year():
    # Q2: 25%/year -> 12,5% by the end of Q2. 19/148 = 12,8% is on track; 18/148 = 12,2% is behind.
    on = judge(TargetRule("at_least", 25), YEAR_SHARE, Figure(19, 148), 2023, 2, ONE_YEAR)
    off = judge(TargetRule("at_least", 25), YEAR_SHARE, Figure(18, 148), 2023, 2, ONE_YEAR)
    assert on.expected == 12.5 and on.status == ON_TRACK
    assert off.status == BEHIND


def test_all_100_percent_rate_of_flows_is_not_pro_rated():
    # 11 of 12 tip-offs handled in Q1: a rate of two flows is judged at 100% every quarter.
    j = judge(TargetRule("all", 100), FLOW_RATE, Figure(11, 12), 2023, 1, ONE_YEAR)
    assert j.status == BEHIND and j.expected == 100.0
    assert judge(TargetRule("all", 100), FLOW_RATE, Figure(12, 12), 2023, 1, ONE_YEAR).status == MET


def test_all_with_nothing_received_counts_as_done():
    j = judge(TargetRule("all", 100), FLOW_RATE, Figure(0, 0), 2023, 4, ONE_YEAR)
    assert j.status == MET and j.actual is None


def test_n_of_n_units():
    # "10/10 khu phố": 10 met, 9 not met at year end, 5 by Q2 is on pace (10 x 2/4 = 5)
    assert judge(TargetRule("n_of_n", 10), YEAR_SHARE, Figure(10, 10), 2023, 4, ONE_YEAR).status == MET
    nine = judge(TargetRule("n_of_n", 10), YEAR_SHARE, Figure(9, 10), 2023, 4, ONE_YEAR)
    assert nine.status == NOT_MET and nine.actual == 9
    assert judge(TargetRule("n_of_n", 10), YEAR_SHARE, Figure(5, 10), 2023, 2, ONE_YEAR).status == ON_TRACK


def test_at_most_none_judged_at_full_value_every_quarter():
    # "không phát sinh điểm, tụ điểm": 0 met; 1 in Q1 is already behind (not pro-rated); 1 at Q4 not met
    assert judge(TargetRule("at_most", 0), FLOW_COUNT, Figure(0, None), 2023, 1, ONE_YEAR).status == MET
    assert judge(TargetRule("at_most", 0), FLOW_COUNT, Figure(1, None), 2023, 1, ONE_YEAR).status == BEHIND
    assert judge(TargetRule("at_most", 0), FLOW_COUNT, Figure(1, None), 2023, 4, ONE_YEAR).status == NOT_MET


def test_count_range_low_end_met_and_above_high_is_exceeded():
    # "từ 02 đến 04 buổi": 3 met; 5 met and exceeded; 1 at Q4 not met; 1 at Q2 on pace (2 x 2/4 = 1)
    three = judge(TargetRule("range", 2, 4), FLOW_COUNT, Figure(3, None), 2023, 4, ONE_YEAR)
    five = judge(TargetRule("range", 2, 4), FLOW_COUNT, Figure(5, None), 2023, 4, ONE_YEAR)
    assert three.status == MET and not three.exceeded
    assert five.status == MET and five.exceeded
    assert judge(TargetRule("range", 2, 4), FLOW_COUNT, Figure(1, None), 2023, 4, ONE_YEAR).status == NOT_MET
    assert judge(TargetRule("range", 2, 4), FLOW_COUNT, Figure(1, None), 2023, 2, ONE_YEAR).status == ON_TRACK


def test_yearly_growth_against_last_year():
    # "tăng 3 - 5%": 103 vs 100 = +3% met; 102 vs 100 = +2% not met; 106 = +6% met and exceeded
    rule = TargetRule("growth", 3, 5)
    met = judge(rule, FLOW_COUNT, Figure(103, None), 2023, 4, ONE_YEAR, previous=Figure(100, None))
    assert met.status == MET and met.actual == 3.0
    low = judge(rule, FLOW_COUNT, Figure(102, None), 2023, 4, ONE_YEAR, previous=Figure(100, None))
    assert low.status == NOT_MET
    high = judge(rule, FLOW_COUNT, Figure(106, None), 2023, 4, ONE_YEAR, previous=Figure(100, None))
    assert high.status == MET and high.exceeded
    assert judge(rule, FLOW_COUNT, Figure(106, None), 2023, 4, ONE_YEAR, previous=None).status == NO_DATA


def test_no_decrease_keeps_last_years_value():
    # "giữ vững số xã lành mạnh": 12 vs 12 met, 11 vs 12 not met, expected shows last year's 12
    rule = TargetRule("no_decrease", None)
    same = judge(rule, STOCK_COUNT, Figure(12, None), 2023, 4, ONE_YEAR, previous=Figure(12, None))
    assert same.status == MET and same.expected == 12
    assert judge(rule, STOCK_COUNT, Figure(11, None), 2023, 4, ONE_YEAR, previous=Figure(12, None)).status == NOT_MET
    assert judge(rule, STOCK_COUNT, Figure(11, None), 2023, 2, ONE_YEAR, previous=Figure(12, None)).status == BEHIND


def test_cumulative_by_deadline_is_paced_over_the_whole_period():
    # "đến năm 2025, 100% ... ít nhất một lần", plan 2022-2025 = 16 quarters.
    rule = TargetRule("cumulative_by", 100, year=2025)
    period = (2022, 2025)
    # end of 2023 = 8/16 quarters -> 50% expected: 120/200 = 60% on track, 90/200 = 45% behind
    on = judge(rule, YEAR_SHARE, Figure(120, 200), 2023, 4, period)
    assert on.expected == 50.0 and on.status == ON_TRACK
    assert judge(rule, YEAR_SHARE, Figure(90, 200), 2023, 4, period).status == BEHIND
    # at the deadline: 200/200 met, 199/200 not met
    assert judge(rule, YEAR_SHARE, Figure(200, 200), 2025, 4, period).status == MET
    assert judge(rule, YEAR_SHARE, Figure(199, 200), 2025, 4, period).status == NOT_MET


def test_split_by_level_is_two_ordinary_targets():
    # "70% cấp tỉnh và 50% cấp huyện, cấp xã": 60% meets the lower-level target but not the provincial one
    figure = Figure(60, 100)
    assert judge(TargetRule("at_least", 70), YEAR_SHARE, figure, 2023, 4, ONE_YEAR).status == NOT_MET
    assert judge(TargetRule("at_least", 50), YEAR_SHARE, figure, 2023, 4, ONE_YEAR).status == MET


def test_qualitative_done_or_not_done():
    rule = TargetRule("qualitative", 100)
    assert judge(rule, QUALITATIVE, Figure(1, 1), 2023, 2, ONE_YEAR).status == MET
    assert judge(rule, QUALITATIVE, Figure(0, 1), 2023, 2, ONE_YEAR).status == BEHIND
    assert judge(rule, QUALITATIVE, Figure(0, 1), 2023, 4, ONE_YEAR).status == NOT_MET
    # rolled up over units: 7 of 10 units done is not "done"
    assert judge(rule, QUALITATIVE, Figure(7, 10), 2023, 4, ONE_YEAR).status == NOT_MET


def test_no_figure_is_no_data():
    assert judge(TargetRule("at_least", 25), YEAR_SHARE, None, 2023, 4, ONE_YEAR).status == NO_DATA


def test_which_indicators_accumulate():
    assert accumulates(YEAR_SHARE) and accumulates(FLOW_COUNT)
    assert not accumulates(FLOW_RATE) and not accumulates(STOCK_COUNT)
