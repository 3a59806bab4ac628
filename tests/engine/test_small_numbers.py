"""Secondary suppression: a "<5" cannot be worked out by subtracting what is shown from a total,
on pages and in exports (etl/engine/privacy.py)."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from etl.access.scope import EVERYTHING, Scope
from etl.engine import privacy, queries
from etl.engine.queries import View
from etl.model import catalog, localities
from etl.model.catalog import Plan
from etl.reports import annex, export_tables
from etl.reports import format as fmt
from etl.storage import db
from tests.conftest import add_figures, target, write_tree

TODAY = dt.date(2024, 2, 1)
DISTRICT = "900@pre2025"


def feasible(total: int, shown: list[int], hidden: dict[str, tuple[float, float]], cell: str) -> list[int]:
    """Every value the hidden `cell` can take for a reader who knows the total, the shown parts and
    that a "<5" is 1..4 and an "ẩn" is 5 or more (written apart from etl.engine.privacy, by enumeration)."""
    rest = total - sum(shown)
    others = [r for c, r in hidden.items() if c != cell]
    low = sum(lo for lo, _ in others)
    high = sum(min(hi, total) for _, hi in others)
    lo, hi = hidden[cell]
    return [v for v in range(int(lo), int(min(hi, total)) + 1) if low <= rest - v <= high]


def reader_cannot_solve(total, parts: dict[str, int | None], hidden: set[str], total_hidden: bool) -> None:
    if total_hidden or total is None:
        return
    ranges = {c: privacy.PRIMARY if privacy.small(parts[c]) else privacy.SECONDARY for c in hidden}
    shown = [v or 0 for c, v in parts.items() if c not in hidden]
    for cell in hidden:
        values = feasible(total, shown, ranges, cell)
        assert parts[cell] in values, (parts, hidden)            # the reader's model is right
        assert len(values) >= 2, (cell, parts, hidden, values)    # ... and cannot pin the value down


def test_thirteen_ten_and_a_small_one():
    """The issue's case: a district of 13 with communes of 10 and 3. Hiding 3 alone gives it away."""
    hidden, total_hidden = privacy.protect(13, {"a": 3, "b": 10}, total_hidden=False)
    assert hidden == {"a", "b"} and not total_hidden
    reader_cannot_solve(13, {"a": 3, "b": 10}, hidden, total_hidden)


def test_the_next_smallest_is_hidden_not_the_largest():
    hidden, _ = privacy.protect(53, {"a": 3, "b": 30, "c": 12, "d": 8, "e": 0}, total_hidden=False)
    assert hidden == {"a", "d"}                                  # 0 protects nothing: a reader knows it is 0


def test_when_no_part_is_left_the_total_is_hidden():
    # 1 and 5 make 6: "<5" and "5 or more" then leave one answer (1 and 5)
    hidden, total_hidden = privacy.protect(6, {"a": 1, "b": 5}, total_hidden=False)
    assert hidden == {"a", "b"} and total_hidden


@pytest.mark.parametrize("seed", range(6))
def test_no_hidden_part_can_be_worked_out_random_sibling_sets(seed):
    """Property over random sibling sets (single level): whatever the parts, after protect() no hidden
    value has a single possible value for a reader of the total and the shown parts."""
    rng = random.Random(seed)
    for _ in range(400):
        n = rng.randint(1, 7)
        parts = {f"c{i}": rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 12, 30, rng.randint(0, 80)]) for i in range(n)}
        total = sum(parts.values())
        own = rng.random() < 0.5   # the reader's own unit's total is shown to it even when small
        small_total = privacy.small(total) and not own
        hidden, total_hidden = privacy.protect(total, parts, total_hidden=small_total)
        assert {c for c, v in parts.items() if privacy.small(v)} <= hidden
        reader_cannot_solve(total, parts, hidden, total_hidden or small_total)


# --- through the engine, pages and exports --------------------------------------------------

COMMUNES = [(f"900{i:02d}@pre2025", f"900{i:02d}", f"Xã {chr(64 + i)}", "commune", DISTRICT) for i in range(1, 7)]
TREE = [("90@pre2025", "90", "Tỉnh Thử Nghiệm", "province", ""),
        (DISTRICT, "900", "Huyện Một", "district", "90@pre2025"), *COMMUNES]
PERSONS = ["sex_workers_supported", "handled_persons_supported", "violators_handled"]


@pytest.fixture
def district_db(tmp_path):
    con = db.connect(tmp_path / "small.duckdb")
    localities.load(con, write_tree(tmp_path / "tree.csv", TREE))
    targets = [target(i + 1, code, "at_least", 50) for i, code in enumerate(PERSONS)]
    catalog.load(con, catalog.read_indicators(),
                 [Plan("test-plan", "Kế hoạch thử", "90@pre2025", "UBND", 2023, 2023, None, None, None, targets)])
    yield con
    con.close()


