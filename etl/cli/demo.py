"""Demo database: plausible, seeded quarterly returns for every unit of the five plan areas,
written as Excel bulk files and loaded through the same path users use (loader.load_file)."""
from __future__ import annotations

import datetime as dt
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Font

from etl.access import accounts
from etl.intake import loader
from etl.labels_vi import BULK_COLUMNS, DEMO
from etl.model import bootstrap, localities, periods
from etl.storage import db, meta

SEED = 20261123
SUBMITTER = DEMO["submitter"]
# One account per role, for the demo database only (listed in the README); never use them elsewhere.
DEMO_ACCOUNTS = [("quantri", "admin", None, "quantri-minhhoa"),
                 ("lanhdao.binhluc", "leader", "352@pre2025", "lanhdao-minhhoa"),
                 ("baocao.bachdang", "reporter", "11473@2025", "baocao-minhhoa")]


@dataclass(frozen=True)
class Reporting:
    """Which units of a plan's area report which indicators."""
    plan_id: str
    first_year: int                  # a year before the plan where a target compares with last year
    by_level: dict[str, tuple[str, ...]]


PLANS = [
    Reporting("vinhloc-2023", 2022, {
        "commune": ("new_hotspots", "handled_persons_supported", "outreach_maintained", "establishment_workers_reached",
                    "students_reached", "units_with_plan", "units_integrated", "tipoffs_handled",
                    "establishments_inspected", "sex_workers_supported"),
        "neighbourhood": ("units_with_harm_reduction",)}),
    Reporting("binhluc-2022", 2021, {
        "district": ("programmes_integrated", "female_workers_monitored", "at_risk_women_supported"),
        "commune": ("establishments_inspected", "violators_handled", "units_with_outreach", "healthy_communes",
                    "officials_trained")}),
    Reporting("thanhnam-2025", 2025, {
        "commune": ("programmes_integrated", "officials_training_held"),
        "neighbourhood": ("establishment_workers_reached", "violators_handled")}),
    Reporting("quangtri-2022-2025", 2021, {
        "province": ("officials_trained",),
        "district": ("units_with_plan", "units_integrated", "units_with_harm_reduction", "officials_trained"),
        "commune": ("establishments_inspected", "establishments_inspected_period", "establishment_workers_reached",
                    "industrial_workers_reached", "students_reached", "units_with_outreach", "tipoffs_handled",
                    "crimes_handled", "sex_workers_supported", "officials_trained")}),
    Reporting("bachdang-2026", 2025, {
        "commune": ("outreach_maintained", "outreach_sessions", "establishments_committed", "establishments_managed",
                    "officials_trained", "tipoffs_handled", "establishments_inspected", "new_hotspots"),
        "neighbourhood": ("units_with_outreach", "units_integrated")}),
]

# Typical size of a stock denominator per reporting unit, by indicator.
STOCK = {"establishments_inspected": (4, 40), "establishments_inspected_period": (4, 40),
         "establishments_committed": (10, 45), "establishments_managed": (10, 45),
         "establishment_workers_reached": (15, 260), "industrial_workers_reached": (300, 4000),
         "students_reached": (150, 1800), "sex_workers_supported": (0, 6), "handled_persons_supported": (0, 4),
         "officials_trained": (3, 14), "units_with_plan": (12, 16), "units_integrated": (12, 16)}
QUALITATIVE_NOTES = DEMO["notes"]


def build(con: duckdb.DuckDBPyConnection, out_dir: Path | None = None, today: dt.date | None = None,
          progress: Callable[[str], None] | None = None) -> str:
    """Initialise, write the demo Excel files, load them; returns a one-line summary. `progress` is told
    each step ("[2/7] …"). Without `out_dir` the files are written to a temporary folder that is removed
    afterwards."""
    today = today or dt.date.today()
    if out_dir is None:
        with tempfile.TemporaryDirectory(prefix="pcmd-demo-") as folder:
            files, loaded = _build(con, Path(folder), today, progress)
        return DEMO["summary"].format(files=files, rows=loaded)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files, loaded = _build(con, out_dir, today, progress)
    return DEMO["summary"].format(files=files, rows=loaded) + " " + DEMO["kept"].format(folder=out_dir)


