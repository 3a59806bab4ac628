"""Chart builders: plain functions from engine results to plotly figures (no Streamlit)."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard import format as fmt
from dashboard.text import plot
from etl.attainment import TargetResult
from etl.labels_vi import I16, STATUS, STATUS_ICON, UI

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies; icons and text repeat it.
STATUS_COLOUR = {"met": "#009E73", "on_track": "#56B4E9", "behind": "#E69F00", "not_met": "#D55E00",
                 "no_data": "#BBBBBB"}
TICKS = range(0, 101, 20)
STATUS_ORDER = ["met", "on_track", "behind", "not_met", "no_data"]


def is_share(r: TargetResult) -> bool:
    """Whether the target's actual reads as a percentage (share, growth rate, qualitative done/not)."""
    return r.unit == "%" and r.comparator != "n_of_n"


def wrap(title: str, width: int = 90) -> str:
    """Plotly does not wrap titles: break long ones into lines at spaces."""
    lines, line = [], ""
    for word in title.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def _layout(fig: go.Figure, title: str, height: int, **axes) -> go.Figure:
    fig.update_layout(title=wrap(plot(title)), separators=",.", height=height, plot_bgcolor="#FFFFFF",
                      margin={"l": 10, "r": 20, "t": 60, "b": 40}, legend={"orientation": "h", "y": -0.25},
                      **axes)
    return fig


def short_label(r: TargetResult, width: int = 16, longest: int = 48) -> str:
    """A heatmap column header: the target's number and name, cut at `longest` characters and wrapped
    into lines of about `width` (Plotly text, the name escaped)."""
    name = fmt.target_label(r.indicator_name, r.levels, r.target_id)
    if len(name) > longest:
        name = name[:longest].rsplit(" ", 1)[0] + " …"
    return wrap(plot(name), width)


def _tracked(r: TargetResult) -> bool:
    """Whether a unit's cell is drawn: it has a figure for the target, shown or hidden as a small number."""
    return r.numerator is not None or r.suppressed


def status_heatmap(unit_names: list[str], grid: list[list[TargetResult]], title: str) -> go.Figure:
    """Units (rows) × targets (columns, headed by their short names), each cell coloured by status with
    its icon and actual value; a unit without a figure for a target has no cell there (left blank)."""
    columns = grid[0] if grid else []
    x = [short_label(r) for r in columns]
    n = len(STATUS_ORDER)
    scale = [pair for i, s in enumerate(STATUS_ORDER) for pair in ([i / n, STATUS_COLOUR[s]], [(i + 1) / n,
                                                                                            STATUS_COLOUR[s]])]
    fig = go.Figure(go.Heatmap(
        z=[[STATUS_ORDER.index(r.status) + 0.5 if _tracked(r) else None for r in row] for row in grid],
        x=x, y=[plot(n) for n in unit_names], hoverongaps=False,
        zmin=0, zmax=n, colorscale=scale, showscale=False, xgap=2, ygap=2,
        text=[[f"{STATUS_ICON[r.status]} {fmt.actual_of(r)}" if _tracked(r) else "" for r in row] for row in grid],
        texttemplate="%{text}", textfont={"size": 11, "color": "#000000"},
        customdata=[[[plot(fmt.target_label(r.indicator_name, r.levels, r.target_id)), STATUS[r.status],
                      result_detail(r)] for r in row] for row in grid],
        hovertemplate="%{y}<br>%{customdata[0]}<br>%{customdata[1]}: %{text}%{customdata[2]}<extra></extra>"))
    lines = max([label.count("<br>") + 1 for label in x] + [1])
    fig = _layout(fig, title, 160 + 30 * len(unit_names) + 14 * lines,
                  xaxis={"title": {"text": I16["heatmap_x"], "standoff": 4}, "type": "category", "side": "top",
                         "tickangle": 0, "tickfont": {"size": 10, "color": "#000000"}},
                  yaxis={"title": UI["heatmap_y"], "autorange": "reversed", "type": "category",
                         "tickfont": {"color": "#000000"}})
    fig.update_layout(margin={"t": 90 + 14 * lines})
    return fig


