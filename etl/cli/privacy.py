"""python -m etl privacy scan | purge [--yes]: personal data already stored, listed (kind and place, never
the value) or blanked in one transaction and recorded in the audit trail (etl/intake/privacy_store.py)."""
from __future__ import annotations

import sys

from etl.cli import users as cli_users
from etl.intake import privacy_store
from etl.labels_vi import MSG, PRIVACY, YES


def add_parser(sub, common) -> None:
    p = sub.add_parser("privacy", parents=[common], help=PRIVACY["help"])
    actions = p.add_subparsers(dest="privacy_command", required=True)
    actions.add_parser("scan", parents=[common], help=PRIVACY["scan_help"])
    purge = actions.add_parser("purge", parents=[common], help=PRIVACY["purge_help"])
    purge.add_argument("--yes", action="store_true", help=PRIVACY["yes_help"])


def run(con, args) -> int:
    findings = privacy_store.scan(con)
    _print(findings)
    if args.privacy_command == "scan" or not findings:
        return 0
    if not args.yes and not _confirmed(len(findings)):
        print(PRIVACY["cancelled"])
        return 1
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    n = privacy_store.purge(con, findings, cli_users.BY)
    con.execute("CHECKPOINT")
    con.close()  # the file is rewritten so that the blanked texts leave no bytes behind
    privacy_store.compact(path)
    print(PRIVACY["purged"].format(n=n))
    return 0


def _print(findings) -> None:
    if not findings:
        print(PRIVACY["none"])
        return
    print(PRIVACY["found"].format(n=len(findings)))
    for f in findings:
        print(PRIVACY["line"].format(place=f.place, kinds=", ".join(MSG[f"pd_{k}"] for k in f.kinds)))


def _confirmed(n: int) -> bool:
    print(PRIVACY["confirm"].format(n=n), end="", flush=True)
    answer = sys.stdin.readline()
    return answer.strip().casefold() in (*YES, "y", "yes")
