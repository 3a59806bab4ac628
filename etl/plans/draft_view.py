"""How a draft is listed: the proposals as rows, those a leader should check first, with what to check.
(The document with each proposal's span highlighted is drawn by dashboard.text.highlighted.)"""
from __future__ import annotations

from etl.labels_vi import DRAFT_CHECK


def checks_text(checks) -> str:
    return "; ".join(DRAFT_CHECK[c] for c in checks)


def rows(proposals, unmapped: str, rule_names: dict) -> list[dict]:
    """One row per proposal (labels from DRAFT_CHECK["col"]), those a leader should check first."""
    col = DRAFT_CHECK["col"]
    ordered = sorted(enumerate(proposals), key=lambda ip: (not ip[1].checks, ip[0]))
    return [{col["check"]: checks_text(p.checks), col["indicator"]: p.indicator_code or unmapped,
             col["rule"]: rule_names.get(p.comparator, p.comparator),
             col["value"]: _value(p), col["unit"]: p.unit, col["year"]: str(p.year or ""),
             col["level"]: ", ".join(p.levels or ()), col["where"]: f"{p.start}–{p.end}", col["clause"]: p.clause}
            for _, p in ordered]


def _value(p) -> str:
    if p.value is None:
        return ""
    show = lambda v: f"{v:g}".replace(".", ",")  # noqa: E731
    return show(p.value) + (f" – {show(p.value_high)}" if p.value_high is not None else "")
