"""The plan catalog: indicators and plans with their targets, read from data/*.yaml into DuckDB."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

from etl.labels_vi import CATALOG, SMALL_NUMBERS
from etl.storage import analytics

DATA = Path(__file__).resolve().parents[2] / "data"
RULES = {"at_least", "all", "n_of_n", "at_most", "range", "growth", "no_decrease", "cumulative_by", "qualitative"}
RULES_WITH_VALUE = RULES - {"no_decrease", "qualitative"}
LEVELS = {"province", "district", "commune", "neighbourhood"}


class CatalogError(ValueError):
    """The catalog files contradict themselves; each message names the plan and target."""


@dataclass(frozen=True)
class Target:
    target_id: str
    plan_id: str
    position: int
    section: str
    indicator_code: str
    rule: str
    value: float | None
    value_high: float | None
    unit: str
    year: int | None
    levels: tuple[str, ...] | None
    counts: str | None
    clause: str


@dataclass
class Plan:
    plan_id: str
    title: str
    issuer_id: str
    issuing_body: str
    year_from: int
    year_to: int
    parent_plan_id: str | None
    parent_document: str | None
    source_document: str | None
    targets: list[Target] = field(default_factory=list)
    document_number: str | None = None     # số/ký hiệu, e.g. "37/KH-UBND"
    document_date: str | None = None       # ISO date the plan was signed


def read_indicators(path: Path = DATA / "indicators.yaml") -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]


def read_plans(path: Path = DATA / "plans.yaml", indicators: list[dict] | None = None) -> list[Plan]:
    return parse_plans(path.read_text(encoding="utf-8"), indicators)


def parse_plans(text: str, indicators: list[dict] | None = None) -> list[Plan]:
    """Plans in the catalog's YAML format, every target checked; CatalogError lists all problems."""
    indicators = {i["code"]: i for i in (indicators or read_indicators())}
    plans, problems = [], []
    for raw in yaml.safe_load(text)["plans"]:
        plan = Plan(raw["id"], raw["title"], raw["issuer"], raw.get("issuing_body", ""), int(raw["year_from"]),
                    int(raw["year_to"]), raw.get("parent"), raw.get("parent_document"), raw.get("source"),
                    document_number=raw.get("number"), document_date=_iso(raw.get("date")))
        if plan.year_from > plan.year_to:
            problems.append(CATALOG["years_reversed"].format(plan=plan.plan_id))
        for position, t in enumerate(raw["targets"], start=1):
            target = _target(plan, position, t, indicators)
            problems += [f"{target.target_id}: {p}" for p in check_target(target, plan, indicators)]
            plan.targets.append(target)
        plans.append(plan)
    if problems:
        raise CatalogError("\n".join(problems))
    return plans


def _target(plan: Plan, position: int, t: dict, indicators: dict) -> Target:
    indicator = indicators.get(t["indicator"], {})
    share_like = indicator.get("kind") in ("share", "qualitative") or t["rule"] == "growth"
    levels = t.get("level")
    return Target(
        target_id=f"{plan.plan_id}#{position:02d}", plan_id=plan.plan_id, position=position,
        section=t.get("section", ""), indicator_code=t["indicator"], rule=t["rule"],
        value=100.0 if t["rule"] == "qualitative" else _float(t.get("value")),
        value_high=_float(t.get("value_high")),
        unit="%" if share_like and t["rule"] != "n_of_n" else indicator.get("unit", ""),
        year=t.get("year"), levels=tuple([levels] if isinstance(levels, str) else levels) if levels else None,
        counts=t.get("counts"), clause=" ".join(t["clause"].split()))


def _iso(value) -> str | None:
    return None if value in (None, "") else str(value)


def _float(value) -> float | None:
    return None if value is None else float(value)


def check_target(t: Target, plan: Plan, indicators: dict) -> list[str]:
    problems = []
    if t.indicator_code not in indicators:
        problems.append(CATALOG["unknown_indicator"].format(code=t.indicator_code))
    if t.rule not in RULES:
        problems.append(CATALOG["bad_rule"].format(rule=t.rule))
    if t.rule in RULES_WITH_VALUE and t.value is None:
        problems.append(CATALOG["no_value"])
    if t.value is not None and t.value < 0:
        problems.append(CATALOG["negative"])
    if t.unit == "%" and t.rule not in ("growth",) and (t.value or 0) > 100:
        problems.append(CATALOG["over_100"])
    if t.value_high is not None and t.value is not None and t.value_high < t.value:
        problems.append(CATALOG["range_reversed"])
    if t.year is not None and not plan.year_from <= t.year <= plan.year_to:
        problems.append(CATALOG["year_outside"].format(year=t.year))
    if t.levels and not set(t.levels) <= LEVELS:
        problems.append(CATALOG["bad_levels"].format(levels=t.levels))
    if not t.clause.strip():
        problems.append(CATALOG["no_clause"])
    return problems


def load(con: duckdb.DuckDBPyConnection, indicators: list[dict] | None = None, plans: list[Plan] | None = None) -> None:
    """Replace the indicators, and the plans given (default: data/plans.yaml's) with their targets;
    plans imported or made in the app are kept (caller owns the transaction)."""
    indicators = indicators or read_indicators()
    problems = [SMALL_NUMBERS["bad_person_count"].format(code=i["code"], value=i["person_count"])
                for i in indicators if not isinstance(i.get("person_count", False), bool)]
    if problems:
        raise CatalogError("\n".join(problems))
    plans = plans if plans is not None else read_plans(indicators=indicators)
    con.execute("DELETE FROM indicators")
    _insert_many(con, """INSERT INTO indicators (code, name, kind, numerator_label, denominator_label, unit,
                                                 numerator_agg, denominator_agg, better, person_count)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(i["code"], i["name"], i["kind"], i["numerator"], i.get("denominator"), i["unit"],
          i["numerator_agg"], i.get("denominator_agg"), i["better"], bool(i.get("person_count", False)))
         for i in indicators])
    store_plans(con, plans)
    analytics.refresh(con)  # how indicators add up over quarters may have changed


def store_plans(con: duckdb.DuckDBPyConnection, plans: list[Plan]) -> None:
    """Insert the plans, replacing any plan of the same id and all its targets."""
    ids = [p.plan_id for p in plans]
    con.execute("DELETE FROM targets WHERE list_contains(?, plan_id)", [ids])
    con.execute("DELETE FROM plans WHERE list_contains(?, plan_id)", [ids])
    _insert_many(con, """INSERT INTO plans (plan_id, title, issuer_id, issuing_body, year_from, year_to, parent_plan_id,
                                            parent_document, source_document, document_number, document_date)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(p.plan_id, p.title, p.issuer_id, p.issuing_body, p.year_from, p.year_to, p.parent_plan_id,
          p.parent_document, p.source_document, p.document_number, p.document_date) for p in plans])
    _insert_many(con, "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(t.target_id, t.plan_id, t.position, t.section, t.indicator_code, t.rule, t.value, t.value_high,
          t.unit, t.year, list(t.levels) if t.levels else None, t.counts, t.clause)
         for p in plans for t in p.targets])


def _insert_many(con: duckdb.DuckDBPyConnection, sql: str, rows: list[tuple]) -> None:
    if rows:  # DuckDB refuses executemany with no rows
        con.executemany(sql, rows)
