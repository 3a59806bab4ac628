"""Chart builders are plain functions: checked here without Streamlit."""
from dashboard import charts
from etl.engine.results import TargetResult


def result(n, status, comparator="at_least", unit="%", name="Cơ sở được kiểm tra", actual=None, levels=None,
           numerator=37, denominator=148, expected=12.5, year=2026, quarter=2, target=25.0):
    return TargetResult("p", f"p#{n:02d}", "x@2025", "x", "ind", name, levels, "", year, quarter, comparator, target,
                        None, unit, numerator, denominator, actual, expected, status, False, None, False, 2, 3, None,
                        "điều khoản")


def test_heatmap_colours_each_cell_by_status_and_writes_icon_and_value():
    grid = [[result(1, "met", actual=30.0), result(2, "no_data", numerator=None)],
            [result(1, "behind", actual=10.0), result(2, "met", comparator="range", unit="buổi", actual=3)]]
    fig = charts.status_heatmap(["Xã A", "Xã B"], grid, "Tiêu đề")
    cells = fig.data[0]
    assert list(fig.layout.xaxis.ticktext) == ["1. Cơ sở được kiểm<br>tra", "2. Cơ sở được kiểm<br>tra"]
    assert list(cells.x) == list(fig.layout.xaxis.tickvals) == ["1. Cơ sở được kiểm tra", "2. Cơ sở được kiểm tra"]
    assert list(cells.y) == ["Xã A", "Xã B"]
    assert [list(row) for row in cells.text] == [["✔ 30,0%", ""], ["⚠ 10,0%", "✔ 3"]]
    assert cells.z[0][1] is None and cells.hoverongaps is False   # no figure: no cell, not a grey one
    scale = dict((round(stop, 2), colour) for stop, colour in cells.colorscale)
    z = cells.z[1][0]    # behind
    assert scale[round((charts.STATUS_ORDER.index("behind")) / 5, 2)] == charts.STATUS_COLOUR["behind"]
    assert charts.STATUS_ORDER.index("behind") < z < charts.STATUS_ORDER.index("behind") + 1
    assert fig.layout.title.text == "Tiêu đề"


def test_bullet_sets_actual_against_target_and_pace():
    fig = charts.bullet(result(1, "behind", actual=10.0))
    band, actual, target, pace = fig.data
    assert list(actual.x) == [10.0] and actual.marker.color == charts.STATUS_COLOUR["behind"]
    assert list(target.x) == [25.0] and list(pace.x) == [12.5]
    assert list(fig.layout.xaxis.range) == [0, 104] and list(fig.layout.xaxis.ticktext)[-1] == "100%"
    assert fig.layout.xaxis.title.text == "Tỷ lệ (%)"
    counts = charts.bullet(result(2, "met", comparator="range", unit="buổi", actual=6, numerator=6, denominator=None,
                                  expected=1))
    assert counts.layout.xaxis.range[1] >= 6 and counts.layout.xaxis.title.text == "Số lượng (buổi)"


def test_ranked_bars_keep_the_given_order_and_draw_the_target_line():
    rows = [result(1, "met", actual=90.0), result(1, "behind", actual=30.0)]
    fig = charts.ranked_bars(["Xã B", "Xã A"], rows, "Xếp hạng")
    assert list(fig.data[0].y) == ["Xã B", "Xã A"] and list(fig.data[0].x) == [90.0, 30.0]
    assert list(fig.data[0].text) == ["✔ 90,0%", "⚠ 30,0%"]
    assert fig.layout.shapes[0].x0 == 25.0
    assert "37/148" in fig.data[0].customdata[0][0]


