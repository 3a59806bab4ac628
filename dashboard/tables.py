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


CHANGE_LABEL = {"new": "Mới", "changed": "Thay đổi", "same": "Không đổi"}


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """What a load would write, figure by figure, old value beside new."""
    return pd.DataFrame({
        "Mã địa bàn": changes["code"], "Địa bàn": changes["name"],
        "Quý": [f"{q}/{y}" for q, y in zip(changes["quarter"], changes["year"])],
        "Mã chỉ số": changes["indicator_code"],
        "Số liệu đang dùng": [fmt.fraction(_int(n), _int(d)) if pd.notna(n) else "–"
                              for n, d in zip(changes["old_numerator"], changes["old_denominator"])],
        "Số liệu mới": [fmt.fraction(_int(n), _int(d)) for n, d in zip(changes["numerator"], changes["denominator"])],
        "Thay đổi": [CHANGE_LABEL[c] for c in changes["change"]],
    })


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Thời gian gửi": [t.strftime("%d/%m/%Y %H:%M") for t in history["submitted_at"]],
        "Người gửi": history["submitted_by"], "Tệp": history["file_name"],
        "Mã địa bàn": history["code"], "Địa bàn": history["name"],
        "Quý": [f"{q}/{y}" for q, y in zip(history["quarter"], history["year"])],
        "Phiên bản": history["version"], "Cảnh báo": history["warnings"],
    })


def _int(value):
    return None if value is None or pd.isna(value) else int(value)
