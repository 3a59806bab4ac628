"""The DuckDB file: where it is, opening it (waiting while another process writes), migrations (tables) and
sql/macros.sql (every view and macro)."""
from __future__ import annotations

import hashlib
import os
import threading
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from etl.storage import analytics
from etl.storage.faults import DatabaseFault, kind_of

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "pcmd.duckdb"
MIGRATIONS = "sql/migrations"
MACROS = "sql/macros.sql"
MACROS_KEY = "macros_sha256"   # meta: the SHA-256 of the macros.sql last run on the database
# Writes in one process go one at a time, each on its own cursor: two browser sessions (or a session and
# a backup) never interleave statements inside one transaction.
WRITE_LOCK = threading.RLock()


class DatabaseBusy(DatabaseFault):
    """Another process holds the database file longer than we were willing to wait."""

    def __init__(self, path: str = ""):
        super().__init__("busy", path)


def default_path() -> Path:
    return Path(os.environ.get("PCMD_DB") or DEFAULT_DB)


def connect(path: str | Path | None = None, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the database read-write, migrated to the latest schema, its views and macros those of macros.sql.

    DuckDB lets one process at a time open a file for writing. If another holds it (the app,
    or a load from the command line), retry until `wait_seconds` pass, then raise DatabaseBusy.
    A file that cannot be opened or migrated raises DatabaseFault (etl/storage/faults.py) saying why.
    """
    path = Path(path) if path else default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseFault(kind_of(exc), f"{type(exc).__name__}: {exc}") from exc
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except (duckdb.Error, OSError) as exc:
            if "lock" not in str(exc).lower():
                raise DatabaseFault(kind_of(exc), f"{type(exc).__name__}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusy(str(path)) from exc
            time.sleep(0.5)
    try:
        define(con, migrate(con))
    except (duckdb.Error, OSError) as exc:
        con.close()
        raise DatabaseFault(kind_of(exc), f"{type(exc).__name__}: {exc}") from exc
    except BaseException:
        con.close()
        raise
    return con


def migration_files() -> list[tuple[int, str]]:
    folder = resources.files("etl.storage").joinpath(MIGRATIONS)
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
        except Exception as exc:
            con.execute("ROLLBACK")
            kind = kind_of(exc) if kind_of(exc) in ("disk_full", "read_only") else "migration"
            raise DatabaseFault(kind, f"{type(exc).__name__}: {exc}", version) from exc
        applied.append(version)
    return applied


def macros_text() -> str:
    return resources.files("etl.storage").joinpath(MACROS).read_text(encoding="utf-8")


def define(con: duckdb.DuckDBPyConnection, migrated: list[int]) -> bool:
    """Run macros.sql when it is not the one last run on the database (kept by hash in meta), or after
    migrations; then rebuild the tables made by its definitions (era bridge, analytics) if the database holds
    localities or returns. One transaction. Returns whether it ran (an unchanged database costs one read)."""
    text = macros_text()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row = one(con, "SELECT value FROM meta WHERE key = ?", [MACROS_KEY])
    if row and row[0] == digest and not migrated:
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(text)
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [MACROS_KEY, digest])
        if one(con, "SELECT EXISTS (FROM localities) OR EXISTS (FROM returns)")[0]:
            analytics.refresh(con)
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        kind = kind_of(exc) if kind_of(exc) in ("disk_full", "read_only") else "migration"
        raise DatabaseFault(kind, f"{type(exc).__name__}: {exc}", "macros.sql") from exc
    return True


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """First row of a query, reading the whole result: DuckDB 2 refuses new work on a connection
    whose previous result was only partly fetched."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


class Rollback(Exception):  # noqa: N818 (a request, not an error)
    """Raised inside `transaction(...)` to end it in ROLLBACK: the helper swallows it (a load that changed
    nothing, a preview)."""


_open = threading.local()   # the cursor of the transaction this thread is inside, if any


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """One write: the process's write lock, a cursor of its own, BEGIN; COMMIT when the block ends,
    ROLLBACK if it raises (the database is then as it was) or raises Rollback (swallowed).

    A writer called with the cursor of the transaction it runs in joins it (no BEGIN/COMMIT of its own):
    `accounts.change(cur, ...)` inside `account_edit.apply` is part of the edit. Any other handle while
    this thread is inside a transaction is a mistake (its writes would commit apart): RuntimeError."""
    with WRITE_LOCK:
        inside = getattr(_open, "cursor", None)
        if inside is not None:
            if con is not inside:
                raise RuntimeError("a second transaction inside a transaction: pass the cursor it yielded")
            yield con
            return
        cur = con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            _open.cursor = cur
            try:
                yield cur
            except Rollback:
                cur.execute("ROLLBACK")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")   # a failed COMMIT raises (DuckDB has then rolled back)
        finally:
            _open.cursor = None
            cur.close()
