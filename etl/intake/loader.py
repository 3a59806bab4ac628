"""Writing checked returns: one transaction per file, a new version only where figures changed.

Writes in one process go one at a time (db.transaction: the write lock, a cursor of its own), so two browser
sessions uploading at the same moment both finish cleanly. Another process is kept out by DuckDB's
file lock (etl.storage.db.connect waits, then says so).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl.access.scope import Scope
from etl.intake import corrections, excel, personal_data, workbook_privacy
from etl.intake.personal_data import PersonalDataProblem
from etl.intake.problems import Problem
from etl.intake.validate import Checked, Record, validate
from etl.labels_vi import MSG
from etl.storage import analytics, db


@dataclass
class LoadReport:
    file_name: str
    loaded: bool = False
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    rows: int = 0
    upload_id: int | None = None
    changes: pd.DataFrame | None = None   # figure by figure (etl.intake.corrections.changes), when the file was valid

    def figure_lines(self) -> list[str]:
        """New, changed, removed and carried-forward figures, one line each, for the command line."""
        return [] if self.changes is None else corrections.summary_lines(self.changes)

    def summary(self) -> str:
        if self.problems:
            return MSG["refused"].format(name=self.file_name, count=len(self.problems))
        if not self.new and not self.replaced:
            return MSG["already_loaded"].format(name=self.file_name)
        return MSG["loaded"].format(name=self.file_name, new=self.new, replaced=self.replaced,
                                    unchanged=self.unchanged, rows=self.rows)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(con: duckdb.DuckDBPyConnection, path: Path, today: dt.date | None = None,
          name: str | None = None, scope: Scope | None = None) -> Checked:
    """Read and validate a file without writing anything. Messages never show a file name that carries
    personal data; personal-data problems come with the file's other problems, all at once."""
    with _cyclic_gc_paused():
        return _check(con, path, today, name or Path(path).name, scope)


