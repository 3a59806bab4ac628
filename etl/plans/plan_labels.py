"""A short label per plan for pickers: who issued it, the years it covers, its document number
('UBND huyện Bình Lục · 2022–2025 · số 37/KH-UBND'); labels that would still read alike get the
plan's id, so no two plans look the same."""
from __future__ import annotations

import duckdb

from etl.labels_vi import I16


def labels(con: duckdb.DuckDBPyConnection, plan_ids: list[str]) -> dict[str, str]:
    """plan_id -> its short label, for the given plans (unknown ids are left out)."""
    if not plan_ids:
        return {}
    rows = con.execute("""SELECT p.plan_id, coalesce(nullif(trim(p.issuing_body), ''), l.name, p.issuer_id),
                                 p.year_from, p.year_to, p.document_number
                          FROM plans p LEFT JOIN localities l ON l.locality_id = p.issuer_id
                          WHERE list_contains(?, p.plan_id)""", [list(plan_ids)]).fetchall()
    return distinct({pid: label(body, year_from, year_to, number) for pid, body, year_from, year_to, number in rows})


def label(issuer: str, year_from: int, year_to: int, number: str | None) -> str:
    years = str(year_from) if year_from == year_to else f"{year_from}–{year_to}"
    number = " ".join((number or "").split())
    parts = [" ".join(str(issuer).split()), years] + ([I16["plan_number"].format(number=number)] if number else [])
    return " · ".join(parts)


def distinct(by_id: dict[str, str]) -> dict[str, str]:
    """Labels shared by two plans get the plan's id after them."""
    seen: dict[str, int] = {}
    for text in by_id.values():
        seen[text] = seen.get(text, 0) + 1
    return {pid: f"{text} ({pid})" if seen[text] > 1 else text for pid, text in by_id.items()}
