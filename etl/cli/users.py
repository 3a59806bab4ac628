"""python -m etl user {add,list,disable,enable,reset-password,change}: accounts from the command line,
with the same rules as the admin page (etl/access/accounts.py)."""
from __future__ import annotations

import getpass
import sys

from etl.access import accounts
from etl.labels_vi import ACCOUNT, CLI, ROLE

BY = CLI["by"]


def add_parser(sub, common) -> None:
    p = sub.add_parser("user", help=ACCOUNT["cli_help"])
    users = p.add_subparsers(dest="user_command", required=True)
    add = users.add_parser("add", parents=[common], help=ACCOUNT["cli_add_help"])
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--locality", help=ACCOUNT["cli_locality_help"])
    add.add_argument("--email", help=ACCOUNT["cli_email_help"])
    users.add_parser("list", parents=[common], help=ACCOUNT["cli_list_help"])
    for name in ("disable", "enable", "reset-password"):
        users.add_parser(name, parents=[common]).add_argument("--username", required=True)
    change = users.add_parser("change", parents=[common], help=ACCOUNT["cli_change_help"])
    change.add_argument("--username", required=True)
    change.add_argument("--role", required=True, choices=accounts.ROLES)
    change.add_argument("--locality")


def read_password() -> str:
    """From the terminal (asked twice, not echoed), or the first line of stdin when piped."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(ACCOUNT["password_prompt"])
    if getpass.getpass(ACCOUNT["password_again"]) != first:
        raise accounts.AccountError(ACCOUNT["password_mismatch"])
    return first


def run(con, args) -> int:
    try:
        if args.user_command == "list":
            for u in accounts.list_users(con):
                state = ACCOUNT["cli_locked"] if u.disabled else ""
                print(f"{u.username}\t{ROLE[u.role]}\t{u.locality_id or ACCOUNT['whole_country']}\t{u.email or ''}{state}")
            return 0
        if args.user_command == "add":
            locality = accounts.locality_for_code(con, args.locality)
            user = accounts.add(con, args.username, args.role, locality, read_password(), BY, args.email)
            print(ACCOUNT["added"].format(username=user.username, role=ROLE[user.role],
                                          locality=locality or ACCOUNT["whole_country"]))
            return 0
        if args.user_command in ("disable", "enable"):
            accounts.set_disabled(con, args.username, args.user_command == "disable", BY)
        elif args.user_command == "reset-password":
            accounts.set_password(con, args.username, read_password(), BY)
        elif args.user_command == "change":
            accounts.change(con, args.username, args.role, accounts.locality_for_code(con, args.locality), BY)
        print(ACCOUNT["done"].format(username=args.username))
        return 0
    except accounts.AccountError as refused:
        print(refused, file=sys.stderr)
        return 2
