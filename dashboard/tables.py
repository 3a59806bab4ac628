"""Engine results shaped into the tables pages show and export. Pure functions over TargetResult."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard import format as fmt
from etl.attainment import STATUSES, TargetResult
from etl.labels_vi import UI


def attainment_table(results: list[TargetResult]) -> pd.DataFrame:
    rows = []
    for r in results:
        coverage = "" if r.children_total is None else f"{r.children_reported}/{r.children_total}"
        rows.append({
            UI["col_indicator"]: fmt.target_label(r.indicator_name, r.levels, r.target_id),
            UI["col_target"]: fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.year),
            UI["col_actual"]: fmt.actual_text(r.comparator, r.unit, r.actual, r.numerator),
            UI["col_fraction"]: fmt.fraction(r.numerator, r.denominator),
            UI["col_status"]: fmt.status(r.status),
            UI["col_coverage"]: coverage,
            UI["col_clause"]: r.clause,
        })
    return pd.DataFrame(rows, columns=[UI[k] for k in ("col_indicator", "col_target", "col_actual", "col_fraction",
                                                        "col_status", "col_coverage", "col_clause")])


def status_counts(results: list[TargetResult]) -> dict[str, int]:
    counts = Counter(r.status for r in results)
    return {s: counts.get(s, 0) for s in STATUSES}