def test_trend_lines_last_year_this_year_and_the_pace():
    this = [result(1, "behind", actual=5.0, quarter=1, expected=6.25), result(1, "on_track", actual=13.0, expected=12.5)]
    last = [result(1, "met", actual=a, quarter=q, year=2025, expected=6.25 * q) for q, a in enumerate([4, 9, 20, 26], 1)]
    fig = charts.trend_lines(this, last, 2026, "Xu hướng")
    last_line, this_line, pace = fig.data
    assert last_line.name == "Năm 2025" and list(last_line.y) == [4, 9, 20, 26]
    assert this_line.name == "Năm 2026" and list(this_line.x) == ["Quý 1", "Quý 2"]
    assert list(pace.y) == [6.25, 12.5]
    assert fig.layout.yaxis.ticksuffix == "%"


def test_long_titles_are_wrapped():
    title = "Một tiêu đề rất dài " * 10
    assert all(len(line) <= 90 for line in charts.wrap(title).split("<br>"))
    assert charts.wrap(title).replace("<br>", " ") == " ".join(title.split())


def test_heatmap_headers_are_short_wrapped_names_as_text_and_distinct():
    long = "Tỷ lệ cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm được kiểm tra, <b>xử lý</b> & nhắc nhở"
    row = [result(1, "met", name=long, actual=30.0), result(2, "met", name=long, actual=40.0, levels=("district",)),
           result(12, "met", name="Ngắn", actual=1.0)]
    fig = charts.status_heatmap(["Xã A"], [row], "T")
    x = list(fig.layout.xaxis.ticktext)
    assert len(set(x)) == 3 and x[2] == "12. Ngắn"
    assert all(len(line) <= 20 for label in x for line in label.split("<br>"))
    assert all(len(label.replace("<br>", " ")) <= 4 * 18 + 2 for label in x) and x[0].endswith("…")
    assert "<b>" not in "".join(x)
    assert fig.layout.xaxis.tickangle == 0


def test_many_heatmap_columns_get_narrower_headers_that_stay_distinct():
    long = "Tỷ lệ cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm được kiểm tra"
    row = [result(n, "met", name=long, actual=30.0) for n in range(1, 15)]
    x = list(charts.status_heatmap(["Xã A"], [row], "T").layout.xaxis.ticktext)
    assert len(set(x)) == 14
    assert all(len(line) <= 10 for label in x for line in label.split("<br>") if " " in line)
    assert all(label.count("<br>") <= 4 for label in x)


def test_heatmap_hover_names_the_target_in_full_once_per_column_not_per_cell():
    """Issue 18: the national heatmap (63 provinces) sent each cell its target's full name (548 kB)."""
    long = "Tỷ lệ cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm được kiểm tra, xử lý & nhắc nhở"
    grid = [[result(1, "behind", name=long, actual=10.0), result(2, "met", actual=30.0)] for _ in range(63)]
    fig = charts.status_heatmap([f"Tỉnh {n}" for n in range(63)], grid, "T")
    cells = fig.data[0]
    assert cells.x[0] == f"1. {long}".replace("&", "&amp;") and cells.x[0] not in fig.layout.xaxis.ticktext
    hover = (cells.hovertemplate.replace("%{y}", cells.y[5]).replace("%{x}", cells.x[0])
             .replace("%{customdata[0]}", cells.customdata[5][0][0]).replace("%{text}", cells.text[5][0])
             .replace("%{customdata[1]}", cells.customdata[5][0][1]))
    assert hover.startswith(f"Tỉnh 5<br>1. {long.replace('&', '&amp;')}<br>Chậm tiến độ: ⚠ 10,0% (37/148)")
    as_json = fig.to_json()
    assert as_json.count("nhắc nhở") == 2  # the trace's column and the axis' tick value
    assert len(as_json.encode()) < 60_000


def test_an_extra_indicator_of_one_unit_leaves_the_others_blank_not_grey():
    grid = [[result(1, "met", actual=30.0), result(2, "met", actual=50.0)],
            [result(1, "behind", actual=10.0), result(2, "no_data", numerator=None, denominator=None)],
            [result(1, "met", actual=30.0), result(2, "not_met", numerator=None, denominator=None)]]
    cells = charts.status_heatmap(["A", "B", "C"], grid, "T").data[0]
    assert [row[1] for row in cells.z] == [charts.STATUS_ORDER.index("met") + 0.5, None, None]
    assert [row[1] for row in cells.text] == ["✔ 50,0%", "", ""]