def result_detail(r: TargetResult) -> str:
    """' (37/148)' after a result, only where the fraction says more than the result: never '3 (3)'."""
    fraction = fmt.fraction_of(r)
    return "" if fraction in (fmt.actual_of(r), "–") else f" ({fraction})"


def _count_range(*values) -> list[float]:
    top = max([v for v in values if v is not None] + [1])
    return [0, top * 1.2]


def bullet(r: TargetResult) -> go.Figure:
    """A bullet chart: the actual (bar, status colour) against the target (black tick) and the pace
    due by this period (open diamond), on a % axis for shares and a count axis otherwise."""
    share = is_share(r)
    target = r.target_value_high if r.comparator == "range" and r.target_value_high else r.target_value
    if r.comparator == "growth":
        x_range = [min(0, r.actual or 0) * 1.2 - 1, max(r.actual or 0, target or 0) * 1.3 + 1]
    elif share:
        x_range = [0, 104]
    else:
        x_range = _count_range(r.actual, target, r.expected)
    fig = go.Figure()
    fig.add_bar(x=[target or 0], y=[""], orientation="h", marker_color="#E8E8E8", width=0.8, showlegend=False,
                hoverinfo="skip")
    fig.add_bar(x=[r.actual or 0], y=[""], orientation="h", marker_color=STATUS_COLOUR[r.status], width=0.35,
                name=UI["bullet_actual"],
                hovertemplate=f"{UI['bullet_actual']}: {fmt.actual_of(r)}"
                              f" ({fmt.fraction_of(r)})<extra></extra>")
    fig.add_scatter(x=[r.target_value], y=[""], mode="markers", name=UI["bullet_target"],
                    marker={"symbol": "line-ns", "size": 30, "line": {"width": 3, "color": "#000000"}},
                    hovertemplate=f"{UI['bullet_target']}: {fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year)}<extra></extra>")
    if r.expected is not None and r.expected != r.target_value:
        fig.add_scatter(x=[r.expected], y=[""], mode="markers", name=UI["bullet_pace"],
                        marker={"symbol": "diamond-open", "size": 13, "color": "#333333", "line": {"width": 2}},
                        hovertemplate=f"{UI['bullet_pace']}: %{{x:.1f}}<extra></extra>")
    axis_title = UI["bullet_x_share"] if share else UI["bullet_x_count"].format(unit=plot(r.unit))
    ticks = {"tickvals": list(TICKS), "ticktext": [f"{t}%" for t in TICKS]} if share and r.comparator != "growth" \
        else {"ticksuffix": "%" if share else ""}
    fig.update_layout(barmode="overlay", separators=",.", height=160, plot_bgcolor="#FFFFFF", showlegend=True,
                      margin={"l": 10, "r": 10, "t": 10, "b": 40}, legend={"orientation": "h", "y": -0.8},
                      xaxis={"range": x_range, "title": {"text": axis_title, "font": {"size": 11}, "standoff": 6},
                             **ticks})
    return fig


