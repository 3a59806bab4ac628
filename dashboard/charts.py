"""Chart builders: plain functions from engine results to plotly figures (no Streamlit).

Each figure is written as the plain dicts Plotly would make of it (traces with their "type", nested
properties such as {"marker": {"color": …}}, titles as {"text": …}) and handed to Plotly unvalidated: its
validators cost ~9 ms a chart (a plan's 20 bullet charts took 176 ms of CPU a page view; issue 18).
tests/dashboard/test_charts.py checks that validating each figure changes nothing."""
from __future__ import annotations

import plotly.graph_objects as go

from dashboard.text import plot
from etl.engine.results import TargetResult
from etl.labels_vi import I16, STATUS, STATUS_ICON, UI
from etl.reports import format as fmt
from etl.reports.format import STATUS_COLOUR, is_share

TICKS = range(0, 101, 20)
STATUS_ORDER = ["met", "on_track", "behind", "not_met", "no_data"]


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


class _Drawn(go.Figure):
    """A figure drawn once: `to_dict` (which st.plotly_chart calls before writing the JSON) hands over the
    figure's own dicts instead of a deep copy of them and of the template (15 ms for a plan's 20 charts).
    No base64 step is skipped that matters: the builders give lists, never numpy arrays."""

    def to_dict(self) -> dict:
        return {"data": self._data, "layout": self._layout}


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from dicts already in Plotly's validated form (its default template is added as usual)."""
    return _Drawn({"data": data, "layout": layout}, _validate=False)


def _layout(title: str, height: int, **axes) -> dict:
    return {"title": {"text": wrap(plot(title))}, "separators": ",.", "height": height, "plot_bgcolor": "#FFFFFF",
            "margin": {"l": 10, "r": 20, "t": 60, "b": 40}, "legend": {"orientation": "h", "y": -0.25}, **axes}


def _title(text: str) -> dict:
    return {"text": text}


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


HEATMAP_TITLE_CHARS = 48   # the title's lines fit a phone's width (390 px), not cut


