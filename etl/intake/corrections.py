"""Corrections as DHIS2 imports them: a new version of a unit's quarter carries forward the figures of
the indicators the file does not mention; a figure goes only when the file says so ("xóa" typed in
its Tử số cell: REMOVE_MARKERS). What a load would do is listed figure by figure: new, changed, the
same, carried forward, removed.
"""
from __future__ import annotations

import operator
import unicodedata

import duckdb
import pandas as pd

from etl.labels_vi import CORRECTION, I16

REMOVE_MARKERS = ("xóa", "xoá", "xoa")
KEY = ["locality_id", "year", "quarter", "indicator_code"]
FIGURE = [*KEY, "numerator", "denominator", "note"]
CHANGE_COLUMNS = ["locality_id", "code", "name", "year", "quarter", "indicator_code", "indicator_name", "version",
                  "old_numerator", "old_denominator", "numerator", "denominator", "change"]
CHANGE_ORDER = {"removed": 0, "changed": 1, "new": 2, "carried": 3, "same": 4}


def is_remove_marker(value) -> bool:
    """'xóa', 'XÓA', 'Xoá', 'xoa' typed in a Tử số cell: remove this figure from the quarter."""
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFC", value).strip().casefold()
    return text in REMOVE_MARKERS


def incoming_frame(records) -> pd.DataFrame:
    frame = pd.DataFrame({k: list(map(operator.attrgetter(k), records)) for k in (*FIGURE, "remove")},
                         columns=[*FIGURE, "remove"])  # column by column: a dict per record cost 0,2 s per 100 000
    frame["denominator"] = frame["denominator"].astype("Int64")
    frame["numerator"] = frame["numerator"].astype("Int64")
    frame["remove"] = frame["remove"].astype(bool)
    return frame


def in_force(cur: duckdb.DuckDBPyConnection, incoming: pd.DataFrame) -> pd.DataFrame:
    """The figures in force for every unit and quarter the file touches, with their version."""
    quarters = incoming[["locality_id", "year", "quarter"]].drop_duplicates()
    cur.register("touched_quarters", quarters)
    return cur.execute(  # current_figures_of (migration 019) reads the touched units only
        """SELECT f.locality_id, f.year, f.quarter, f.indicator_code, f.numerator, f.denominator, f.note, f.version
           FROM current_figures_of(?::VARCHAR[]) f JOIN touched_quarters USING (locality_id, year, quarter)""",
        [sorted(quarters["locality_id"].unique())]).df()


def merged(incoming: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """The figures each touched quarter holds after the load: the file's, plus those it does not mention."""
    mentioned = incoming.set_index(KEY).index
    kept = old[~old.set_index(KEY).index.isin(mentioned)][FIGURE]
    written = incoming[~incoming["remove"]][FIGURE]
    frame = pd.concat([written, kept], ignore_index=True) if len(kept) else written.reset_index(drop=True)
    frame["numerator"] = frame["numerator"].astype("Int64")
    frame["denominator"] = frame["denominator"].astype("Int64")
    frame["note"] = frame["note"].astype(object).where(frame["note"].notna(), None)
    return frame


def changes(cur: duckdb.DuckDBPyConnection, records) -> pd.DataFrame:
    """Figure by figure: new, changed, same, carried (kept from the version in force) or removed."""
    if not records:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    incoming = incoming_frame(records)
    old = in_force(cur, incoming)
    cur.register("incoming_figures", incoming)
    cur.register("old_figures", old)
    frame = cur.execute(
        """WITH versions AS (SELECT locality_id, year, quarter, max(version) AS version FROM old_figures GROUP BY ALL),
                rows AS (
           SELECT i.locality_id, i.year, i.quarter, i.indicator_code, o.numerator AS old_numerator,
                  o.denominator AS old_denominator,
                  CASE WHEN i.remove THEN NULL ELSE i.numerator END AS numerator,
                  CASE WHEN i.remove THEN NULL ELSE i.denominator END AS denominator,
                  CASE WHEN i.remove THEN 'removed' WHEN o.indicator_code IS NULL THEN 'new'
                       WHEN o.numerator IS NOT DISTINCT FROM i.numerator
                        AND o.denominator IS NOT DISTINCT FROM i.denominator THEN 'same'
                       ELSE 'changed' END AS change,
                  i.remove AND o.indicator_code IS NULL AS nothing_to_remove
           FROM incoming_figures i LEFT JOIN old_figures o USING (locality_id, year, quarter, indicator_code)
           UNION ALL
           SELECT o.locality_id, o.year, o.quarter, o.indicator_code, o.numerator, o.denominator,
                  o.numerator, o.denominator, 'carried', FALSE
           FROM old_figures o ANTI JOIN incoming_figures i USING (locality_id, year, quarter, indicator_code))
           SELECT r.locality_id, l.code, l.name, r.year, r.quarter, r.indicator_code, ind.name AS indicator_name,
                  v.version, r.old_numerator, r.old_denominator, r.numerator, r.denominator, r.change
           FROM rows r JOIN localities l USING (locality_id) JOIN indicators ind ON ind.code = r.indicator_code
           LEFT JOIN versions v USING (locality_id, year, quarter)
           WHERE NOT r.nothing_to_remove""").df()
    frame["order"] = frame["change"].map(CHANGE_ORDER)
    return frame.sort_values(["code", "year", "quarter", "order", "indicator_code"]).drop(columns="order") \
        .reset_index(drop=True)


def summary_lines(changes: pd.DataFrame) -> list[str]:
    """The CLI's figure-by-figure list of what a load wrote (figures that stay the same are not listed)."""
    lines = []
    for row in changes.itertuples():
        if row.change == "same":
            continue
        lines.append(CORRECTION["line"].format(
            change=CORRECTION["change"][row.change], unit=I16["unit_option"].format(name=row.name, code=row.code),
            quarter=row.quarter, year=row.year,
            indicator=row.indicator_name, old=fraction(row.old_numerator, row.old_denominator),
            new=fraction(row.numerator, row.denominator)))
    return lines


def fraction(numerator, denominator) -> str:
    if numerator is None or pd.isna(numerator):
        return "–"
    if denominator is None or pd.isna(denominator):
        return f"{int(numerator)}"
    return f"{int(numerator)}/{int(denominator)}"
