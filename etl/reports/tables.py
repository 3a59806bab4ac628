"""Engine results shaped into the tables pages show and export. Pure functions over TargetResult."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from etl.engine import completeness
from etl.engine.areas import Unit
from etl.engine.attainment import STATUSES
from etl.engine.completeness import Submission
from etl.engine.results import TargetResult
from etl.labels_vi import CORRECTION, LEVEL, REFORM, SUBMISSION, UI
from etl.reports import format as fmt


def attainment_table(results: list[TargetResult]) -> pd.DataFrame:
    """A row per target, status first: on a phone the first columns are the ones seen."""
    rows = []
    for r in results:
        rows.append({
            UI["col_status"]: fmt.status(r.status, r.exceeded),
            UI["col_indicator"]: fmt.target_label(r.indicator_name, r.levels, r.target_id),
            UI["col_target"]: fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year),
            UI["col_actual"]: fmt.actual_of(r),
            UI["col_fraction"]: fmt.fraction_of(r),
            UI["col_source"]: source(r),
            UI["col_clause"]: r.clause,
        })
    return pd.DataFrame(rows, columns=[UI[k] for k in ("col_status", "col_indicator", "col_target", "col_actual",
                                                        "col_fraction", "col_source", "col_clause")])


def source(r: TargetResult) -> str:
    """Where a figure comes from: the unit's own return, or rolled up from n of its units."""
    if r.numerator is None:
        return ""
    if r.levels and not r.own_return:  # a target split by level counts the units of its levels, the area's own included
        said = UI["level_units"].format(reported=r.children_reported, total=r.children_total,
                                        levels=", ".join(LEVEL[level].lower() for level in r.levels))
    else:
        said = UI["own_return"] if r.own_return else UI["rolled_up"].format(reported=r.children_reported,
                                                                            total=r.children_total)
    if r.across and not r.own_return and not r.children_total:  # only the other era's units: no units below
        text = "; ".join(reform_notes(r))
        return text[:1].upper() + text[1:]
    return "; ".join([said, *reform_notes(r)])


def reform_notes(r: TargetResult) -> list[str]:
    """What a figure includes across the 1 July 2025 reform, and on how many units a comparison
    between years was made (issue 14, rules 4 and 7)."""
    notes = []
    if r.across and r.across_units:
        notes.append(REFORM[r.across].format(names=", ".join(r.across_units)))
    if r.across_split:
        notes.append(REFORM["majority"].format(names=", ".join(r.across_split)))
    if r.compared and r.compared[0] < r.compared[1]:
        notes.append(REFORM["compared"].format(both=r.compared[0], total=r.compared[1]))
    if r.ended_levels:
        levels = ", ".join(LEVEL[level].lower() for level in r.ended_levels)
        notes.append(REFORM["ended_levels"].format(levels=levels[:1].upper() + levels[1:]))
    if r.merged_into:
        notes.append(REFORM["merged_into"].format(name=r.merged_into))
    if r.judged_quarter:
        notes.append(REFORM["judged_first_half"])
    return notes


def cell(r: TargetResult) -> str:
    return f"{fmt.status(r.status, r.exceeded)[0]} {fmt.actual_of(r)}"


def grid_table(units: list[Unit], grid: dict[str, list[TargetResult]]) -> pd.DataFrame:
    """The heatmap as a table: a row per unit, a column per target."""
    rows = []
    for u in units:
        row = {UI["col_unit"]: u.name}
        row.update({fmt.target_label(r.indicator_name, r.levels, r.target_id): cell(r) for r in grid[u.locality_id]})
        rows.append(row)
    return pd.DataFrame(rows)


def ranking_table(ranking: list[tuple[Unit, TargetResult]]) -> pd.DataFrame:
    return pd.DataFrame({
        UI["col_status"]: [fmt.status(r.status, r.exceeded) for _, r in ranking],
        UI["col_rank"]: range(1, len(ranking) + 1),
        UI["col_unit"]: [u.name for u, _ in ranking],
        UI["col_actual"]: [fmt.actual_of(r) for _, r in ranking],
        UI["col_fraction"]: [fmt.fraction_of(r) for _, r in ranking],
        UI["col_source"]: [source(r) for _, r in ranking],
    })


