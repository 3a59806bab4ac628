"""Backups: a consistent copy of the whole database in a folder, and restoring it.

DuckDB lets one process open the file read-write, and while the app runs it holds it. So the copy is
made by whichever process holds the file: the command line itself when the app is stopped, otherwise
the running app, which the command line asks through a request file beside the database (the app
watches for requests, `serve`). Either way the copy is `COPY FROM DATABASE` into a new DuckDB file
(tables with their rows, sequences at their current values, macros, views, indexes) in one read
transaction, under the write lock, so it waits for an upload being written and holds no half of one.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
import time
import uuid
import weakref
from pathlib import Path

import duckdb

from etl.labels_vi import BACKUP
from etl.storage import db, faults

FILE, MANIFEST = "pcmd.duckdb", "sao-luu.json"
COUNTS = {"returns": "SELECT count(*) FROM returns", "users": "SELECT count(*) FROM users",
          "events": "SELECT count(*) FROM audit_log", "schema": "SELECT max(version) FROM schema_migrations"}


class BackupError(RuntimeError):
    """A backup or restore that cannot be made; the message is Vietnamese."""


def counts(con: duckdb.DuckDBPyConnection) -> dict:
    return {name: con.execute(sql).fetchall()[0][0] for name, sql in COUNTS.items()}


def write(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict:
    """Copy the open database into out_dir (new or empty of backups); returns the manifest."""
    out_dir = Path(out_dir)
    if (out_dir / FILE).exists():
        raise BackupError(BACKUP["not_empty"].format(path=out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    part = out_dir / (FILE + ".part")
    part.unlink(missing_ok=True)
    cur = con.cursor()
    with db.WRITE_LOCK:
        name = cur.execute("SELECT current_database()").fetchall()[0][0]
        cur.execute("ATTACH ? AS pcmd_backup", [str(part)])
        try:
            cur.execute(f'COPY FROM DATABASE "{name}" TO pcmd_backup')
        finally:
            cur.execute("DETACH pcmd_backup")
    manifest = {**inspect(part), "created_at": dt.datetime.now().isoformat(timespec="seconds")}
    os.replace(part, out_dir / FILE)
    (out_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def inspect(path: Path) -> dict:
    """What a database file holds (read-only); BackupError if it is not one of ours."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise BackupError(BACKUP["bad_backup"].format(path=Path(path).parent)) from exc
    try:
        return counts(con)
    except duckdb.Error as exc:
        raise BackupError(BACKUP["bad_backup"].format(path=Path(path).parent)) from exc
    finally:
        con.close()


# --- the running app makes the copy when asked --------------------------------------------------------

def requests_dir(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".sao-luu")


def ask_app(db_path: Path, out_dir: Path, wait_seconds: float) -> dict | None:
    """Ask the app holding db_path to back up into out_dir; its answer, or None if it gave none."""
    folder = requests_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    ident = uuid.uuid4().hex
    tmp = folder / f"{ident}.tmp"
    tmp.write_text(json.dumps({"out": str(Path(out_dir).resolve())}), encoding="utf-8")
    tmp.rename(folder / f"{ident}.request")
    answer = folder / f"{ident}.answer"
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if answer.exists():
            result = json.loads(answer.read_text(encoding="utf-8"))
            answer.unlink(missing_ok=True)
            return result
        time.sleep(0.2)
    (folder / f"{ident}.request").unlink(missing_ok=True)  # not taken: withdraw it
    return None


def serve_once(con: duckdb.DuckDBPyConnection, db_path: Path) -> int:
    """Answer every pending request; returns how many were answered."""
    folder = requests_dir(db_path)
    answered = 0
    for request in sorted(folder.glob("*.request")) if folder.is_dir() else []:
        taken = request.with_suffix(".taken")
        try:
            request.rename(taken)
        except OSError:
            continue  # withdrawn meanwhile
        try:
            out = Path(json.loads(taken.read_text(encoding="utf-8"))["out"])
            result = {"ok": True, **write(con, out)}
        except BackupError as refused:
            result = {"ok": False, "reason": str(refused)}
        except (*faults.ERRORS, ValueError, KeyError) as exc:
            result = {"ok": False, "reason": faults.fault(exc).message}
        answer = taken.with_suffix(".answer")
        answer.with_suffix(".part").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        answer.with_suffix(".part").rename(answer)
        taken.unlink(missing_ok=True)
        answered += 1
    return answered


def serve(con: duckdb.DuckDBPyConnection, db_path: Path, every: float = 1.0) -> threading.Thread:
    """Watch for backup requests in a daemon thread, for as long as the connection lives (it is held
    weakly: the thread ends when the app drops the connection) and the database's folder exists."""
    ref = weakref.ref(con)

    def loop():
        while Path(db_path).parent.exists() and (held := ref()) is not None:
            try:
                serve_once(held, db_path)
            except duckdb.ConnectionException:
                return  # the connection was closed
            except Exception as exc:  # never let the watcher die silently on a bad request
                faults.log.warning("backup watcher: %s", exc)
            del held
            time.sleep(every)
    thread = threading.Thread(target=loop, name="pcmd-backup-requests", daemon=True)
    thread.start()
    return thread


# --- restoring ---------------------------------------------------------------------------------------

def backup_file(folder: Path) -> Path:
    path = Path(folder) / FILE
    if not path.exists():
        raise BackupError(BACKUP["no_backup"].format(path=folder, name=FILE))
    return path


def kept_name(db_path: Path) -> Path:
    return Path(db_path).with_name(f"{Path(db_path).name}.truoc-khoi-phuc-{dt.datetime.now():%Y%m%d-%H%M%S}")


def restore(folder: Path, db_path: Path, keep: Path) -> dict:
    """Put the backup in folder in place of db_path (kept as `keep`); no process may hold db_path."""
    source = backup_file(folder)
    held = inspect(source)
    db_path = Path(db_path)
    part = db_path.with_name(db_path.name + ".part")
    shutil.copyfile(source, part)
    for suffix in ("", ".wal"):
        current = Path(str(db_path) + suffix)
        if current.exists():
            os.replace(current, Path(str(keep) + suffix))
    os.replace(part, db_path)
    return held