def _build(con, out_dir: Path, today: dt.date, progress: Callable[[str], None] | None) -> tuple[int, int]:
    steps = len(PLANS) + 2
    say = progress or (lambda _line: None)
    say(DEMO["step"].format(i=1, n=steps, what=DEMO["step_init"]))
    bootstrap.initialise(con)
    files = loaded = 0
    for i, reporting in enumerate(PLANS, start=2):
        say(DEMO["step"].format(i=i, n=steps, what=DEMO["step_plan"].format(plan=reporting.plan_id)))
        for path, submitted_at in write_files(con, reporting, out_dir, today):
            report = loader.load_file(con, path, SUBMITTER, submitted_at, today)
            if report.problems:
                raise RuntimeError("\n".join([report.summary(), *report.problems]))
            files += 1
            loaded += report.rows
    say(DEMO["step"].format(i=steps, n=steps, what=DEMO["step_accounts"]))
    add_accounts(con)
    meta.set_meta(con, "demo", today.isoformat())
    return files, loaded


def add_accounts(con: duckdb.DuckDBPyConnection) -> None:
    """The demo accounts (one per role), where missing; a demo database made before accounts existed
    gets them the next time `etl demo --if-missing` runs."""
    for username, role, locality, password in DEMO_ACCOUNTS:
        if accounts.get(con, username) is None:
            accounts.add(con, username, role, locality, password, "demo")


def write_files(con, reporting: Reporting, out_dir: Path, today: dt.date):
    issuer, year_from, year_to = db.one(con.cursor(), 
        "SELECT issuer_id, year_from, year_to FROM plans WHERE plan_id = ?", [reporting.plan_id])
    for year in range(reporting.first_year, year_to + 1):
        for quarter in range(1, 5):
            start, end = periods.quarter_bounds(year, quarter)
            if end >= today:
                continue
            units = _units(con, issuer, start, end, tuple(reporting.by_level))
            bridged = issuer not in {unit[0] for unit in units}   # the other era's units report for the area
            rows = [row for unit in units
                    for row in _unit_rows(reporting, unit[:3], year, quarter, year_from, unit[0] == issuer,
                                          _indicators(reporting, unit[2], bridged), _sizes(reporting, unit, bridged))]
            if not rows:
                continue
            path = out_dir / f"{reporting.plan_id}_{year}_Q{quarter}.xlsx"
            write_bulk(path, rows, DEMO["bulk_title"].format(quarter=quarter, year=year))
            rng = random.Random(f"{SEED}:{path.name}")
            yield path, dt.datetime.combine(end, dt.time(9)) + dt.timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 8))


def _units(con, issuer: str, start: dt.date, end: dt.date, levels: tuple[str, ...]):
    """The units of the plan's area at `levels` valid during the quarter; across the 1 July 2025 reform,
    those of the other era that make the area's figure (the successors of an old area's units after
    30 June 2025, a new unit's predecessors before 1 July 2025: migration 013's era bridge)."""
    return con.cursor().execute(
        """WITH roots AS (
               SELECT locality_id AS root FROM localities WHERE locality_id = ?
                 AND valid_during(valid_from, valid_to, ?, ?)
               UNION ALL
               SELECT member_id FROM era_bridge b JOIN localities l ON l.locality_id = b.locality_id
               WHERE b.locality_id = ? AND NOT valid_during(l.valid_from, l.valid_to, ?, ?))
           SELECT DISTINCT l.locality_id, l.code, l.level,
                  (SELECT count(*) FROM era_bridge b WHERE b.locality_id = l.locality_id
                     AND b.direction = 'predecessors') AS predecessors,
                  (SELECT count(*) FROM localities k WHERE k.parent_id = l.successor_id)
                  / greatest(1, (SELECT count(*) FROM localities p WHERE p.successor_id = l.successor_id)) AS share
           FROM localities l
           JOIN locality_closure c ON c.locality_id = l.locality_id JOIN roots r ON c.ancestor_id = r.root
           WHERE list_contains(?, l.level)
             AND valid_during(l.valid_from, l.valid_to, ?, ?)
           ORDER BY l.code""", [issuer, start, end, issuer, start, end, list(levels), start, end]).fetchall()


def _indicators(reporting: Reporting, level: str, bridged: bool) -> tuple[str, ...]:
    """What a unit reports: its level's indicators; a unit of the other era also those of the levels
    below it (the old communes before a new ward have no tổ dân phố in the data)."""
    if not bridged:
        return reporting.by_level[level]
    order = localities.LEVEL_ORDER
    return tuple(i for lvl, inds in reporting.by_level.items() if order[lvl] >= order[level] for i in inds)


