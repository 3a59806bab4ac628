"""Making and changing plans in the app: checked as strictly as the catalog files (etl/model/catalog.py),
written in one transaction, every change kept with who, when, and the plan before and after."""
from __future__ import annotations

import datetime as dt
import difflib
import re

import duckdb
import pandas as pd
import yaml

from etl.access import audit
from etl.access import scope as access
from etl.access.scope import Scope
from etl.labels_vi import AUDIT_DETAIL, PLAN_EDIT
from etl.model import catalog, localities
from etl.plans import plan_files
from etl.storage import db

PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,59}$")
TARGET_FIELDS = ["section", "indicator", "rule", "value", "value_high", "year", "level", "clause"]


class PlanRefused(ValueError):
    """Every problem of a plan as the user entered it; nothing was saved."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""


def _target(row: dict, number: int, problems: list[str]) -> dict | None:
    if all(_blank(row.get(f)) for f in TARGET_FIELDS):
        return None
    out = {f: row.get(f) for f in TARGET_FIELDS if not _blank(row.get(f))}
    for needed in ("indicator", "rule", "clause"):
        if needed not in out:
            problems.append(PLAN_EDIT["missing_field"].format(n=number, field=PLAN_EDIT["fields"][needed]))
    for key in ("value", "value_high"):
        if key in out:
            out[key] = float(out[key])
    if "year" in out:
        out["year"] = int(out["year"])
    if "level" in out:
        out["level"] = [part.strip() for part in str(out["level"]).split(",")]
    return out


def build(con: duckdb.DuckDBPyConnection, header: dict, rows: list[dict], scope: Scope | None = None) -> catalog.Plan:
    """The plan the form describes, or PlanRefused listing every problem in Vietnamese."""
    problems = []
    plan_id = str(header.get("plan_id") or "").strip().lower()
    if not PLAN_ID.match(plan_id):
        problems.append(PLAN_EDIT["bad_id"])
    if _blank(header.get("title")):
        problems.append(PLAN_EDIT["no_title"])
    year_from, year_to = int(header["year_from"]), int(header["year_to"])
    issuer = localities.resolve(con, str(header.get("issuer") or "").strip(), year_from, 1)
    if issuer is None:
        problems.append(PLAN_EDIT["unknown_issuer"].format(code=header.get("issuer")))
    elif scope is not None and not access.covers(con, scope, issuer):
        problems.append(PLAN_EDIT["outside_scope"].format(code=header.get("issuer")))
    existing = db.one(con, "SELECT issuer_id FROM plans WHERE plan_id = ?", [plan_id])
    if existing and scope is not None and not access.covers(con, scope, existing[0]):
        problems.append(PLAN_EDIT["not_yours"].format(plan=plan_id))
    parent = header.get("parent") or None
    if parent and (parent == plan_id or not db.one(con, "SELECT 1 FROM plans WHERE plan_id = ?", [parent])):
        problems.append(PLAN_EDIT["bad_parent"].format(parent=parent))
    targets = [t for n, row in enumerate(rows, start=1) if (t := _target(row, n, problems)) is not None]
    if not targets:
        problems.append(PLAN_EDIT["no_targets"])
    if problems:
        raise PlanRefused(problems)
    raw = {"id": plan_id, "title": header["title"].strip(), "issuer": issuer,
           "issuing_body": (header.get("issuing_body") or "").strip(), "year_from": year_from, "year_to": year_to,
           "parent": parent, "number": header.get("number") or None,
           "date": header["date"].isoformat() if isinstance(header.get("date"), dt.date) else header.get("date"),
           "targets": targets}
    try:
        (plan,) = catalog.parse_plans(yaml.safe_dump({"plans": [raw]}, allow_unicode=True))
    except catalog.CatalogError as refused:
        raise PlanRefused([_readable(line, plan_id) for line in str(refused).splitlines()]) from refused
    return plan


def _readable(line: str, plan_id: str) -> str:
    """'ke-hoach#02: tỷ lệ lớn hơn 100%' -> 'Chỉ tiêu 2: tỷ lệ lớn hơn 100%'."""
    m = re.match(rf"^{re.escape(plan_id)}#0*(\d+): (.*)$", line)
    return PLAN_EDIT["target_problem"].format(n=m.group(1), problem=m.group(2)) if m else line


def save(con: duckdb.DuckDBPyConnection, plan: catalog.Plan, by: str, at: dt.datetime | None = None) -> None:
    """Write the plan (replacing a plan of the same id) and its change record, in one transaction.
    Years closed before the change keep being judged on the targets as they stood (attainment.py)."""
    before = plan_files.export(con, plan.plan_id) if db.one(con, "SELECT 1 FROM plans WHERE plan_id = ?",
                                                             [plan.plan_id]) else None
    with db.transaction(con) as cur:   # waits while another write (an upload) commits
        catalog.store_plans(cur, [plan])
        after = plan_files.export(cur, plan.plan_id)
        if after != before:
            cur.execute("INSERT INTO plan_changes (plan_id, changed_at, changed_by, before, after) "
                        "VALUES (?, ?, ?, ?, ?)", [plan.plan_id, at or dt.datetime.now().replace(microsecond=0),
                                                   by, before, after])
            detail = AUDIT_DETAIL["plan_edited" if before else "plan_created"].format(plan=plan.plan_id)
            audit.record(cur, by, audit.PLAN, detail)


def retire(con: duckdb.DuckDBPyConnection, plan_id: str, by: str) -> None:
    with db.transaction(con) as cur:   # the plan leaves the lists and the audit trail says so, or neither
        cur.execute("UPDATE plans SET retired = TRUE WHERE plan_id = ?", [plan_id])
        audit.record(cur, by, audit.PLAN, AUDIT_DETAIL["plan_retired"].format(plan=plan_id))


def history(con: duckdb.DuckDBPyConnection, plan_id: str) -> list[tuple[dt.datetime, str, list[str]]]:
    """Each change: when, who, and the lines that changed (old → new)."""
    rows = con.execute("SELECT changed_at, changed_by, before, after FROM plan_changes WHERE plan_id = ? "
                       "ORDER BY change_id DESC", [plan_id]).fetchall()
    return [(at, by, _diff(before, after)) for at, by, before, after in rows]


def _diff(before: str | None, after: str) -> list[str]:
    if before is None:
        return [PLAN_EDIT["created"]]
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def targets_frame(plan: catalog.Plan | None) -> pd.DataFrame:
    """A plan's targets as the editor's table."""
    rows = [{"section": t.section, "indicator": t.indicator_code, "rule": t.rule,
             "value": None if t.rule == "qualitative" else t.value, "value_high": t.value_high, "year": t.year,
             "level": ", ".join(t.levels) if t.levels else None, "clause": t.clause}
            for t in (plan.targets if plan else [])]
    return editable(pd.DataFrame(rows, columns=TARGET_FIELDS))


def editable(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with the column types the editor's columns need (an empty text column is still text)."""
    frame = frame.reindex(columns=TARGET_FIELDS)
    text = {c: "string" for c in TARGET_FIELDS if c not in ("value", "value_high", "year")}
    return frame.astype({**text, "value": "Float64", "value_high": "Float64", "year": "Int64"})


def load(con: duckdb.DuckDBPyConnection, plan_id: str) -> catalog.Plan:
    (plan,) = catalog.parse_plans(plan_files.export(con, plan_id))
    return plan