@contextlib.contextmanager
def _cyclic_gc_paused():
    """A 100 000-row file makes ~1 000 000 short-lived objects, none in a cycle; the cyclic collector ran
    over them again and again (0,9 s of 3,5 s, bench/bulk.py). Reference counting still frees them; the
    collector is turned back on (if it was on) as soon as the check ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check(con: duckdb.DuckDBPyConnection, path: Path, today: dt.date | None, name: str,
           scope: Scope | None) -> Checked:
    shown = workbook_privacy.shown_name(name)
    named = workbook_privacy.file_name_problems(name)
    problems = excel.check_file(path, shown)
    if problems:
        return Checked([], named + problems, [])
    read = excel.read(path, shown)
    personal = named + read.problems
    if not all(isinstance(p, PersonalDataProblem) for p in personal):
        return Checked([], personal, [])
    flagged = {(p.sheet, p.row) for p in personal}  # rows carrying personal data: no message may echo them
    rows = [r for r in read.rows if (r.sheet, r.row) not in flagged
            and not any((r.sheet, at[0]) in flagged for at in r.origins.values())]
    checked = validate(con, rows, today, scope)
    if personal:  # refused: the file's other problems listed with it, its sheet names never echoed in warnings
        return Checked([], personal + checked.problems, checked.warnings)
    checked.warnings = read.warnings + checked.warnings
    return checked


def load_file(con: duckdb.DuckDBPyConnection, path: Path, submitted_by: str,
              submitted_at: dt.datetime | None = None, today: dt.date | None = None,
              name: str | None = None, scope: Scope | None = None) -> LoadReport:
    """Validate then write one file. A refused file writes nothing; an identical one changes nothing."""
    with _cyclic_gc_paused():
        return _load_file(con, Path(path), submitted_by, submitted_at, today, name, scope)


def _load_file(con, path: Path, submitted_by: str, submitted_at: dt.datetime | None, today: dt.date | None,
               name: str | None, scope: Scope | None) -> LoadReport:
    report = LoadReport(workbook_privacy.shown_name(name or path.name))
    checked = check(con, path, today, name, scope)
    report.problems, report.warnings = checked.problems, checked.warnings
    if sender := personal_data.sender_kinds(submitted_by):  # stored with the upload: no one else's data
        report.problems = [PersonalDataProblem(MSG["pd_sender"].format(kind=personal_data.kinds_text(sender)))
                           ] + report.problems
    if report.problems:
        return report
    submitted_at = submitted_at or dt.datetime.now().replace(microsecond=0)
    with db.transaction(con) as cur:
        report.changes = corrections.changes(cur, checked.records)
        _write(cur, report.file_name, file_hash(path), checked, submitted_by, submitted_at, report)
        if not (report.new or report.replaced):
            raise db.Rollback  # an identical file: no empty upload left behind
        report.loaded = True
    return report


def changes(con: duckdb.DuckDBPyConnection, records: list[Record]) -> pd.DataFrame:
    """Figure by figure, what a load would change: new, changed, the same, carried forward or removed."""
    return corrections.changes(con.cursor(), records)


def trial(con: duckdb.DuckDBPyConnection, records: list[Record], look: Callable[[duckdb.DuckDBPyConnection], object]):
    """Write the records, let `look` read the database as it would be, then undo everything."""
    with db.transaction(con) as cur:
        checked = Checked(records, [], [])
        trial_name = MSG["trial_name"]
        _write(cur, trial_name, "", checked, trial_name, dt.datetime.now(), LoadReport(trial_name))
        seen = look(cur)
        raise db.Rollback
    return seen


def _write(cur, file_name: str, digest: str, checked: Checked, submitted_by: str, submitted_at: dt.datetime,
           report: LoadReport) -> None:
    """A new version for each unit and quarter whose figures change. The version holds the file's figures
    and carries forward those the file does not mention (a figure goes only when marked 'xóa')."""
    records = checked.records
    incoming = corrections.incoming_frame(records)
    old = corrections.in_force(cur, incoming)
    cur.register("after_load", corrections.merged(incoming, old))
    cur.register("old_figures", old)
    cur.register("touched", incoming[["locality_id", "year", "quarter"]].drop_duplicates())
    changed = cur.execute(
        """WITH new AS (SELECT t.locality_id, t.year, t.quarter,
                               list(struct_pack(i := a.indicator_code, n := a.numerator, d := a.denominator,
                                                t := a.note) ORDER BY a.indicator_code)
                                   FILTER (WHERE a.indicator_code IS NOT NULL) AS figs
                        FROM touched t LEFT JOIN after_load a USING (locality_id, year, quarter)
                        GROUP BY ALL),
                old AS (SELECT locality_id, year, quarter, max(version) AS version,
                               list(struct_pack(i := indicator_code, n := numerator, d := denominator, t := note)
                                    ORDER BY indicator_code) AS figs
                        FROM old_figures GROUP BY ALL)
           SELECT new.locality_id, new.year, new.quarter,
                  (SELECT coalesce(max(r.version), 0) FROM returns r  -- a version a removal left empty counts
                   WHERE r.locality_id = new.locality_id AND r.year = new.year AND r.quarter = new.quarter) AS version
           FROM new LEFT JOIN old USING (locality_id, year, quarter)
           WHERE old.figs IS DISTINCT FROM new.figs""").fetchall()
    groups = len(incoming[["locality_id", "year", "quarter"]].drop_duplicates())
    report.unchanged = groups - len(changed)
    report.replaced = sum(1 for *_, version in changed if version)
    report.new = len(changed) - report.replaced
    if not changed:
        return
    upload_id = db.one(cur, "INSERT INTO uploads (file_name, file_hash, submitted_by, submitted_at, row_count, warnings)"
                            " VALUES (?, ?, ?, ?, ?, ?) RETURNING upload_id",
                       [file_name, digest, submitted_by, submitted_at, len(records), checked.warnings])[0]
    report.upload_id = upload_id
    cur.register("changed", pd.DataFrame(changed, columns=["locality_id", "year", "quarter", "version"]))
    cur.execute("""INSERT INTO returns (upload_id, locality_id, year, quarter, version, submitted_by, submitted_at)
                   SELECT ?, locality_id, year, quarter, version + 1, ?, ? FROM changed""",
                [upload_id, submitted_by, submitted_at])
    cur.execute("""INSERT INTO figures
                   SELECT r.return_id, a.indicator_code, a.numerator, a.denominator, a.note
                   FROM after_load a
                   JOIN returns r ON r.upload_id = ? AND r.locality_id = a.locality_id
                                 AND r.year = a.year AND r.quarter = a.quarter""", [upload_id])
    report.rows = db.one(cur, "SELECT count(*) FROM figures f JOIN returns r USING (return_id) WHERE r.upload_id = ?",
                         [upload_id])[0]
    analytics.refresh_touched(cur, [(locality_id, year, quarter) for locality_id, year, quarter, _ in changed])
