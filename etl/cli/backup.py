"""python -m etl backup -o DIR | restore DIR [--yes]: a consistent copy of the database, and putting
one back (etl/storage/backup.py). Backup works while the app runs (the app makes the copy when asked)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import duckdb

from etl.labels_vi import BACKUP, YES
from etl.storage import backup, db, faults

OWN_FILE = {"backup", "restore"}
EXIT_BUSY, EXIT_REFUSED, EXIT_ABORTED = 3, 2, 1


def add_parsers(sub, common) -> None:
    p = sub.add_parser("backup", parents=[common], help=BACKUP["help"])
    p.add_argument("-o", "--output", type=Path, required=True, help=BACKUP["output_help"])
    p = sub.add_parser("restore", parents=[common], help=BACKUP["restore_help"])
    p.add_argument("folder", type=Path)
    p.add_argument("--yes", action="store_true", help=BACKUP["yes_help"])


def run(path: Path, args) -> int:
    try:
        return _backup(path, args) if args.command == "backup" else _restore(path, args)
    except backup.BackupError as refused:
        print(refused, file=sys.stderr)
        return EXIT_REFUSED


def _backup(path: Path, args) -> int:
    if not path.exists():
        raise faults.DatabaseFault("missing", str(path))
    try:
        con = db.connect(path, wait_seconds=0)
    except db.DatabaseBusy:
        return _backup_by_app(path, args)
    try:
        manifest = backup.write(con, args.output)
    finally:
        con.close()
    print(BACKUP["written"].format(path=args.output, **manifest))
    return 0


def _backup_by_app(path: Path, args) -> int:
    print(BACKUP["asking_app"], file=sys.stderr)
    answer = backup.ask_app(path, args.output, args.wait)
    if answer is None:
        print(BACKUP["app_silent"].format(seconds=args.wait), file=sys.stderr)
        return EXIT_BUSY
    if not answer["ok"]:
        print(BACKUP["app_failed"].format(reason=answer["reason"]), file=sys.stderr)
        return EXIT_REFUSED
    print(BACKUP["written"].format(path=args.output, **answer))
    return 0


def _current_counts(path: Path) -> dict | None:
    """What the database to be replaced holds; None if it is missing or unreadable. DatabaseBusy if a
    process (the app) holds it: a file in use cannot be replaced."""
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        if faults.kind_of(exc) == "busy":
            raise db.DatabaseBusy(str(path)) from exc
        return None
    try:
        return backup.counts(con)
    except duckdb.Error:
        return None
    finally:
        con.close()


def _restore(path: Path, args) -> int:
    held = backup.inspect(backup.backup_file(args.folder))
    try:
        now = _current_counts(path) or {"returns": "?", "users": "?"}
    except db.DatabaseBusy:
        print(BACKUP["app_running"], file=sys.stderr)
        return EXIT_BUSY
    keep = backup.kept_name(path)
    manifest = args.folder / backup.MANIFEST
    at = manifest.stat().st_mtime if manifest.exists() else (args.folder / backup.FILE).stat().st_mtime
    print(BACKUP["summary"].format(at=f"{dt.datetime.fromtimestamp(at):%d/%m/%Y %H:%M}", returns=held["returns"],
                                   users=held["users"], now_returns=now["returns"], now_users=now["users"]))
    if not args.yes and input(BACKUP["question"].format(keep=keep.name)).strip().lower() not in YES:
        print(BACKUP["aborted"])
        return EXIT_ABORTED
    backup.restore(args.folder, path, keep)
    db.connect(path, wait_seconds=0).close()  # brings an older backup's schema up to date
    print(BACKUP["restored"].format(path=args.folder, keep=keep.name))
    return 0