def ranked_bars(names: list[str], results: list[TargetResult], title: str) -> go.Figure:
    """One bar per unit, best first, coloured by status, with the target as a line; n/d on hover."""
    share = bool(results) and is_share(results[0])
    fig = go.Figure(go.Bar(
        y=[plot(n) for n in names], x=[r.actual or 0 for r in results], orientation="h",
        marker_color=[STATUS_COLOUR[r.status] for r in results],
        text=[f"{STATUS_ICON[r.status]} {fmt.actual_of(r)}"
              for r in results], textposition="outside", cliponaxis=False,
        customdata=[[fmt.fraction_of(r), STATUS[r.status]] for r in results],
        hovertemplate="%{y}: %{text}<br>Tử số/mẫu số: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        showlegend=False))
    if results and results[0].target_value is not None:
        target = results[0].target_value
        fig.add_vline(x=target, line={"color": "#000000", "width": 2, "dash": "dash"},
                      annotation_text=UI["ranking_target_line"].format(target=fmt.target_text(
                          results[0].comparator, target, results[0].target_value_high, results[0].unit,
                          results[0].target_year)), annotation_position="top")
    x_title = UI["ranking_x_share"] if share else UI["ranking_x_count"].format(unit=plot(results[0].unit) if results else "")
    top = 100 if share else max([r.actual or 0 for r in results] + [results[0].target_value or 0 if results else 0, 1])
    return _layout(fig, title, 140 + 28 * len(names),
                   xaxis={"title": x_title, "range": [0, top * 1.18], "ticksuffix": "%" if share else ""},
                   yaxis={"autorange": "reversed", "type": "category"})


def years_bars(results: list[TargetResult], title: str) -> go.Figure:
    """The same target year after year: the actual (status colour) and the target marked."""
    share = bool(results) and is_share(results[0])
    years = [str(r.year) for r in results]
    fig = go.Figure(go.Bar(
        x=years, y=[r.actual or 0 for r in results], marker_color=[STATUS_COLOUR[r.status] for r in results],
        text=[f"{STATUS_ICON[r.status]} {fmt.actual_of(r)}"
              for r in results], textposition="outside", cliponaxis=False, name=UI["chart_actual"],
        customdata=[[fmt.fraction_of(r), STATUS[r.status]] for r in results],
        hovertemplate="%{x}: %{text} (%{customdata[0]})<br>%{customdata[1]}<extra></extra>"))
    fig.add_scatter(x=years, y=[r.target_value for r in results], mode="markers", name=UI["chart_target"],
                    marker={"symbol": "line-ew", "size": 40, "line": {"width": 3, "color": "#000000"}})
    y_title = UI["ranking_x_share"] if share else UI["ranking_x_count"].format(unit=plot(results[0].unit) if results else "")
    return _layout(fig, title, 380, xaxis={"title": UI["years_x"], "type": "category"},
                   yaxis={"title": y_title, "ticksuffix": "%" if share else "", "rangemode": "tozero"})


def trend_lines(this_year: list[TargetResult], last_year: list[TargetResult], year: int, title: str) -> go.Figure:
    """Year-to-date actual by quarter, this year and last, with the pace line the target sets."""
    sample = (this_year or last_year)[0]
    share = is_share(sample)
    quarters = lambda rs: [f"Quý {r.quarter}" for r in rs]  # noqa: E731
    fig = go.Figure()
    fig.add_scatter(x=quarters(last_year), y=[r.actual for r in last_year], name=UI["trend_last"].format(year=year - 1),
                    mode="lines+markers", line={"color": "#999999", "dash": "dash"}, marker={"symbol": "circle-open"})
    fig.add_scatter(x=quarters(this_year), y=[r.actual for r in this_year], name=UI["trend_this"].format(year=year),
                    mode="lines+markers+text", line={"color": "#0072B2", "width": 3},
                    text=[fmt.actual_of(r) for r in this_year],
                    textposition="top center")
    paced = this_year or last_year
    fig.add_scatter(x=quarters(paced), y=[r.expected for r in paced], name=UI["trend_expected"].format(year=paced[0].year),
                    mode="lines", line={"color": "#000000", "dash": "dot"})
    y_title = UI["trend_y_share"] if share else UI["trend_y_count"].format(unit=plot(sample.unit))
    return _layout(fig, title, 420, xaxis={"title": UI["trend_x"], "categoryorder": "array",
                                           "categoryarray": [f"Quý {q}" for q in range(1, 5)]},
                   yaxis={"title": y_title, "ticksuffix": "%" if share else "", "rangemode": "tozero"})