def test_the_district_case_on_pages_and_in_exports(district_db):
    con = district_db
    add_figures(con, [("90001@pre2025", 2023, 4, "sex_workers_supported", 3, 20),
                      ("90002@pre2025", 2023, 4, "sex_workers_supported", 10, 30)])
    for scope in (Scope(DISTRICT), Scope("90@pre2025"), EVERYTHING):
        view = View("test-plan", 2023, 4, DISTRICT, scope)
        page = queries.overview(con, view, TODAY)
        assert page.results[0].numerator == 13                           # the district's total is shown
        a, b = page.grid["90001@pre2025"][0], page.grid["90002@pre2025"][0]
        assert (a.numerator, b.numerator, fmt.fraction_of(a), fmt.fraction_of(b)) == (None, None, "<5/20", "ẩn/30")
        assert (a.actual, b.actual, fmt.actual_of(b)) == (None, None, "ẩn")
        assert queries.reported_targets(page.grid) == ["test-plan#01"]   # hidden is not "no data": still drawn
        ranked = {u.locality_id: r for u, r in queries.indicator(con, view, "test-plan#01", TODAY).ranking}
        assert ranked["90001@pre2025"].numerator is None and ranked["90002@pre2025"].numerator is None
        export = export_tables.build(con, view, TODAY)
        rows = {row[0].value: row for row in export.table("dia-ban").rows}
        assert (rows["Xã A"][2].value, rows["Xã B"][2].value) == ("<5", "ẩn")
    # the admin's export of Xã B alone: the same cells hidden, in the table and the annex's sentence
    export = export_tables.build(con, View("test-plan", 2023, 4, "90002@pre2025", EVERYTHING), TODAY)
    assert [c.value for c in export.table("chi-tieu").rows[0][4:8]] == ["ẩn", "%", "ẩn", 30]
    assert "ẩn/30" in annex.sentence(export.results[0]) and "10" not in annex.sentence(export.results[0])
    # inside Xã B, its own figure is its own
    own = queries.overview(con, View("test-plan", 2023, 4, "90002@pre2025", Scope("90002@pre2025")), TODAY)
    assert own.results[0].numerator == 10


def test_a_commune_alone_hides_the_same_cells_as_its_siblings_page(district_db):
    """What is hidden does not depend on which cells a page asks for."""
    con = district_db
    add_figures(con, [("90001@pre2025", 2023, 4, "sex_workers_supported", 3, 20),
                      ("90002@pre2025", 2023, 4, "sex_workers_supported", 10, 30),
                      ("90003@pre2025", 2023, 4, "sex_workers_supported", 7, 30)])
    view = View("test-plan", 2023, 4, "90003@pre2025", Scope(DISTRICT))
    alone = queries.scorecard(con, view, TODAY).results[0]
    assert alone.numerator is None and alone.secondary == ("numerator",)   # 7 is the next smallest after 3
    grid = queries.overview(con, View("test-plan", 2023, 4, DISTRICT, Scope(DISTRICT)), TODAY).grid
    assert grid["90003@pre2025"][0].numerator is None and grid["90002@pre2025"][0].numerator == 10


def test_random_districts_through_the_engine(district_db):
    """Random figures for six communes (three indicators × four quarters, numerators and
    denominators): what a district leader's overview shows never lets a "<5" be worked out."""
    con = district_db
    rng = random.Random(13)
    rows = []
    for quarter in range(1, 5):
        for code in PERSONS:
            for loc, *_ in COMMUNES:
                if rng.random() < 0.8:
                    d = rng.choice([1, 3, 4, 6, 9, 15, 40])
                    rows.append((loc, 2023, quarter, code, rng.randint(0, d), d))
    add_figures(con, rows)
    checked = 0
    for quarter in range(1, 5):
        view = View("test-plan", 2023, quarter, DISTRICT, Scope(DISTRICT))
        page = queries.overview(con, view, TODAY)
        real = queries.overview(con, View("test-plan", 2023, quarter, DISTRICT, None), TODAY)
        for i, total in enumerate(page.results):
            for field in privacy.FIELDS:
                parts = {loc: getattr(real.grid[loc][i], field) for loc, *_ in COMMUNES}
                hidden = {loc for loc, *_ in COMMUNES if getattr(page.grid[loc][i], field) is None
                          and parts[loc] is not None}
                assert {loc for loc, v in parts.items() if privacy.small(v)} <= hidden
                reader_cannot_solve(getattr(total, field), parts, hidden, getattr(total, field) is None)
                checked += bool(hidden)
    assert checked >= 10
