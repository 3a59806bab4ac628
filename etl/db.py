"""The DuckDB file: where it is, opening it (waiting while another process writes), migrations."""
from __future__ import annotations

import os
import time
from importlib import resources
from pathlib import Path

import duckdb

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "pcmd.duckdb"
MIGRATIONS = "sql/migrations"


class DatabaseBusy(RuntimeError):
    """Another process holds the database file longer than we were willing to wait."""


def default_path() -> Path:
    return Path(os.environ.get("PCMD_DB") or DEFAULT_DB)


def connect(path: str | Path | None = None, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the database read-write, migrated to the latest schema.

    DuckDB lets one process at a time open a file for writing. If another holds it (the app,
    or a load from the command line), retry until `wait_seconds` pass, then raise DatabaseBusy.
    """
    path = Path(path) if path else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(str(path)) from exc
            time.sleep(0.5)
    migrate(con)
    return con


def migration_files() -> list[tuple[int, str]]:
    folder = resources.files("etl").joinpath(MIGRATIONS)
    files = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(int(p.name.split("_", 1)[0]), p.read_text(encoding="utf-8")) for p in files]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration not yet applied, each in its own transaction. Returns those applied."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, sql in migration_files():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """First row of a query, reading the whole result: DuckDB 2 refuses new work on a connection
    whose previous result was only partly fetched."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