def periods_table(results: list[TargetResult], by: str = "year") -> pd.DataFrame:
    """One target over years or quarters: actual, n/d, what was due, status."""
    first = UI["col_year"] if by == "year" else UI["col_period"]
    return pd.DataFrame({
        UI["col_status"]: [fmt.status(r.status, r.exceeded) for r in results],
        first: [str(r.year) if by == "year" else UI["period_quarter"].format(quarter=r.quarter, year=r.year)
                for r in results],
        UI["col_actual"]: [fmt.actual_of(r) for r in results],
        UI["col_fraction"]: [fmt.fraction_of(r) for r in results],
        UI["col_expected"]: [fmt.expected_text(r) for r in results],
    })


def submission_text(s: Submission) -> str:
    label = SUBMISSION[s.status].format(days=s.days_late)
    return f"{label} ({s.first_sent:%d/%m/%Y})" if s.first_sent else label


def completeness_summary(submissions: list[Submission], quarter: int) -> str:
    """'Quý 3/2026: 16/21 đơn vị đã gửi (15 muộn), 5 chưa gửi.'"""
    share = completeness.rate(submissions, quarter)
    year = next((s.year for s in submissions if s.quarter == quarter), "")
    return UI["completeness_summary"].format(quarter=quarter, year=year, sent=share.sent, total=share.expected,
                                             late=share.late, missing=share.missing)


def completeness_table(submissions: list[Submission]) -> pd.DataFrame:
    """A row per unit, a column per quarter: sent on time / late (first date; how many versions when more than
    one) / missing. One short column per quarter, so that the four quarters fit a laptop screen."""
    rows: dict[tuple[str, bool], dict] = {}
    for s in submissions:
        key = (s.unit.locality_id, s.own)
        row = rows.setdefault(key, {UI["col_unit"]: UI["own_row"].format(name=s.unit.name) if s.own else s.unit.name})
        text = submission_text(s)
        row[UI["col_quarter_n"].format(quarter=s.quarter)] = \
            UI["sent_versions"].format(text=text, versions=s.versions) if s.versions > 1 else text
    return pd.DataFrame(list(rows.values())).astype(object).fillna("–")  # "–": a unit not expected that quarter (the reform)


def status_counts(results: list[TargetResult]) -> dict[str, int]:
    counts = Counter(r.status for r in results)
    return {s: counts.get(s, 0) for s in STATUSES}


CHANGE_LABEL = CORRECTION["change_label"]


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """What a load would write, figure by figure, old value beside new."""
    return pd.DataFrame({
        UI["col_code"]: changes["code"], UI["col_locality"]: changes["name"],
        UI["col_quarter"]: [f"{q}/{y}" for q, y in zip(changes["quarter"], changes["year"])],
        UI["col_indicator_name"]: changes["indicator_name"],
        UI["col_in_force"]: [fmt.fraction(_int(n), _int(d)) if pd.notna(n) else "–"
                              for n, d in zip(changes["old_numerator"], changes["old_denominator"])],
        UI["col_incoming"]: [fmt.fraction(_int(n), _int(d)) if pd.notna(n) else "–"
                        for n, d in zip(changes["numerator"], changes["denominator"])],
        UI["col_change"]: [CHANGE_LABEL[c] for c in changes["change"]],
    })


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        UI["col_submitted_at"]: [t.strftime("%d/%m/%Y %H:%M") for t in history["submitted_at"]],
        UI["col_sender"]: history["submitted_by"], UI["col_file"]: history["file_name"],
        UI["col_code"]: history["code"], UI["col_locality"]: history["name"],
        UI["col_quarter"]: [f"{q}/{y}" for q, y in zip(history["quarter"], history["year"])],
        UI["col_version"]: history["version"], UI["col_warnings"]: history["warnings"],
    })


def _int(value):
    return None if value is None or pd.isna(value) else int(value)
