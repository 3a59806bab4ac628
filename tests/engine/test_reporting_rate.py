"""One reporting-rate definition (issue 16): Tổng quan, Địa bàn and Tình hình báo cáo count the same units
for the same unit and quarter, and say what the denominator counts."""
import datetime as dt
import random

import pytest

from etl.engine import completeness, queries
from etl.reports import tables
from tests.conftest import add_figures, target

TODAY = dt.date(2024, 6, 30)
COMMUNES = {"900@pre2025": ["90001@pre2025", "90002@pre2025"], "901@pre2025": ["90003@pre2025"]}


@pytest.fixture
def con(make_db):
    return make_db([target(1, "outreach_sessions", "at_least", 2, unit="buổi")])


def _sent(con, units, quarter=1):
    add_figures(con, [(u, 2023, quarter, "outreach_sessions", 3, None) for u in units],
                submitted_at=dt.datetime(2023, 3 * quarter + 1, 5, 9))


def test_a_district_that_also_sends_its_own_return_is_not_counted_in_its_rate(con):
    _sent(con, ["900@pre2025", "90001@pre2025"])              # the district's own return and one commune
    subs = completeness.table(con, "900@pre2025", 2023, [1], TODAY)
    share = completeness.rate(subs, 1)
    assert (share.sent, share.expected, share.late) == (1, 2, 0)
    assert str(share) == "1/2" and share.percent == 50
    assert "2 đơn vị trực thuộc (xã)" in share.basis and "Huyện Một" in share.basis and "không tính" in share.basis
    assert "**1/2**" in tables.completeness_summary(subs, 1)   # the completeness page says the same 1/2


def test_a_unit_without_units_below_counts_itself(con):
    subs = completeness.table(con, "90003@pre2025", 2023, [1], TODAY)
    share = completeness.rate(subs, 1)
    assert (share.sent, share.expected) == (0, 1) and "Xã C" in share.basis and "chính đơn vị" in share.basis
    _sent(con, ["90003@pre2025"])
    assert completeness.rate(completeness.table(con, "90003@pre2025", 2023, [1], TODAY), 1).sent == 1


def test_a_late_return_counts_as_sent_and_as_late(con):
    add_figures(con, [("90002@pre2025", 2023, 1, "outreach_sessions", 1, None)],
                submitted_at=dt.datetime(2023, 5, 20, 9))
    share = completeness.rate(completeness.table(con, "900@pre2025", 2023, [1], TODAY), 1)
    assert (share.sent, share.late, share.missing) == (1, 1, 1)


def test_no_units_expected_is_no_rate_not_a_division_by_zero():
    share = completeness.rate([], 1)
    assert (share.sent, share.expected, share.percent) == (0, 0, None) and share.basis


@pytest.mark.parametrize("seed", range(6))
def test_every_page_reads_the_same_rate_for_any_mix_of_returns(con, seed):
    """Random mixes of own and children's returns: the overview's tile, the locality page's line and the
    completeness page's summary give the same numbers, and never count the area's own return."""
    rng = random.Random(seed)
    units = ["90@pre2025", "900@pre2025", "901@pre2025", *COMMUNES["900@pre2025"], *COMMUNES["901@pre2025"]]
    chosen = [u for u in units if rng.random() < 0.5]
    if chosen:
        _sent(con, chosen)
    view = queries.View("test-plan", 2023, 1, "90@pre2025")
    overview = queries.overview(con, view, TODAY).reported
    locality = queries.locality(con, view, "90@pre2025", TODAY).reported
    page = completeness.rate(queries.completeness(con, view, TODAY), 1)
    assert overview == locality == page
    districts = [d for d in COMMUNES if d in chosen or any(c in chosen for c in COMMUNES[d])]
    assert (page.sent, page.expected) == (len(districts), 2)
    assert f"**{page.sent}/2**" in tables.completeness_summary(queries.completeness(con, view, TODAY), 1)


def test_the_completeness_table_has_one_column_per_quarter_and_says_versions_only_when_several(con):
    _sent(con, ["90001@pre2025"])
    _sent(con, ["90001@pre2025"])                                            # a corrected return: version 2
    _sent(con, ["90002@pre2025"], quarter=2)
    table = tables.completeness_table(completeness.table(con, "900@pre2025", 2023, [1, 2], TODAY))
    assert list(table.columns) == ["Đơn vị", "Quý 1", "Quý 2"]
    assert table["Quý 1"].iloc[0].endswith("· 2 lần gửi") and "lần gửi" not in table["Quý 2"].iloc[1]
