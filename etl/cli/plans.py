"""python -m etl plan {export,import}: a plan as a file in the catalog's format."""
from __future__ import annotations

import sys
from pathlib import Path

from etl.access import audit
from etl.cli import users as cli_users
from etl.labels_vi import AUDIT_DETAIL, DRAFT, PLAN_FILE
from etl.model import catalog
from etl.plans import plan_files
from etl.storage import db


def add_parser(sub, common) -> None:
    p = sub.add_parser("plan", help=PLAN_FILE["help"])
    plans = p.add_subparsers(dest="plan_command", required=True)
    out = plans.add_parser("export", parents=[common], help=PLAN_FILE["export_help"])
    out.add_argument("plan_id")
    out.add_argument("-o", "--output", type=Path, help=PLAN_FILE["output_help"])
    into = plans.add_parser("import", parents=[common], help=PLAN_FILE["import_help"])
    into.add_argument("file", type=Path)
    add_draft_parser(plans, common)


def run(con, args) -> int:
    try:
        if args.plan_command == "export":
            text = plan_files.export(con, args.plan_id)
            if args.output:
                args.output.write_text(text, encoding="utf-8")
                print(PLAN_FILE["written"].format(path=args.output))
            else:
                sys.stdout.write(text)
            return 0
        with db.transaction(con) as cur:   # the plans and their lines in the audit trail, or neither
            plans = plan_files.import_text(cur, args.file.read_text(encoding="utf-8"))
            for plan in plans:
                audit.record(cur, cli_users.BY, audit.PLAN,
                             AUDIT_DETAIL["plan_imported"].format(plan=plan.plan_id, file=args.file.name))
        for plan in plans:
            print(PLAN_FILE["imported"].format(plan=plan.plan_id, n=len(plan.targets)))
        return 0
    except catalog.CatalogError as refused:
        print(refused, file=sys.stderr)
        return 2


DRAFT_COLUMNS = ["indicator_code", "comparator", "value", "value_high", "unit", "year", "clause", "start", "end",
                 "check"]


def add_draft_parser(plans, common) -> None:
    p = plans.add_parser("draft", parents=[common], help=DRAFT["help"])
    p.add_argument("file", type=Path)
    p.add_argument("--csv", action="store_true")


def run_draft(args) -> int:
    """The proposals, each with the span of the text it came from (character offsets) and why to check it:
    as CSV in the text's order, or as lines with those to check first, marked."""
    import csv

    from etl.labels_vi import DRAFT_CHECK
    from etl.plans import draft, draft_view
    try:
        proposals = draft.draft(draft.document_text(args.file.name, args.file.read_bytes()))
    except draft.UnreadableDocument as refused:
        print(refused, file=sys.stderr)
        return 2
    writer = csv.writer(sys.stdout) if args.csv else None
    if writer:
        writer.writerow(DRAFT_COLUMNS)
    for p in proposals if writer else sorted(proposals, key=lambda p: not p.checks):
        row = [p.indicator_code or DRAFT["unmapped"], p.comparator, _plain(p.value), _plain(p.value_high), p.unit,
               p.year or "", p.clause, p.start, p.end, draft_view.checks_text(p.checks)]
        if writer:
            writer.writerow(row)
        else:
            mark = f"[{DRAFT_CHECK['cli_check']}: {row[-1]}] " if p.checks else ""
            print(mark + " | ".join(map(str, row[:-1])))
    if not proposals:
        print(DRAFT_CHECK["none"], file=sys.stderr)
    return 0


def _plain(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
