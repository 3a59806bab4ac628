"""Writing checked returns: one transaction per file, a new version only where figures changed.

Writes in one process go one at a time (WRITE_LOCK), each on its own cursor, so two browser
sessions uploading at the same moment both finish cleanly. Another process is kept out by DuckDB's
file lock (etl.db.connect waits, then says so).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import analytics, db, excel, workbook_privacy
from etl.labels_vi import MSG
from etl.personal_data import PersonalDataProblem
from etl.problems import Problem
from etl.access import Scope
from etl.validate import Checked, Record, validate

WRITE_LOCK = threading.Lock()


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
    name = name or Path(path).name
    shown = workbook_privacy.shown_name(name)
    named = workbook_privacy.file_name_problems(name)
    problems = excel.check_file(path, shown)
    if problems:
        return Checked([], named + problems, [])
    read = excel.read(path, shown)
    personal = named + read.problems
    if all(isinstance(p, PersonalDataProblem) for p in personal):
        flagged = {(p.sheet, p.row) for p in personal}  # rows carrying personal data: no message may echo them
        rows = [r for r in read.rows if (r.sheet, r.row) not in flagged
                and not any((r.sheet, at[0]) in flagged for at in r.origins.values())]
        checked = validate(con, rows, today, scope)
        if personal:
            return Checked([], personal + checked.problems, checked.warnings)
        return checked
    return Checked([], personal, [])


def load_file(con: duckdb.DuckDBPyConnection, path: Path, submitted_by: str,
              submitted_at: dt.datetime | None = None, today: dt.date | None = None,
              name: str | None = None, scope: Scope | None = None) -> LoadReport:
    """Validate then write one file. A refused file writes nothing; an identical one changes nothing."""
    path = Path(path)
    report = LoadReport(workbook_privacy.shown_name(name or path.name))
    checked = check(con, path, today, name, scope)
    report.problems, report.warnings = checked.problems, checked.warnings
    if report.problems:
        return report
    submitted_at = submitted_at or dt.datetime.now().replace(microsecond=0)
    with WRITE_LOCK:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            _write(cur, report.file_name, file_hash(path), checked, submitted_by, submitted_at, report)
            if report.new or report.replaced:
                cur.execute("COMMIT")
                report.loaded = True
            else:
                cur.execute("ROLLBACK")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()
    return report


def changes(con: duckdb.DuckDBPyConnection, records: list[Record]) -> pd.DataFrame:
    """Figure by figure, what a load would change: new, changed or the same as the version in force."""
    if not records:
        return pd.DataFrame(columns=["locality_id", "code", "name", "year", "quarter", "indicator_code", "version",
                                     "old_numerator", "old_denominator", "numerator", "denominator", "change"])
    cur = con.cursor()
    cur.register("incoming", _frame(records))
    return cur.execute(
        """SELECT i.locality_id, l.code, l.name, i.year, i.quarter, i.indicator_code, v.version,
                  f.numerator AS old_numerator, f.denominator AS old_denominator, i.numerator, i.denominator,
                  CASE WHEN v.version IS NULL THEN 'new'
                       WHEN f.numerator IS NOT DISTINCT FROM i.numerator
                        AND f.denominator IS NOT DISTINCT FROM i.denominator THEN 'same'
                       ELSE 'changed' END AS change
           FROM incoming i
           JOIN localities l USING (locality_id)
           LEFT JOIN (SELECT locality_id, year, quarter, max(version) AS version FROM current_returns GROUP BY ALL) v
                  USING (locality_id, year, quarter)
           LEFT JOIN current_figures f USING (locality_id, year, quarter, indicator_code)
           ORDER BY l.code, i.year, i.quarter, i.indicator_code""").df()


def trial(con: duckdb.DuckDBPyConnection, records: list[Record], look: Callable[[duckdb.DuckDBPyConnection], object]):
    """Write the records, let `look` read the database as it would be, then undo everything."""
    with WRITE_LOCK:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            checked = Checked(records, [], [])
            _write(cur, "(xem trước)", "", checked, "(xem trước)", dt.datetime.now(), LoadReport("(xem trước)"))
            return look(cur)
        finally:
            cur.execute("ROLLBACK")
            cur.close()


def _frame(records: list[Record]) -> pd.DataFrame:
    frame = pd.DataFrame([r.__dict__ for r in records]).drop(columns=["sheet", "row"])
    frame["denominator"] = frame["denominator"].astype("Int64")
    return frame


def _write(cur, file_name: str, digest: str, checked: Checked, submitted_by: str, submitted_at: dt.datetime,
           report: LoadReport) -> None:
    records = checked.records
    frame = _frame(records)
    cur.register("incoming", frame)
    changed = cur.execute(
        """WITH new AS (SELECT locality_id, year, quarter,
                               list(struct_pack(i := indicator_code, n := numerator, d := denominator, t := note)
                                    ORDER BY indicator_code) AS figs
                        FROM incoming GROUP BY ALL),
                old AS (SELECT locality_id, year, quarter, max(version) AS version,
                               list(struct_pack(i := indicator_code, n := numerator, d := denominator, t := note)
                                    ORDER BY indicator_code) AS figs
                        FROM current_figures
                        WHERE (locality_id, year, quarter) IN (SELECT locality_id, year, quarter FROM new)
                        GROUP BY ALL)
           SELECT new.locality_id, new.year, new.quarter, coalesce(old.version, 0) AS version
           FROM new LEFT JOIN old USING (locality_id, year, quarter)
           WHERE old.figs IS DISTINCT FROM new.figs""").fetchall()
    groups = frame.groupby(["locality_id", "year", "quarter"]).ngroups
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
                   SELECT r.return_id, i.indicator_code, i.numerator, i.denominator, i.note
                   FROM incoming i
                   JOIN returns r ON r.upload_id = ? AND r.locality_id = i.locality_id
                                 AND r.year = i.year AND r.quarter = i.quarter""", [upload_id])
    report.rows = db.one(cur, "SELECT count(*) FROM figures f JOIN returns r USING (return_id) WHERE r.upload_id = ?",
                         [upload_id])[0]
    analytics.refresh(cur, {year for _, year, _, _ in changed})
