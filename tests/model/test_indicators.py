"""The one indicator model (etl/model/indicators.py): read from the database the way data/indicators.yaml
says, and `person_count` (a flag of the catalog, not a list in the code) protects small numbers."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from etl.access.scope import Scope
from etl.engine import attainment, lookups, queries
from etl.engine.queries import View
from etl.model import catalog, indicators, localities
from etl.model.catalog import CatalogError, Plan
from etl.model.indicators import Indicator
from etl.storage import db
from tests.conftest import add_figures, target, write_tree

TODAY = dt.date(2024, 2, 1)
SEED_PERSON_COUNTS = {"sex_workers_supported", "handled_persons_supported", "violators_handled"}
NEW = {"code": "victims_supported", "name": "Nạn nhân được hỗ trợ", "kind": "share", "numerator": "Số nạn nhân được hỗ trợ",
       "denominator": "Số nạn nhân", "unit": "người", "numerator_agg": "last", "denominator_agg": "last",
       "better": "higher"}


def _db(tmp_path, extra_indicators=(), targets=()):
    con = db.connect(tmp_path / "ind.duckdb")
    localities.load(con, write_tree(tmp_path / "tree.csv"))
    plan = Plan("test-plan", "Kế hoạch thử", "90@pre2025", "UBND", 2023, 2023, None, None, None, list(targets))
    catalog.load(con, [*catalog.read_indicators(), *extra_indicators], [plan])
    return con


def test_every_catalog_indicator_is_read_back_as_the_yaml_says(tmp_path):
    con = _db(tmp_path)
    try:
        got = indicators.indicators(con)
        shipped = catalog.read_indicators()
        assert set(got) == {i["code"] for i in shipped}
        for i in shipped:
            assert got[i["code"]] == Indicator(
                i["code"], i["name"], i["kind"], i["numerator_agg"], i.get("denominator_agg"), i["unit"],
                i["numerator"], i.get("denominator"), i["better"], bool(i.get("person_count", False)))
        assert {c for c, i in got.items() if i.person_count} == SEED_PERSON_COUNTS == indicators.person_counts(con)
        names = lookups.indicator_names(con)
        assert list(names.values()) == sorted(names.values()) and names["violators_handled"] == got["violators_handled"].name
    finally:
        con.close()


@pytest.mark.parametrize("flag, hidden", [(True, True), (False, False), (None, False)])
def test_a_new_person_count_indicator_is_protected_by_its_flag_alone(tmp_path, flag, hidden):
    """No code names the new indicator: its flag in the catalog decides (missing: false)."""
    extra = {**NEW, **({} if flag is None else {"person_count": flag})}
    con = _db(tmp_path, [extra], [target(1, "victims_supported", "at_least", 80)])
    try:
        add_figures(con, [("90001@pre2025", 2023, 4, "victims_supported", 3, 4),
                          ("90002@pre2025", 2023, 4, "victims_supported", 7, 9)])
        district = queries.overview(con, View("test-plan", 2023, 4, "900@pre2025", Scope("900@pre2025")), TODAY)
        small = district.grid["90001@pre2025"][0]
        assert small.suppressed is hidden
        assert (small.numerator, small.denominator) == ((None, None) if hidden else (3, 4))
        # the other commune's figure would give the small one away by subtraction from the district's 10/13
        assert district.grid["90002@pre2025"][0].suppressed is hidden
        assert (district.results[0].numerator, district.results[0].denominator) == (10, 13)
        own = attainment.evaluate(con, "test-plan", 2023, 4, "90001@pre2025", TODAY, Scope("90001@pre2025"))
        assert (own[0].numerator, own[0].suppressed) == (3, False)
        assert attainment.evaluate(con, "test-plan", 2023, 4, "90001@pre2025", TODAY)[0].numerator == 3  # CLI: no scope
    finally:
        con.close()


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, "", [True]])
def test_a_flag_that_is_not_true_or_false_is_refused_and_nothing_changes(tmp_path, value):
    con = _db(tmp_path)
    try:
        before = indicators.indicators(con)
        with pytest.raises(CatalogError) as refused:
            catalog.load(con, [*catalog.read_indicators(), {**NEW, "person_count": value}], [])
        assert "victims_supported" in str(refused.value) and "person_count" in str(refused.value)
        assert indicators.indicators(con) == before
    finally:
        con.close()


def test_an_existing_database_gets_the_flag_from_its_migration(tmp_path):
    """A database made before migration 025 (indicators without the column) keeps its person counts protected."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for version, sql in db.migration_files():
        if version < 25:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp)", [version])
    con.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(i["code"], i["name"], i["kind"], i["numerator"], i.get("denominator"), i["unit"],
                      i["numerator_agg"], i.get("denominator_agg"), i["better"]) for i in catalog.read_indicators()])
    assert 25 in db.migrate(con)
    try:
        assert indicators.person_counts(con) == SEED_PERSON_COUNTS
        assert len(indicators.indicators(con)) == len(catalog.read_indicators())
    finally:
        con.close()
