"""Command line: python -m etl {init,load,targets,localities,attainment,template,export,demo} [--db PATH]."""
from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from etl.access import audit, rights
from etl.access import scope as access
from etl.cli import backup as cli_backup
from etl.cli import plans as cli_plans
from etl.cli import privacy as cli_privacy
from etl.cli import refresh as cli_refresh
from etl.cli import users as cli_users
from etl.engine import attainment
from etl.intake import loader
from etl.labels_vi import CLI, EXPORT, FAULT, MSG, PLAN_FILE, STATUS
from etl.model import bootstrap, indicators, periods, reform
from etl.storage import db, faults, meta

TARGET_COLUMNS = ["plan_id", "indicator_code", "level", "year", "comparator", "value", "value_high", "unit", "clause"]
ATTAINMENT_COLUMNS = ["plan_id", "locality_code", "indicator_code", "year", "quarter", "comparator", "target_value",
                      "numerator", "denominator", "actual", "status", "children_reported", "children_total"]
LOCALITY_COLUMNS = ["locality_id", "code", "name", "level", "unit_type", "parent_id", "valid_from", "valid_to",
                    "successor_id", "local_code"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=CLI["description"])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help=CLI["db_help"])
    common.add_argument("--wait", type=float, default=30.0, help=CLI["wait_help"])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", parents=[common], help=CLI["init_help"])
    p = sub.add_parser("load", parents=[common], help=CLI["load_help"])
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--by", default=CLI["by"], help=CLI["by_help"])
    p = sub.add_parser("targets", parents=[common], help=CLI["targets_help"])
    p.add_argument("--csv", action="store_true")
    p.add_argument("--plan")
    p = sub.add_parser("localities", parents=[common], help=CLI["localities_help"])
    p.add_argument("--csv", action="store_true")
    p = sub.add_parser("attainment", parents=[common], help=CLI["attainment_help"])
    p.add_argument("--plan", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], default=4)
    p.add_argument("--locality", help=CLI["locality_help"])
    p.add_argument("--csv", action="store_true")
    p = sub.add_parser("template", parents=[common], help=CLI["template_help"])
    p.add_argument("--locality", required=True, help=CLI["template_locality_help"])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], required=True)
    p.add_argument("-o", "--output", type=Path, required=True)
    p = sub.add_parser("export", parents=[common], help=CLI["export_help"])
    p.add_argument("--plan", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--period", choices=list(periods.PERIODS), default="Y",
                   help=CLI["period_help"])
    p.add_argument("--locality", help=CLI["locality_help"])
    p.add_argument("--format", choices=["xlsx", "csv", "docx"], help=CLI["format_help"])
    p.add_argument("--table", choices=["chi-tieu", "dia-ban", "bao-cao", "cac-nam"],
                   help=CLI["table_help"])
    p.add_argument("--user", help=CLI["user_help"])
    p.add_argument("-o", "--output", type=Path, required=True)
    cli_users.add_parser(sub, common)
    cli_plans.add_parser(sub, common)
    cli_privacy.add_parser(sub, common)
    cli_backup.add_parsers(sub, common)
    cli_refresh.add_parser(sub, common)
    p = sub.add_parser("demo", parents=[common], help=CLI["demo_help"])
    p.add_argument("--if-missing", action="store_true", help=CLI["if_missing_help"])
    p.add_argument("--out", type=Path, help=CLI["out_help"])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "plan" and args.plan_command == "draft":
        return cli_plans.run_draft(args)  # reads a document, not the database
    path = Path(args.db) if args.db else db.default_path()
    try:
        return _run(path, args)
    except faults.ERRORS as exc:  # a fault of the database file or the disk: Vietnamese, no traceback
        found = faults.fault(exc, log_detail=bool(os.environ.get("PCMD_DEBUG")))
        other_file = getattr(exc, "filename", None) and Path(exc.filename).resolve() != path.resolve()
        if other_file and found.kind != "disk_full":  # e.g. -o into a folder that does not exist
            print(FAULT["file"].format(name=Path(exc.filename).name, reason=found.message), file=sys.stderr)
            return 2
        print(found.message, file=sys.stderr)
        return found.exit_code


def _run(path: Path, args) -> int:
    if args.command in cli_backup.OWN_FILE:  # backup, restore: they handle the file themselves
        return cli_backup.run(path, args)
    if args.command == "demo" and args.if_missing and _has_data(path):
        _demo_accounts(path)
        print(CLI["demo_exists"].format(path=path))
        return 0
    if args.command not in CREATES and not path.exists():
        raise faults.DatabaseFault("missing", str(path))
    try:
        con = db.connect(path, wait_seconds=args.wait)
    except db.DatabaseBusy:
        print(MSG["db_busy"].format(path=path, seconds=args.wait), file=sys.stderr)
        return 3
    try:
        return COMMANDS[args.command](con, args)
    finally:
        con.close()


