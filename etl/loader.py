"""Writing checked returns: one transaction per file, a new version only where figures changed."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import db, excel
from etl.labels_vi import MSG
from etl.validate import Record, validate


@dataclass
class LoadReport:
    file_name: str
    loaded: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    rows: int = 0

    def summary(self) -> str:
        if self.problems:
            return MSG["refused"].format(name=self.file_name, count=len(self.problems))
        if not self.new and not self.replaced:
            return MSG["already_loaded"].format(name=self.file_name)
        return MSG["loaded"].format(name=self.file_name, new=self.new, replaced=self.replaced,
                                    unchanged=self.unchanged, rows=self.rows)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(con: duckdb.DuckDBPyConnection, path: Path, today: dt.date | None = None):
    """Read and validate a file without writing: (records, problems, warnings)."""
    problems = excel.check_file(path)
    if problems:
        return [], problems, []
    read = excel.read_bulk(path)
    if read.problems:
        return [], read.problems, []
    checked = validate(con, read.rows, today)
    return checked.records, checked.problems, checked.warnings


def load_file(con: duckdb.DuckDBPyConnection, path: Path, submitted_by: str,
              submitted_at: dt.datetime | None = None, today: dt.date | None = None) -> LoadReport:
    """Validate then write one file. A refused file writes nothing; an identical one changes nothing."""
    path = Path(path)
    report = LoadReport(path.name)
    records, report.problems, report.warnings = check(con, path, today)
    if report.problems:
        return report
    submitted_at = submitted_at or dt.datetime.now().replace(microsecond=0)
    con.execute("BEGIN TRANSACTION")
    try:
        _write(con, path, records, submitted_by, submitted_at, report)
        if report.new or report.replaced:
            con.execute("COMMIT")
            report.loaded = True
        else:
            con.execute("ROLLBACK")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return report


def _write(con, path: Path, records: list[Record], submitted_by: str, submitted_at: dt.datetime,
           report: LoadReport) -> None:
    frame = pd.DataFrame([r.__dict__ for r in records]).drop(columns=["sheet", "row"])
    frame["denominator"] = frame["denominator"].astype("Int64")
    con.register("incoming", frame)
    try:
        changed = con.execute(
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
               WHERE old.figs IS DISTINCT FROM new.figs"""
        ).fetchall()
        groups = frame.groupby(["locality_id", "year", "quarter"]).ngroups
        report.unchanged = groups - len(changed)
        report.replaced = sum(1 for *_, version in changed if version)
        report.new = len(changed) - report.replaced
        if not changed:
            return
        upload_id = db.one(con, 
            "INSERT INTO uploads (file_name, file_hash, submitted_by, submitted_at, row_count) "
            "VALUES (?, ?, ?, ?, ?) RETURNING upload_id",
            [path.name, file_hash(path), submitted_by, submitted_at, len(records)])[0]
        con.register("changed", pd.DataFrame(changed, columns=["locality_id", "year", "quarter", "version"]))
        con.execute(
            """INSERT INTO returns (upload_id, locality_id, year, quarter, version, submitted_by, submitted_at)
               SELECT ?, locality_id, year, quarter, version + 1, ?, ? FROM changed""",
            [upload_id, submitted_by, submitted_at])
        con.execute(
            """INSERT INTO figures
               SELECT r.return_id, i.indicator_code, i.numerator, i.denominator, i.note
               FROM incoming i
               JOIN returns r ON r.upload_id = ? AND r.locality_id = i.locality_id
                             AND r.year = i.year AND r.quarter = i.quarter""",
            [upload_id])
        report.rows = db.one(con, "SELECT count(*) FROM figures f JOIN returns r USING (return_id) "
                                  "WHERE r.upload_id = ?", [upload_id])[0]
    finally:
        con.unregister("incoming")
        try:
            con.unregister("changed")
        except Exception:
            pass
