"""Chart builders are plain functions: checked here without Streamlit."""
from dashboard import charts
from etl.attainment import TargetResult


def result(n, status, comparator="at_least", unit="%", name="Cơ sở được kiểm tra", actual=None, levels=None):
    return TargetResult("p", f"p#{n:02d}", "x@2025", "x", "ind", name, levels, "", 2026, 2, comparator, 25.0, None,
                        unit, 37, 148, actual, 12.5, status, False, None, False, 2, 3, None, "điều khoản")


def test_bars_show_percent_targets_with_status_colour_icon_and_vietnamese_numbers():
    rows = [result(1, "met", actual=25.0), result(2, "behind", actual=10.0, levels=("province",)),
            result(3, "met", comparator="range", unit="buổi", actual=3)]
    fig = charts.attainment_bars(rows, "Tiêu đề")
    bars, target, expected, labels = fig.data
    assert list(bars.y) == ["1. Cơ sở được kiểm tra", "2. Cơ sở được kiểm tra (cấp tỉnh)"]  # the count target is left out
    assert list(bars.x) == [25.0, 10.0]
    assert list(bars.marker.color) == [charts.STATUS_COLOUR["met"], charts.STATUS_COLOUR["behind"]]
    assert list(labels.text) == ["✔ 25,0%", "⚠ 10,0%"]
    assert list(target.x) == [25.0, 25.0] and list(expected.x) == [12.5, 12.5]
    assert fig.layout.separators == ",." and fig.layout.title.text == "Tiêu đề"
    assert list(fig.layout.xaxis.ticktext) == ["0%", "20%", "40%", "60%", "80%", "100%"]