def _sizes(reporting: Reporting, unit, bridged: bool) -> dict[str, float]:
    """How many ordinary units' worth a unit's figures are, so the series runs on across the reform: a
    new commune is its predecessors together; an old commune reporting for the tổ dân phố of the unit
    that succeeds it, its share of them."""
    _, _, level, predecessors, share = unit
    below = [i for lvl, inds in reporting.by_level.items() if lvl != level for i in inds] if bridged else []
    return {**{i: max(1.0, share) for i in below},
            **{i: max(1, predecessors) for i in reporting.by_level.get(level, ())}}


def _unit_rows(reporting: Reporting, unit, year: int, quarter: int, plan_start: int, is_issuer: bool,
               indicators: tuple[str, ...], sizes: dict[str, float]):
    locality_id, code, level = unit
    skip = random.Random(f"{SEED}:{locality_id}:{year}:{quarter}:skip").random()
    if not is_issuer and skip < (0.25 if (year, quarter) == _latest(reporting) else 0.07):
        return  # a missing return
    for indicator in indicators:
        figure = _figure(indicator, locality_id, is_issuer, year, quarter, plan_start, sizes.get(indicator, 1))
        if figure is not None:
            yield (code, year, quarter, indicator, *figure)


def _latest(reporting: Reporting) -> tuple[int, int]:
    return {"bachdang-2026": (2026, 3), "quangtri-2022-2025": (2025, 4)}.get(reporting.plan_id, (0, 0))


def _figure(indicator: str, locality_id: str, is_issuer: bool, year: int, quarter: int, plan_start: int,
            size: float = 1):
    """(numerator, denominator, note) of one unit for one quarter, or None when it has nothing to report."""
    rng = random.Random(f"{SEED}:{locality_id}:{indicator}")
    effort = rng.uniform(0.55, 1.35)            # how well this unit does, stable over time
    q_rng = random.Random(f"{SEED}:{locality_id}:{indicator}:{year}:{quarter}")
    progress = quarter / 4
    if indicator == "industrial_workers_reached" and rng.random() > 0.15:
        return None                             # most communes have no industrial zone
    if indicator.startswith("units_") and not is_issuer:  # a unit below the issuer says whether it did it
        done_from = rng.uniform(0.1, 1.25) / effort  # fraction of the year by which the unit has done it
        return int(progress >= done_from), 1, None
    if indicator in STOCK:
        low, high = STOCK[indicator]
        stock = round(size * max(rng.randint(low, high) + (year - 2022) * rng.randint(-1, 2), low))
        if indicator == "establishments_inspected_period":
            if year < plan_start:
                return None                     # counted from the start of the plan period
            share = min(1.0, effort * 0.3 * ((year - plan_start) + progress))
        else:
            share = min(1.0, effort * rng.uniform(0.7, 1.05) * progress)
        return min(stock, round(stock * share)), stock, None
    if indicator in ("tipoffs_handled", "violators_handled"):
        received = q_rng.randint(0, round(6 * size))
        handled = received - (q_rng.random() > 0.8 * effort and received > 0)
        return handled, received, None
    if indicator == "crimes_handled":
        return max(0, round(q_rng.uniform(0, 1.6) * size * effort * (1 + 0.05 * (year - 2021)))), None, None
    if indicator == "new_hotspots":
        return int(q_rng.random() < 0.06 / effort), None, None
    if indicator == "outreach_sessions":
        return q_rng.randint(0, 2), None, None
    if indicator == "healthy_communes":
        return int(rng.random() < 0.75 + 0.1 * (year - 2021) * (effort - 0.9)), None, None
    # qualitative
    done = progress >= rng.uniform(0.2, 1.3) / effort
    return int(done), None, rng.choice(QUALITATIVE_NOTES) if done else DEMO["in_progress"]


def write_bulk(path: Path, rows: list[tuple], title: str = DEMO["bulk_title_default"]) -> None:
    """A bulk sheet (DOMAIN.md) with a merged title row above the header, as offices send them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DEMO["bulk_sheet"]
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells("A1:G1")
    headings = list(BULK_COLUMNS.values())
    sheet.append([])
    sheet.append(headings)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for column in "ABCDEFG":
        sheet.column_dimensions[column].width = 18
    workbook.save(path)
