"""A plan as a file in the catalog's own format (data/plans.yaml), so a province can send its plan to
its districts: python -m etl plan export ID / plan import FILE."""
from __future__ import annotations

import duckdb
import yaml

from etl.labels_vi import PLAN_FILE
from etl.model import catalog
from etl.storage import db

HEADER = PLAN_FILE["header"]


def export(con: duckdb.DuckDBPyConnection, plan_id: str) -> str:
    row = db.one(con, """SELECT plan_id, title, issuer_id, issuing_body, year_from, year_to, parent_plan_id,
                                parent_document, source_document, document_number, strftime(document_date, '%Y-%m-%d')
                         FROM plans WHERE plan_id = ?""", [plan_id])
    if row is None:
        raise catalog.CatalogError(PLAN_FILE["missing"].format(plan=plan_id))
    keys = ("id", "title", "issuer", "issuing_body", "year_from", "year_to", "parent", "parent_document", "source",
            "number", "date")
    plan = {k: v for k, v in zip(keys, row) if v not in (None, "")}
    plan["targets"] = [_target(t) for t in con.execute(
        """SELECT section, indicator_code, rule, value, value_high, year, levels, counts, clause
           FROM targets WHERE plan_id = ? ORDER BY position""", [plan_id]).fetchall()]
    return HEADER + yaml.safe_dump({"plans": [plan]}, allow_unicode=True, sort_keys=False, width=110)


def _target(row) -> dict:
    section, indicator, rule, value, value_high, year, levels, counts, clause = row
    out = {"section": section, "indicator": indicator, "rule": rule}
    if value is not None and rule not in ("qualitative",):
        out["value"] = int(value) if float(value).is_integer() else value
    if value_high is not None:
        out["value_high"] = int(value_high) if float(value_high).is_integer() else value_high
    if year is not None:
        out["year"] = year
    if levels:
        out["level"] = levels[0] if len(levels) == 1 else list(levels)
    if counts:
        out["counts"] = counts
    out["clause"] = clause
    return {k: v for k, v in out.items() if v not in (None, "")}


def import_text(con: duckdb.DuckDBPyConnection, text: str) -> list[catalog.Plan]:
    """Check every plan of the file, then store them in one transaction (a plan of the same id is
    replaced); nothing is stored when anything is wrong."""
    try:
        plans = catalog.parse_plans(text)
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise catalog.CatalogError(PLAN_FILE["unreadable"].format(detail=exc)) from exc
    for plan in plans:
        if not db.one(con, "SELECT 1 FROM localities WHERE locality_id = ?", [plan.issuer_id]):
            raise catalog.CatalogError(PLAN_FILE["unknown_issuer"].format(plan=plan.plan_id, issuer=plan.issuer_id))
    with db.transaction(con) as cur:
        catalog.store_plans(cur, plans)
    return plans
