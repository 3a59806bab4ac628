"""Chart builders: plain functions from engine results to plotly figures (no Streamlit)."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard import format as fmt
from etl.attainment import TargetResult
from etl.labels_vi import STATUS, STATUS_ICON, UI

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies; icons and text repeat it.
STATUS_COLOUR = {"met": "#009E73", "on_track": "#56B4E9", "behind": "#E69F00", "not_met": "#D55E00",
                 "no_data": "#BBBBBB"}
LABEL_X = 104
TICKS = range(0, 101, 20)


def percent_targets(results: list[TargetResult]) -> list[TargetResult]:
    """Targets whose actual is a percentage (shares and qualitative), the ones a % axis can show."""
    return [r for r in results if r.unit == "%" and r.comparator not in ("growth", "n_of_n")]


def attainment_bars(results: list[TargetResult], title: str) -> go.Figure:
    """One bar per percentage target: the actual share, with the year's target and this period's pace marked."""
    rows = percent_targets(results)
    labels = [_short(fmt.target_label(r.indicator_name, r.levels, r.target_id)) for r in rows]
    fig = go.Figure()
    fig.add_bar(
        y=labels, x=[r.actual or 0 for r in rows], orientation="h", name=UI["chart_actual"],
        marker_color=[STATUS_COLOUR[r.status] for r in rows],
        customdata=[[fmt.fraction(r.numerator, r.denominator), STATUS[r.status]] for r in rows],
        hovertemplate="%{y}<br>Kết quả: %{x:.1f}% (%{customdata[0]})<br>%{customdata[1]}<extra></extra>")
    fig.add_scatter(y=labels, x=[r.target_value for r in rows], mode="markers", name=UI["chart_target"],
                    marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#000000"}},
                    hovertemplate="Chỉ tiêu: %{x:.1f}%<extra></extra>")
    fig.add_scatter(y=labels, x=[r.expected for r in rows], mode="markers", name=UI["chart_expected"],
                    marker={"symbol": "diamond-open", "size": 11, "color": "#333333", "line": {"width": 2}},
                    hovertemplate="Mức cần đạt đến kỳ này: %{x:.1f}%<extra></extra>")
    # Values in a column right of 100%, where no marker can cover them.
    fig.add_scatter(y=labels, x=[LABEL_X] * len(rows), mode="text", showlegend=False, hoverinfo="skip",
                    text=[f"{STATUS_ICON[r.status]} {fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator)}"
                          for r in rows], textposition="middle right")
    fig.update_layout(
        title=title, separators=",.", height=120 + 42 * len(rows), margin={"l": 10, "r": 30, "t": 60, "b": 40},
        xaxis={"title": UI["chart_x"], "range": [0, 135], "tickvals": list(TICKS),
               "ticktext": [f"{t}%" for t in TICKS]},
        yaxis={"autorange": "reversed"}, legend={"orientation": "h", "y": -0.15}, plot_bgcolor="#FFFFFF")
    return fig


def _short(text: str, width: int = 64) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