def _has_data(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        con = db.connect(path, wait_seconds=0)
    except db.DatabaseBusy:
        return True  # the app holds it open: it exists
    try:
        return db.one(con, "SELECT count(*) FROM returns")[0] > 0
    finally:
        con.close()


def _demo_accounts(path: Path) -> None:
    from etl.cli import demo
    try:
        con = db.connect(path, wait_seconds=0)
    except db.DatabaseBusy:
        return  # the app holds it: nothing to add now
    try:
        if meta.get_meta(con, "demo") is not None:
            demo.add_accounts(con)
    finally:
        con.close()


def cmd_init(con, args) -> int:
    counts = bootstrap.initialise(con)
    print(CLI["initialised"].format(**counts))
    return 0


def cmd_load(con, args) -> int:
    _ensure_initialised(con)
    failed = 0
    for path in args.files:
        report = loader.load_file(con, path, args.by)
        stream = sys.stderr if report.problems else sys.stdout
        print(report.summary(), file=stream)
        for line in report.problems:
            print(f"  - {line}", file=stream)
        for line in report.figure_lines() if report.loaded else []:
            print(f"  {line}")
        for line in report.warnings:
            print(CLI["warning"].format(line=line))
        failed += bool(report.problems)
    return 1 if failed else 0


def cmd_targets(con, args) -> int:
    rows = con.cursor().execute(
        """SELECT t.plan_id, t.indicator_code, coalesce(array_to_string(t.levels, ';'), l.level), t.year, t.rule,
                  t.value, t.value_high, t.unit, t.clause
           FROM targets t JOIN plans p USING (plan_id) JOIN localities l ON l.locality_id = p.issuer_id
           WHERE ? IS NULL OR t.plan_id = ? ORDER BY t.plan_id, t.position""", [args.plan, args.plan]).fetchall()
    _write_rows(TARGET_COLUMNS, rows, args.csv)
    return 0


def cmd_localities(con, args) -> int:
    rows = con.cursor().execute(f"SELECT {', '.join(LOCALITY_COLUMNS)} FROM localities ORDER BY locality_id").fetchall()
    _write_rows(LOCALITY_COLUMNS, rows, args.csv)
    return 0


def cmd_attainment(con, args) -> int:
    locality_id = None
    if args.locality:
        locality_id = reform.resolve_in_plan(con, args.locality, args.plan, args.year, args.quarter)
        if locality_id is None:
            print(CLI["unknown_locality"].format(code=args.locality, quarter=args.quarter, year=args.year),
                  file=sys.stderr)
            return 2
    try:
        results = attainment.evaluate(con, args.plan, args.year, args.quarter, locality_id)
    except attainment.PlanNotFound:
        print(PLAN_FILE["missing"].format(plan=args.plan), file=sys.stderr)
        return 2
    except attainment.YearOutsidePlan:
        print(CLI["year_outside"].format(year=args.year, plan=args.plan), file=sys.stderr)
        return 2
    rows = [[getattr(r, c) for c in ATTAINMENT_COLUMNS] for r in results]
    if not args.csv:
        rows = [[*row[:10], STATUS[row[10]], *row[11:]] for row in rows]
    _write_rows(ATTAINMENT_COLUMNS, rows, args.csv)
    return 0


def cmd_export(con, args) -> int:
    from etl.reports import annex, export_files, export_tables
    kind = args.format or args.output.suffix.lstrip(".").lower().replace("zip", "csv")
    if kind not in export_tables.FORMATS:
        print(CLI["bad_format"], file=sys.stderr)
        return 2
    if kind == "csv" and not args.table and args.output.suffix.lower() != ".zip":
        print(EXPORT["csv_needs_zip"], file=sys.stderr)
        return 2
    scope = None
    if args.user:  # the export that account would get, if its role may export at all
        try:
            scope = access.of_account(rights.account_for(con, args.user, rights.EXPORT))
        except rights.AccessRefused as refused:
            print(refused, file=sys.stderr)
            return EXIT_REFUSED_ACCOUNT
    try:
        view = export_tables.view_for(con, args.plan, args.year, args.period, args.locality, scope)
    except export_tables.ExportRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    export = export_tables.build(con, view)
    if kind == "xlsx":
        content = export_files.xlsx(export)
    elif kind == "docx":
        content = annex.docx(export)
    elif args.table:
        if args.table not in {t.key for t in export.tables}:
            print(CLI["no_table"].format(table=args.table), file=sys.stderr)
            return 2
        content = export_files.csv_table(export.table(args.table))
    else:
        content = export_files.csv_zip(export)
    args.output.write_bytes(content)
    audit.record(con, args.user or cli_users.BY, audit.EXPORT, f"{args.output.name} ({args.plan} {args.year} {args.period})")
    print(EXPORT["written"].format(path=args.output))
    return 0


def cmd_template(con, args) -> int:
    from etl.intake import template
    _ensure_initialised(con)
    try:
        content = template.build(con, args.locality, args.year, args.quarter)
    except template.UnknownLocality:
        print(CLI["unknown_locality"].format(code=args.locality, quarter=args.quarter, year=args.year), file=sys.stderr)
        return 2
    args.output.write_bytes(content)
    print(CLI["template_written"].format(path=args.output))
    return 0


def cmd_demo(con, args) -> int:
    from etl.cli import demo  # imported here: only this command needs it
    summary = demo.build(con, out_dir=args.out, progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(summary)
    return 0


def _ensure_initialised(con) -> None:
    if not indicators.indicators(con):
        bootstrap.initialise(con)


def _write_rows(columns: list[str], rows: list, as_csv: bool) -> None:
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else _csv_value(v) for v in row] for row in rows)
        return
    print("\t".join(columns))
    for row in rows:
        print("\t".join("" if v is None else str(v) for v in row))


def _csv_value(value):
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return value


CREATES = {"init", "load", "template", "demo"}  # commands that may start from no database file
EXIT_REFUSED_ACCOUNT = 4
COMMANDS = {"init": cmd_init, "load": cmd_load, "targets": cmd_targets, "localities": cmd_localities,
            "attainment": cmd_attainment, "template": cmd_template, "export": cmd_export, "user": cli_users.run,
            "plan": cli_plans.run, "privacy": cli_privacy.run, "refresh": cli_refresh.run,
            "demo": cmd_demo}
