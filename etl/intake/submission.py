"""An upload as the app handles it: inspect the bytes a user sent, preview, then commit. No Streamlit here."""
from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl.access import audit
from etl.access import scope as access
from etl.access.scope import Scope
from etl.engine import attainment
from etl.intake import error_report, loader, workbook_privacy
from etl.intake.problems import Problem
from etl.intake.validate import Record
from etl.labels_vi import AUDIT_DETAIL


@dataclass
class Inspection:
    name: str
    digest: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: pd.DataFrame | None = None
    preview: list[tuple[str, int, int, list]] = field(default_factory=list)  # (plan title, year, quarter, results)
    report: bytes | None = None   # the error report workbook, when refused

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    @property
    def counts(self) -> dict[str, int]:
        kinds = ("new", "changed", "same", "carried", "removed")
        if self.changes is None or self.changes.empty:
            return dict.fromkeys(kinds, 0)
        counted = self.changes["change"].value_counts()
        return {k: int(counted.get(k, 0)) for k in kinds}

    @property
    def changes_anything(self) -> bool:
        return bool(self.counts["new"] or self.counts["changed"] or self.counts["removed"])


def _as_file(name: str, data: bytes, folder: str) -> Path:
    path = Path(folder) / (Path(name).name or "tep.xlsx")
    path.write_bytes(data)
    return path


def inspect(con: duckdb.DuckDBPyConnection, name: str, data: bytes, today: dt.date | None = None,
            scope: Scope | None = None) -> Inspection:
    """Everything the user should see before confirming, without writing anything."""
    result = Inspection(workbook_privacy.shown_name(name), hashlib.sha256(data).hexdigest())  # shown on the page
    with tempfile.TemporaryDirectory() as folder:
        path = _as_file(name, data, folder)
        checked = loader.check(con, path, today, name, scope)
        result.records, result.problems, result.warnings = checked.records, checked.problems, checked.warnings
        if result.refused:
            result.report = error_report.build(path, result.problems)
            return result
    result.changes = loader.changes(con, result.records)
    result.preview = loader.trial(con, result.records, lambda cur: _attainment_after(cur, result.records, scope))
    return result


def commit(con: duckdb.DuckDBPyConnection, name: str, data: bytes, submitted_by: str,
           today: dt.date | None = None, scope: Scope | None = None, username: str | None = None
           ) -> loader.LoadReport:
    """Write the file (validated again: the database may have moved on since the preview) and put
    what it wrote in the audit trail."""
    with tempfile.TemporaryDirectory() as folder:
        report = loader.load_file(con, _as_file(name, data, folder), submitted_by, today=today, name=name,
                                  scope=scope)
    if report.loaded:
        written = con.execute(
            """SELECT string_agg(format(?, l.code, r.quarter, r.year, r.version), ', '
                                 ORDER BY l.code, r.year, r.quarter)
               FROM returns r JOIN localities l USING (locality_id) WHERE r.upload_id = ?""",
            [AUDIT_DETAIL["return"], report.upload_id]).fetchall()[0][0]
        audit.record(con, username or submitted_by, audit.UPLOAD,
                     f"{name} (sha256 {hashlib.sha256(data).hexdigest()[:16]}): {written}")
    return report


def _attainment_after(cur, records: list[Record], scope: Scope | None = None) -> list[tuple[str, int, int, list]]:
    """Each plan the figures count towards, judged as it would stand after the load."""
    periods = {}
    for r in records:
        periods[(r.locality_id, r.year)] = max(periods.get((r.locality_id, r.year), 0), r.quarter)
    frame = pd.DataFrame([(loc, year, q) for (loc, year), q in periods.items()],
                         columns=["locality_id", "year", "quarter"])
    cur.register("touched", frame)
    plans = cur.execute(
        """SELECT p.plan_id, p.title, t.year, max(t.quarter)
           FROM touched t JOIN locality_closure c ON c.locality_id = t.locality_id
           JOIN plans p ON p.issuer_id = c.ancestor_id AND t.year BETWEEN p.year_from AND p.year_to
           GROUP BY ALL ORDER BY p.plan_id, t.year""").fetchall()
    out = []
    for plan_id, title, year, quarter in plans:  # judged where the sender may look: its part of the plan's area
        for root in access.entry_points(cur, scope or access.EVERYTHING, attainment.plan_header(cur, plan_id)[0],
                                        year)[:1]:
            out.append((title, year, quarter, attainment.evaluate(cur, plan_id, year, quarter, root, scope=scope)))
    return out


def history(con: duckdb.DuckDBPyConnection, limit: int = 200, scope: Scope | None = None) -> pd.DataFrame:
    """Latest submissions: who sent which file when, for which unit and quarter, which version
    (for a scoped account, those of the units it covers)."""
    root = None if scope is None else scope.root
    return con.execute(
        """SELECT r.submitted_at, r.submitted_by, u.file_name, l.code, l.name, r.year, r.quarter, r.version,
                  len(coalesce(u.warnings, [])) AS warnings
           FROM returns r JOIN uploads u USING (upload_id) JOIN localities l USING (locality_id)
           WHERE ?::VARCHAR IS NULL OR r.locality_id IN (SELECT locality_id FROM in_scope(?))
           ORDER BY r.submitted_at DESC, l.code LIMIT ?""", [root, root, limit]).df()