def test_results_are_written_once():
    count = result(1, "met", comparator="at_least", unit="buổi", actual=3, numerator=3, denominator=None)
    zero = result(2, "not_met", comparator="at_least", unit="buổi", actual=0, numerator=0, denominator=None)
    share = result(3, "met", actual=25.0)
    assert charts.result_detail(count) == "" and charts.result_detail(zero) == ""
    assert charts.result_detail(share) == " (37/148)"


def masked(n, status="met", secondary=()):
    import dataclasses
    return dataclasses.replace(result(n, status, numerator=None, denominator=None, actual=None), suppressed=True,
                               secondary=secondary)


def test_ranking_puts_masked_units_in_their_own_group_written_never_a_zero_bar():
    rows = [result(1, "met", actual=90.0), masked(1, "met"), result(1, "behind", actual=30.0),
            masked(1, "no_data", secondary=("numerator",))]
    fig = charts.ranked_bars(["Xã B", "Xã C", "Xã A", "Xã D"], rows, "Xếp hạng")
    bars, marks = fig.data
    assert list(bars.y) == ["Xã B", "Xã A"] and list(bars.x) == [90.0, 30.0]      # no bar for C and D
    assert list(marks.y) == ["Xã C", "Xã D"] and marks.mode == "text"
    assert [t.split(" ")[0] for t in marks.text] == ["&lt;5", "ẩn"] and "✔" not in "".join(marks.text)
    assert list(fig.layout.yaxis.categoryarray) == ["Xã B", "Xã A", "Xã C", "Xã D"]
    assert fig.layout.shapes[0].y0 == 1.5                                          # the rule between the groups
    assert any("không phải 0" in a.text for a in fig.layout.annotations)


def test_count_axes_are_whole_numbers_and_a_range_is_a_band():
    sessions = result(1, "behind", comparator="range", unit="buổi", actual=1, numerator=1, denominator=None,
                      expected=1.5, target=2.0)
    sessions = __import__("dataclasses").replace(sessions, target_value_high=4.0)
    bullet = charts.bullet(sessions)
    assert bullet.layout.xaxis.dtick == 1 and bullet.layout.xaxis.tickformat == ",d"
    band = bullet.layout.shapes[0]
    assert (band.x0, band.x1) == (2.0, 4.0)                                        # from 2 to 4, not a tick at 2
    assert all(t.name != "Chỉ tiêu" for t in bullet.data)
    ranking = charts.ranked_bars(["A", "B"], [sessions, sessions], "R")
    assert (ranking.layout.shapes[0].x0, ranking.layout.shapes[0].x1) == (2.0, 4.0)
    assert ranking.layout.xaxis.dtick == 1
    years = charts.years_bars([sessions], "Y")
    band = next(t for t in years.data if t.name == "Khoảng chỉ tiêu")
    assert list(band.base) == [2.0] and list(band.y) == [2.0]
    assert years.layout.yaxis.tickformat == ",d"


def test_a_count_pace_is_a_whole_number():
    from etl.reports import format as fmt
    r = result(1, "behind", comparator="at_least", unit="buổi", actual=1, numerator=1, denominator=None,
               expected=1.5, target=3.0)
    assert fmt.whole_pace(r) == 2 and fmt.expected_text(r) == "≥ 2 buổi"
    pace = next(t for t in charts.bullet(r).data if t.name == "Mức cần đạt đến kỳ này")
    assert list(pace.x) == [2.0]
    at_most = result(1, "behind", comparator="at_most", unit="điểm", actual=1, numerator=1, denominator=None,
                     expected=1.5, target=3.0)
    assert fmt.whole_pace(at_most) == 1
    assert fmt.whole_pace(result(1, "met", expected=12.5)) == 12.5                # shares keep their decimals


