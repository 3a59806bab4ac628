"""Personal data already stored (before the scanner refused it): find the texts the scanner would now
refuse, and blank them in one transaction, recorded in the audit trail.

Texts looked at: figures' notes (every version), uploads' file names and stored warnings, plans' titles,
bodies, documents and numbers, targets' clauses and sections, and the plan change records. A finding
names the place and the kinds, never the value.
"""
from __future__ import annotations

import collections
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from etl.access import audit
from etl.intake.personal_data import find
from etl.labels_vi import PRIVACY
from etl.plans import plan_files
from etl.storage import analytics, db

ACTION = "privacy"
PLAN_FIELDS = ("title", "issuing_body", "parent_document", "source_document", "document_number")
REQUIRED = {("plans", "title"), ("targets", "clause"), ("uploads", "file_name"), ("plan_changes", "after")}


@dataclass(frozen=True)
class Finding:
    table: str
    field: str
    key: tuple
    place: str
    kinds: tuple[str, ...]


def scan(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    cur = con.cursor()
    return _figures(cur) + _uploads(cur) + _plans(cur) + _targets(cur) + _plan_changes(cur)


def purge(con: duckdb.DuckDBPyConnection, findings: list[Finding], by: str) -> int:
    """Blank every text of `findings` in one transaction, refresh the analytics notes, audit it."""
    if not findings:
        return 0
    with db.transaction(con) as cur:
        years = set()
        for finding in findings:
            years |= _blank(cur, finding)
        if years:
            analytics.refresh(cur, years)
        counts = collections.Counter(f.table for f in findings)
        audit.record(cur, by, ACTION, PRIVACY["audit_detail"].format(
            n=len(findings), places=", ".join(f"{table} {n}" for table, n in sorted(counts.items()))))
    return len(findings)


def compact(path: Path) -> None:
    """Rewrite the database file (no connection may be open on it): DuckDB keeps the blocks an UPDATE
    freed, so blanked texts would still be in the file's bytes until it is copied afresh."""
    path = Path(path)
    fresh = path.with_name(path.name + ".compact")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect(str(fresh))
    try:
        target = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH '{_quoted(path)}' AS purged_source (READ_ONLY)")
        con.execute(f'COPY FROM DATABASE purged_source TO "{target}"')
        con.execute("DETACH purged_source")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(fresh, path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _kinds(text) -> tuple[str, ...]:
    return tuple(find(text)) if text else ()


def _figures(cur) -> list[Finding]:
    notes = [note for (note,) in cur.execute("SELECT DISTINCT note FROM figures WHERE note IS NOT NULL").fetchall()]
    flagged = {note: _kinds(note) for note in notes if _kinds(note)}
    if not flagged:
        return []
    cur.register("flagged_notes", pd.DataFrame({"note": list(flagged)}))
    rows = cur.execute(
        """SELECT f.return_id, f.indicator_code, l.code, r.year, r.quarter, r.version, f.note
           FROM figures f JOIN flagged_notes USING (note) JOIN returns r USING (return_id)
           JOIN localities l USING (locality_id) ORDER BY l.code, r.year, r.quarter, r.version, 2""").fetchall()
    return [Finding("figures", "note", (return_id, indicator), PRIVACY["figure"].format(
        code=code, year=year, quarter=quarter, version=version, indicator=indicator), flagged[note])
        for return_id, indicator, code, year, quarter, version, note in rows]


def _uploads(cur) -> list[Finding]:
    found = []
    for upload_id, name, at, warnings in cur.execute(
            "SELECT upload_id, file_name, submitted_at, warnings FROM uploads ORDER BY upload_id").fetchall():
        if _kinds(name):
            found.append(Finding("uploads", "file_name", (upload_id,), PRIVACY["upload"].format(
                upload_id=upload_id, at=at), _kinds(name)))
        for n, warning in enumerate(warnings or [], start=1):
            if _kinds(warning):
                found.append(Finding("uploads", "warnings", (upload_id, n), PRIVACY["upload_warning"].format(
                    upload_id=upload_id, at=at, n=n), _kinds(warning)))
    return found


def _plans(cur) -> list[Finding]:
    found = []
    for plan_id, *values in cur.execute(f"SELECT plan_id, {', '.join(PLAN_FIELDS)} FROM plans ORDER BY 1").fetchall():
        for field, value in zip(PLAN_FIELDS, values):
            if _kinds(value):
                found.append(Finding("plans", field, (plan_id,), PRIVACY["plan"].format(
                    plan=plan_id, field=PRIVACY["plan_fields"][field]), _kinds(value)))
    return found


def _targets(cur) -> list[Finding]:
    found = []
    for target_id, plan_id, position, section, clause in cur.execute(
            "SELECT target_id, plan_id, position, section, clause FROM targets ORDER BY plan_id, position").fetchall():
        for field, value in (("section", section), ("clause", clause)):
            if _kinds(value):
                found.append(Finding("targets", field, (target_id,), PRIVACY["target"].format(
                    plan=plan_id, position=position, field=PRIVACY["plan_fields"][field]), _kinds(value)))
    return found


def _plan_changes(cur) -> list[Finding]:
    found = []
    for change_id, plan_id, before, after in cur.execute(
            "SELECT change_id, plan_id, before, after FROM plan_changes ORDER BY change_id").fetchall():
        for field, value in (("before", before), ("after", after)):
            kinds = _yaml_kinds(value)
            if kinds:
                found.append(Finding("plan_changes", field, (change_id,), PRIVACY["plan_change"].format(
                    plan=plan_id, change_id=change_id) + f" ({PRIVACY['plan_fields'][field]})", kinds))
    return found


def _yaml_kinds(text: str | None) -> tuple[str, ...]:
    kinds: list[str] = []
    for value in _strings(yaml.safe_load(text) if text else None):
        kinds += [k for k in find(value) if k not in kinds]
    return tuple(kinds)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _redacted(node):
    if isinstance(node, str):
        return PRIVACY["blank"] if find(node) else node
    if isinstance(node, dict):
        return {key: _redacted(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_redacted(value) for value in node]
    return node


def _blank(cur, finding: Finding) -> set[int]:
    """Blank one text; the years whose analytics hold a note to refresh."""
    table, field, key = finding.table, finding.field, finding.key
    if table == "figures":
        cur.execute("UPDATE figures SET note = NULL WHERE return_id = ? AND indicator_code = ?", list(key))
        return {cur.execute("SELECT year FROM returns WHERE return_id = ?", [key[0]]).fetchone()[0]}
    if table == "uploads" and field == "warnings":
        upload_id, n = key
        (warnings,) = cur.execute("SELECT warnings FROM uploads WHERE upload_id = ?", [upload_id]).fetchone()
        warnings[n - 1] = PRIVACY["blank"]
        cur.execute("UPDATE uploads SET warnings = ? WHERE upload_id = ?", [warnings, upload_id])
        return set()
    if table == "plan_changes":
        (text,) = cur.execute(f"SELECT {field} FROM plan_changes WHERE change_id = ?", list(key)).fetchone()
        header = plan_files.HEADER if text.startswith(plan_files.HEADER) else ""
        redacted = header + yaml.safe_dump(_redacted(yaml.safe_load(text)), allow_unicode=True, sort_keys=False,
                                           width=110)
        cur.execute(f"UPDATE plan_changes SET {field} = ? WHERE change_id = ?", [redacted, *key])
        return set()
    column = {"uploads": "upload_id", "plans": "plan_id", "targets": "target_id"}[table]
    value = PRIVACY["blank"] if (table, field) in REQUIRED else None
    cur.execute(f"UPDATE {table} SET {field} = ? WHERE {column} = ?", [value, *key])  # names from this module only
    return set()
