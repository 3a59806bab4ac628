"""python -m etl refresh [--year Y]: recompute the whole analytics table (or one year's rows) in one
transaction. Uploads refresh only the rows they touch (etl.storage.analytics.refresh_touched); this is the
full recomputation, for checking or after a manual change to the database."""
from __future__ import annotations

import sys

from etl.labels_vi import REFRESH
from etl.storage import analytics, db


def add_parser(sub, common) -> None:
    p = sub.add_parser("refresh", parents=[common], help=REFRESH["help"])
    p.add_argument("--year", type=int, action="append", help=REFRESH["year_help"])


def run(con, args) -> int:
    with db.transaction(con) as cur:
        analytics.refresh(cur, args.year, progress=lambda i, n, year: print(
            REFRESH["step"].format(i=i, n=n, year=year), file=sys.stderr, flush=True))
        rows = db.one(cur, "SELECT count(*) FROM area_figures")[0]
    print(REFRESH["done"].format(rows=rows))
    return 0