# --- Figures are written as dicts in Plotly's validated form (issue 18: validation cost ~9 ms a chart) ---

import dataclasses  # noqa: E402
import json  # noqa: E402

import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

COMPARATORS = ["at_least", "all", "n_of_n", "at_most", "range", "growth", "no_decrease", "cumulative_by"]
numbers = st.one_of(st.none(), st.integers(0, 500).map(float), st.floats(0, 150, allow_nan=False).map(lambda v: round(v, 2)))


@st.composite
def results(draw):
    """Any result a page may chart: every comparator, shares and counts, missing, hidden and odd values, names
    with markup."""
    comparator = draw(st.sampled_from(COMPARATORS))
    unit = draw(st.sampled_from(["%", "buổi", "điểm", "cơ sở", "<b>x</b> & y"]))
    numerator = draw(st.one_of(st.none(), st.integers(0, 2000)))
    denominator = draw(st.one_of(st.none(), st.integers(1, 3000))) if numerator is not None else None
    low = draw(numbers)
    r = result(draw(st.integers(1, 30)), draw(st.sampled_from(charts.STATUS_ORDER)), comparator=comparator, unit=unit,
               name=draw(st.sampled_from(["Cơ sở được kiểm tra", "A <i>b</i> & c " * 5, "Ngắn"])),
               actual=None if numerator is None else draw(st.floats(-50, 400, allow_nan=False)),
               numerator=numerator, denominator=denominator, expected=draw(numbers),
               year=draw(st.integers(2021, 2026)), quarter=draw(st.integers(1, 4)), target=low,
               levels=draw(st.sampled_from([None, ("district",), ("commune", "district")])))
    high = draw(numbers) if comparator in ("range", "growth") and low is not None else None
    suppressed = draw(st.booleans()) and numerator is not None and draw(st.booleans())
    return dataclasses.replace(r, target_value_high=high, exceeded=draw(st.booleans()), suppressed=suppressed,
                               secondary=draw(st.sampled_from([(), ("numerator",), ("denominator",)]))
                               if suppressed else (), target_year=draw(st.sampled_from([None, 2025])))


def as_validated(fig: go.Figure) -> dict:
    """What Plotly's validators make of the figure's own dicts."""
    return json.loads(go.Figure(fig.to_dict()).to_json())


def assert_valid_as_written(fig: go.Figure) -> None:
    written = json.loads(fig.to_json())
    assert written == as_validated(fig)
    for _ in range(2):  # as st.plotly_chart writes it (its own dicts, not a copy): the same, and the figure unchanged
        assert json.loads(pio.to_json(fig.to_dict(), validate=False)) == written
    assert written["layout"]["template"]["data"], "Plotly's default template, as a validated figure carries"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(results(), min_size=1, max_size=4), st.lists(results(), min_size=1, max_size=4),
       st.sampled_from(["Tiêu đề", "Một <b>tiêu đề</b> rất dài & " * 8]))
def test_every_chart_is_written_as_plotly_would_validate_it(these, others, title):
    for r in these:
        assert_valid_as_written(charts.bullet(r))
    assert_valid_as_written(charts.status_heatmap([f"Xã <{n}>" for n in range(len(these))],
                                                  [these] * len(these), title))
    same_target = [dataclasses.replace(r, comparator=these[0].comparator, unit=these[0].unit,
                                       target_value=these[0].target_value, target_value_high=these[0].target_value_high)
                   for r in these + others]
    assert_valid_as_written(charts.ranked_bars([f"Xã {n} & <b>" for n in range(len(same_target))], same_target, title))
    assert_valid_as_written(charts.years_bars(same_target, title))
    assert_valid_as_written(charts.trend_lines(same_target[:4], same_target[4:], 2026, title))
    assert_valid_as_written(charts.trend_lines([], same_target, 2026, title))