def status_heatmap(unit_names: list[str], grid: list[list[TargetResult]], title: str) -> go.Figure:
    """Units (rows) × targets (columns, headed by their short names), each cell coloured by status with
    its icon and actual value; a unit without a figure for a target has no cell there (left blank)."""
    columns = grid[0] if grid else []
    width = max(7, min(18, 110 // max(len(columns), 1)))     # characters a column's header line may take
    x = [short_label(r, width, longest=width * 4) for r in columns]
    names = [plot(fmt.target_label(r.indicator_name, r.levels, r.target_id)) for r in columns]  # once, not per cell
    n = len(STATUS_ORDER)
    scale = [pair for i, s in enumerate(STATUS_ORDER) for pair in ([i / n, STATUS_COLOUR[s]], [(i + 1) / n,
                                                                                            STATUS_COLOUR[s]])]
    z, text, customdata = [], [], []
    for row in grid:
        z_row, text_row, data_row = [], [], []
        for r in row:
            tracked = _tracked(r)
            z_row.append(STATUS_ORDER.index(r.status) + 0.5 if tracked else None)
            text_row.append(f"{STATUS_ICON[r.status]} {fmt.actual_of(r)}" if tracked else "")
            data_row.append([STATUS[r.status], result_detail(r)])
        z.append(z_row)
        text.append(text_row)
        customdata.append(data_row)
    cells = {"type": "heatmap", "z": z, "x": names, "y": [plot(n) for n in unit_names], "hoverongaps": False,
             "zmin": 0, "zmax": n, "colorscale": scale, "showscale": False, "xgap": 2, "ygap": 2, "text": text,
             "texttemplate": "%{text}", "textfont": {"size": 11, "color": "#000000"}, "customdata": customdata,
             "hovertemplate": "%{y}<br>%{x}<br>%{customdata[0]}: %{text}%{customdata[1]}<extra></extra>"}
    lines = max([label.count("<br>") + 1 for label in x] + [1])
    layout = _layout(title, 160 + 30 * len(unit_names) + 14 * lines,
                     xaxis={"type": "category", "side": "top", "tickvals": names, "ticktext": x,  # short headers
                            "tickangle": 0, "tickfont": {"size": 10, "color": "#000000"}},
                     yaxis={"title": _title(UI["heatmap_y"]), "autorange": "reversed", "type": "category",
                            "tickfont": {"color": "#000000"}})
    layout["margin"]["t"] = 70 + 14 * lines   # the title above the headers, not across them
    layout["title"] = {"text": wrap(plot(title), HEATMAP_TITLE_CHARS), "yref": "container", "y": 1, "yanchor": "top",
                       "pad": {"t": 10}}
    return _figure([cells], layout)


def result_detail(r: TargetResult) -> str:
    """' (37/148)' after a result, only where the fraction says more than the result: never '3 (3)'."""
    return fmt.detail_of(r)


def _count_range(*values) -> list[float]:
    top = max([v for v in values if v is not None] + [1])
    return [0, top * 1.2]


def whole_ticks(top: float) -> dict:
    """A count axis: ticks on whole numbers only (never 0,2 steps), written without decimals."""
    step = 1 if top <= 10 else None
    return {"tickformat": ",d", "tick0": 0, **({"dtick": step} if step else {})}


def _range_band(layout: dict, r: TargetResult, position: str, **font) -> None:
    """A "from–to" target drawn as the band it is, not a tick at its low end: a shape spanning the plot's
    height and its label at the top, on its left edge ("top left") or its middle ("top")."""
    layout.setdefault("shapes", []).append(
        {"fillcolor": "#000000", "line": {"width": 0}, "opacity": 0.12, "type": "rect", "x0": r.target_value,
         "x1": r.target_value_high, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"})
    left = position == "top left"
    layout.setdefault("annotations", []).append(
        {**({"font": font} if font else {}), "showarrow": False,
         "text": plot(I16["range_band"] + " " + fmt.target_text(r.comparator, r.target_value, r.target_value_high,
                                                               r.unit)),
         "x": min(r.target_value, r.target_value_high) if left else (r.target_value + r.target_value_high) / 2,
         "xanchor": "left" if left else "center", "xref": "x", "y": 1, "yanchor": "top", "yref": "y domain"})


def _is_range(r: TargetResult) -> bool:
    return r.comparator == "range" and r.target_value is not None and r.target_value_high is not None


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
    data = [{"type": "bar", "x": [target or 0], "y": [""], "orientation": "h", "marker": {"color": "#E8E8E8"},
             "width": 0.8, "showlegend": False, "hoverinfo": "skip"},
            {"type": "bar", "x": [r.actual or 0], "y": [""], "orientation": "h",
             "marker": {"color": STATUS_COLOUR[r.status]}, "width": 0.35, "name": UI["bullet_actual"],
             "hovertemplate": f"{UI['bullet_actual']}: {fmt.actual_of(r)}{fmt.detail_of(r)}<extra></extra>"}]
    layout: dict = {}
    target_words = fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year)
    if _is_range(r):
        _range_band(layout, r, "top left", size=10)
    else:
        data.append({"type": "scatter", "x": [r.target_value], "y": [""], "mode": "markers",
                     "name": UI["bullet_target"],
                     "marker": {"symbol": "line-ns", "size": 30, "line": {"width": 3, "color": "#000000"}},
                     "hovertemplate": f"{UI['bullet_target']}: {plot(target_words)}<extra></extra>"})
    pace = fmt.whole_pace(r)
    if pace is not None and pace != r.target_value and not (_is_range(r) and pace >= r.target_value):
        data.append({"type": "scatter", "x": [pace], "y": [""], "mode": "markers", "name": UI["bullet_pace"],
                     "marker": {"symbol": "diamond-open", "size": 13, "color": "#333333", "line": {"width": 2}},
                     "hovertemplate": f"{UI['bullet_pace']}: {plot(fmt.expected_text(r))}<extra></extra>"})
    axis_title = UI["bullet_x_share"] if share else UI["bullet_x_count"].format(unit=plot(r.unit))
    ticks = {"tickvals": list(TICKS), "ticktext": [f"{t}%" for t in TICKS]} if share and r.comparator != "growth" \
        else {"ticksuffix": "%" if share else ""} if share else whole_ticks(x_range[1])
    layout.update(barmode="overlay", separators=",.", height=160, plot_bgcolor="#FFFFFF", showlegend=True,
                  margin={"l": 10, "r": 10, "t": 10, "b": 40}, legend={"orientation": "h", "y": -0.8},
                  xaxis={"range": x_range, "title": {"text": axis_title, "font": {"size": 11}, "standoff": 6},
                         **ticks})
    return _figure(data, layout)


def ranked_bars(names: list[str], results: list[TargetResult], title: str) -> go.Figure:
    """One bar per unit, best first, coloured by status, with the target as a line (a band for a
    range); n/d on hover. Units whose figure is hidden as a small number ("<5", "ẩn") come after, in
    their own group below a rule, with the mark written and no bar: never read as 0."""
    pairs = list(zip(names, results))
    shown = [(n, r) for n, r in pairs if not r.suppressed]
    masked = [(n, r) for n, r in pairs if r.suppressed]
    share = bool(results) and is_share(results[0])
    data = [{"type": "bar", "y": [plot(n) for n, _ in shown], "x": [r.actual or 0 for _, r in shown],
             "orientation": "h", "marker": {"color": [STATUS_COLOUR[r.status] for _, r in shown]},
             "text": [f"{STATUS_ICON[r.status]} {fmt.actual_of(r)}" for _, r in shown], "textposition": "outside",
             "cliponaxis": False, "customdata": [[fmt.fraction_of(r), STATUS[r.status]] for _, r in shown],
             "hovertemplate": f"%{{y}}: %{{text}}<br>{UI['hover_fraction']}: %{{customdata[0]}}<br>%{{customdata[1]}}"
                              "<extra></extra>",
             "showlegend": False}]
    layout: dict = {}
    if masked:
        data.append({"type": "scatter", "y": [plot(n) for n, _ in masked], "x": [0] * len(masked), "mode": "text",
                     "showlegend": False,
                     "text": [plot(I16["masked_cell"].format(mark=fmt.actual_of(r))) for _, r in masked],
                     "textposition": "middle right", "hoverinfo": "skip", "cliponaxis": False})
        layout["shapes"] = [{"line": {"color": "#555555", "width": 1}, "type": "line", "x0": 0, "x1": 1,
                             "xref": "x domain", "y0": len(shown) - 0.5, "y1": len(shown) - 0.5, "yref": "y"}]
        layout["annotations"] = [{"font": {"color": "#555555", "size": 10}, "showarrow": False,
                                  "text": I16["masked_group"], "x": 1, "xanchor": "right", "xref": "paper",
                                  "y": len(shown) - 0.5, "yshift": -9}]
    first = results[0] if results else None
    if first is not None and _is_range(first):
        _range_band(layout, first, "top")
    elif first is not None and first.target_value is not None:
        layout.setdefault("shapes", []).append(
            {"line": {"color": "#000000", "dash": "dash", "width": 2}, "type": "line", "x0": first.target_value,
             "x1": first.target_value, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"})
        layout.setdefault("annotations", []).append(
            {"showarrow": False, "text": UI["ranking_target_line"].format(target=fmt.target_text(
                first.comparator, first.target_value, first.target_value_high, first.unit, first.target_year)),
             "x": first.target_value, "xanchor": "center", "xref": "x", "y": 1, "yanchor": "bottom",
             "yref": "y domain"})
    x_title = UI["ranking_x_share"] if share else UI["ranking_x_count"].format(unit=plot(first.unit) if first else "")
    top = 100 if share else max([r.actual or 0 for _, r in shown] + [
        (first.target_value_high or first.target_value or 0) if first else 0, 1])
    ticks = {"ticksuffix": "%"} if share else whole_ticks(top * 1.18)
    layout.update(_layout(title, 140 + 28 * len(names),
                          xaxis={"title": _title(x_title), "range": [0, top * 1.18], **ticks},
                          yaxis={"autorange": "reversed", "type": "category",
                                 "categoryarray": [plot(n) for n, _ in shown + masked], "categoryorder": "array"}))
    return _figure(data, layout)


def years_bars(results: list[TargetResult], title: str) -> go.Figure:
    """The same target year after year: the actual (status colour) and the target marked (a band for a
    range); a hidden small number is written, not drawn as a 0 bar."""
    share = bool(results) and is_share(results[0])
    years = [str(r.year) for r in results]
    data = [{"type": "bar", "x": years, "y": [None if r.suppressed else r.actual or 0 for r in results],
             "marker": {"color": [STATUS_COLOUR[r.status] for r in results]},
             "text": [f"{STATUS_ICON[r.status]} {fmt.actual_of(r)}" if not r.suppressed else fmt.actual_of(r)
                      for r in results], "textposition": "outside", "cliponaxis": False, "name": UI["chart_actual"],
             "customdata": [[fmt.detail_of(r), STATUS[r.status]] for r in results],
             "hovertemplate": "%{x}: %{text}%{customdata[0]}<br>%{customdata[1]}<extra></extra>"}]
    ranged = [r for r in results if _is_range(r)]
    if ranged:
        data.append({"type": "bar", "x": [str(r.year) for r in ranged],
                     "y": [r.target_value_high - r.target_value for r in ranged],
                     "base": [r.target_value for r in ranged], "name": I16["range_band"],
                     "marker": {"color": "rgba(0,0,0,0.15)"}, "width": 0.9, "hoverinfo": "skip"})
    plain = [r for r in results if not _is_range(r)]
    data.append({"type": "scatter", "x": [str(r.year) for r in plain], "y": [r.target_value for r in plain],
                 "mode": "markers", "name": UI["chart_target"],
                 "marker": {"symbol": "line-ew", "size": 40, "line": {"width": 3, "color": "#000000"}}})
    y_title = UI["ranking_x_share"] if share else UI["ranking_x_count"].format(unit=plot(results[0].unit) if results else "")
    top = max([r.actual or 0 for r in results] + [r.target_value_high or r.target_value or 0 for r in results] + [1])
    ticks = {"ticksuffix": "%"} if share else whole_ticks(top * 1.15)
    return _figure(data, _layout(title, 380, barmode="overlay", xaxis={"title": _title(UI["years_x"]), "type": "category"},
                                 yaxis={"title": _title(y_title), "rangemode": "tozero", **ticks}))


def trend_lines(this_year: list[TargetResult], last_year: list[TargetResult], year: int, title: str) -> go.Figure:
    """Year-to-date actual by quarter, this year and last, with the pace line the target sets."""
    sample = (this_year or last_year)[0]
    share = is_share(sample)
    quarters = lambda rs: [UI["trend_quarter"].format(quarter=r.quarter) for r in rs]  # noqa: E731
    paced = this_year or last_year
    data = [{"type": "scatter", "x": quarters(last_year), "y": [r.actual for r in last_year],
             "name": UI["trend_last"].format(year=year - 1), "mode": "lines+markers",
             "line": {"color": "#999999", "dash": "dash"}, "marker": {"symbol": "circle-open"}},
            {"type": "scatter", "x": quarters(this_year), "y": [r.actual for r in this_year],
             "name": UI["trend_this"].format(year=year), "mode": "lines+markers+text",
             "line": {"color": "#0072B2", "width": 3}, "text": [fmt.actual_of(r) for r in this_year],
             "textposition": "top center"},
            {"type": "scatter", "x": quarters(paced), "y": [r.expected for r in paced],
             "name": UI["trend_expected"].format(year=paced[0].year), "mode": "lines",
             "line": {"color": "#000000", "dash": "dot"}}]
    y_title = UI["trend_y_share"] if share else UI["trend_y_count"].format(unit=plot(sample.unit))
    return _figure(data, _layout(title, 420, xaxis={"title": _title(UI["trend_x"]), "categoryorder": "array",
                                                    "categoryarray": [UI["trend_quarter"].format(quarter=q) for q in range(1, 5)]},
                                 yaxis={"title": _title(y_title), "rangemode": "tozero",
                                        **({"ticksuffix": "%"} if share else whole_ticks(
                                            max([r.actual or 0 for r in this_year + last_year]
                                                + [r.expected or 0 for r in paced] + [1]) * 1.1))}))
