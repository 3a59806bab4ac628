"""Issue 17: every view and macro lives in etl/storage/sql/macros.sql; migrations create tables only.

A database made by the migrations as they were before (their texts kept in tests/data/old_migrations/, run
with the code of their time: their own macros fill the analytics) and opened with today's code ends with
the same views, macros, tables and analytics as a fresh one after the same loads. macros.sql runs when its
hash differs from the one kept in meta; a broken one changes nothing."""
import datetime as dt
import random
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.model import catalog, localities, reform
from etl.storage import db
from etl.storage.faults import DatabaseFault
from tests.conftest import add_figures, write_reform_tree
from tests.model.test_reform import NEW, OLD, TREE

OLD_MIGRATIONS = Path(__file__).resolve().parents[1] / "data" / "old_migrations"
# the reform tree, plus an island district without communes that became a commune-level đặc khu (023)
UNITS = TREE + [("892@pre2025", "892", "Huyện Đảo", "district", "89@pre2025", OLD, "89201@2025"),
                ("89201@2025", "89201", "Đặc khu Đảo", "commune", "91@2025", NEW, "")]
INDICATORS = ["tipoffs_handled", "outreach_sessions", "establishments_inspected"]  # sum share, sum, last


def old_migration_files() -> list[tuple[int, str]]:
    return [(int(p.name.split("_", 1)[0]), p.read_text(encoding="utf-8"))
            for p in sorted(OLD_MIGRATIONS.glob("*.sql"))]


def figures(seed: int) -> list[tuple]:
    """Returns of both eras over three years, some quarters missing, some units above their children."""
    rng = random.Random(seed)
    rows = []
    for lid, _, _, level, _, era, _ in UNITS:
        for year in (2024, 2025, 2026):
            for quarter in range(1, 5):
                if (era == OLD) != ((year, quarter) <= (2025, 2)) or rng.random() < 0.4:
                    continue
                if level in ("province", "district") and rng.random() < 0.7:
                    continue
                for ind in rng.sample(INDICATORS, rng.randint(1, 3)):
                    num = rng.randint(0, 30)
                    rows.append((lid, year, quarter, ind, num, num + rng.randint(0, 9)
                                 if ind != "outreach_sessions" else None))
    return rows


def load(con, folder: Path, rows):
    localities.load(con, write_reform_tree(folder / "tree.csv", UNITS))
    catalog.load(con, catalog.read_indicators(), [])
    add_figures(con, rows)


def definitions(con) -> dict:
    return {
        "macros": con.execute("SELECT function_name, function_type, parameters, macro_definition FROM duckdb_functions()"
                              " WHERE NOT internal AND schema_name = 'main' ORDER BY ALL").fetchall(),
        "views": con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL").fetchall(),
        "columns": con.execute("SELECT table_name, column_index, column_name, data_type, is_nullable, column_default"
                               " FROM duckdb_columns() WHERE NOT internal ORDER BY ALL").fetchall(),
    }


def analytics_rows(con) -> dict:
    return {"area_figures": con.execute("SELECT * FROM area_figures ORDER BY ALL").fetchall(),
            "era_bridge": con.execute("SELECT locality_id, member_id, direction, split FROM era_bridge "
                                      "ORDER BY ALL").fetchall()}


@pytest.fixture
def old_db(tmp_path, monkeypatch):
    """A database migrated and loaded by the old migration files (no macros.sql): the path, its rows."""
    path = tmp_path / "old.duckdb"
    # the old files, and 025 (the person-count column today's catalog loader writes; it creates no macro)
    files = old_migration_files() + [(v, sql) for v, sql in db.migration_files() if v == 25]
    with monkeypatch.context() as m:
        m.setattr(db, "migration_files", lambda: files)
        con = duckdb.connect(str(path))
        assert db.migrate(con) == [v for v, _ in files]
        load(con, tmp_path, figures(1))
        rows = analytics_rows(con)
        assert con.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'flow_ytd'").fetchone()[0]
        con.close()
    return path, rows


def test_old_database_opened_today_equals_a_fresh_one(old_db, tmp_path):
    path, old_rows = old_db
    fresh = db.connect(tmp_path / "fresh.duckdb")
    load(fresh, tmp_path, figures(1))
    # today's macros make the very analytics the old migrations' macros made
    assert analytics_rows(fresh) == old_rows and old_rows["area_figures"] and old_rows["era_bridge"]
    upgraded = db.connect(path)
    assert definitions(upgraded) == definitions(fresh)
    assert analytics_rows(upgraded) == old_rows
    assert {name for name, *_ in definitions(upgraded)["macros"]} == {
        "valid_during", "units_under", "in_scope", "current_figures_of", "own_area_figures_of", "flow_ytd_in",
        "stock_ytd_in", "area_figures_in", "compute_area_figures"}  # the dead ones dropped
    bridge = "SELECT * FROM era_bridge ORDER BY ALL"
    assert upgraded.execute(bridge).fetchall() == fresh.execute(bridge).fetchall()
    # the same loads afterwards, through today's code, keep them equal
    more = [r for r in figures(2) if r[1] == 2026]
    for con in (upgraded, fresh):
        add_figures(con, more, submitted_at=dt.datetime(2027, 1, 5))
    assert analytics_rows(upgraded) == analytics_rows(fresh)
    assert reform.merged_into_many(upgraded, ["90001@pre2025", "90102@pre2025", "892@pre2025"]) == {
        "90001@pre2025": "Phường Mới (mã 90101)", "90102@pre2025": "Xã Mới Hai (mã 90102)"}
    upgraded.close()
    fresh.close()


def test_macros_run_only_when_the_file_changed_and_then_rebuild_the_analytics(tmp_path):
    con = db.connect(tmp_path / "a.duckdb")
    load(con, tmp_path, figures(3))
    before = analytics_rows(con)
    assert not db.define(con, [])  # unchanged: one read, nothing run
    con.execute("UPDATE meta SET value = 'an older macros.sql' WHERE key = ?", [db.MACROS_KEY])
    con.execute("DELETE FROM area_figures WHERE year = 2025")
    con.execute("DROP MACRO TABLE units_under")
    con.close()
    con = db.connect(tmp_path / "a.duckdb")
    assert analytics_rows(con) == before
    assert con.execute("SELECT count(*) FROM units_under('91@2025', 2026, 1)").fetchone()[0] == 4
    assert db.one(con, "SELECT value FROM meta WHERE key = ?", [db.MACROS_KEY])[0] != "an older macros.sql"
    con.close()


@pytest.mark.parametrize("broken", ["CREATE OR REPLACE MACRO x() AS TABLE SELECT * FROM no_such_table;",
                                    "CREATE OR REPLACE VIEW x AS SELECT no_such_column FROM returns;",
                                    "SELEC 1;"])
def test_a_broken_macros_file_changes_nothing(tmp_path, monkeypatch, broken):
    con = db.connect(tmp_path / "b.duckdb")
    load(con, tmp_path, figures(4))
    con.execute("UPDATE meta SET value = 'older' WHERE key = ?", [db.MACROS_KEY])
    con.execute("DELETE FROM area_figures")
    before = definitions(con)
    text = db.macros_text()
    monkeypatch.setattr(db, "macros_text", lambda: text.replace("-- No longer used", broken + "\n-- No longer used"))
    with pytest.raises(DatabaseFault) as caught:
        db.define(con, [])
    assert caught.value.kind == "migration" and "macros.sql" in caught.value.message
    assert definitions(con) == before
    assert db.one(con, "SELECT value FROM meta WHERE key = ?", [db.MACROS_KEY])[0] == "older"
    assert db.one(con, "SELECT count(*) FROM area_figures")[0] == 0
    con.close()


def test_migrations_create_no_view_nor_macro():
    for version, sql in db.migration_files():
        words = " ".join(sql.upper().split())
        for word in ("VIEW", "MACRO", "FUNCTION"):
            assert f"CREATE {word}" not in words and f"REPLACE {word}" not in words, version
            assert f"DROP {word}" not in words, version


DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(valid_from=st.none() | DAYS, valid_to=st.none() | DAYS, first=DAYS, length=st.integers(0, 800))
def test_valid_during_is_the_predicate_it_replaced(valid_from, valid_to, first, length):
    last = first + dt.timedelta(days=length)
    con = _memory()
    got = con.execute("SELECT valid_during(?::DATE, ?::DATE, ?::DATE, ?::DATE)",
                      [valid_from, valid_to, first, last]).fetchone()[0]
    assert got == ((valid_from or dt.date(1900, 1, 1)) <= last and (valid_to or dt.date(9999, 12, 31)) >= first)


_MEMORY = []


def _memory():
    if not _MEMORY:
        con = duckdb.connect()
        con.execute(db.macros_text().split("-- The version in force")[0])  # the drops and valid_during
        _MEMORY.append(con)
    return _MEMORY[0]


# The rule merged_into_many applied before the era bridge carried it: its own count of same-level predecessors.
_FORMER_MERGED_SQL = """
SELECT p.locality_id, n.name || ' (mã ' || n.code || ')'
FROM localities p JOIN localities n ON n.locality_id = p.successor_id AND n.level = p.level
WHERE p.level = 'commune' AND list_contains(?, p.locality_id)
  AND (SELECT count(*) FROM localities o WHERE o.successor_id = n.locality_id AND o.level = n.level) > 1"""


@pytest.fixture(scope="module")
def tree_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("merged")
    con = db.connect(folder / "m.duckdb")
    yield con, folder
    con.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(successors=st.lists(st.sampled_from(["", "N1", "N2", "N3", "N4"]), min_size=6, max_size=6),
       districts=st.lists(st.sampled_from(["D1", "D2", "D3"]), min_size=6, max_size=6),
       island=st.sampled_from(["", "N1", "N4"]))
def test_merged_flag_decides_as_the_former_count(tree_db, successors, districts, island):
    """Random reforms of six old communes into four new ones (an island district too): the era bridge's
    merged_with_others says exactly what merged_into_many's own count said."""
    con, folder = tree_db
    rows = [("P@pre2025", "80", "Tỉnh Cũ", "province", "", OLD, "Q@2025"),
            ("Q@2025", "81", "Tỉnh Mới", "province", "", NEW, ""),
            ("D3@pre2025", "803", "Huyện Đảo", "district", "P@pre2025", OLD, f"{island}@2025" if island else "")]
    rows += [(f"{d}@pre2025", f"80{d[1]}", f"Huyện {d}", "district", "P@pre2025", OLD, "Q@2025") for d in ("D1", "D2")]
    rows += [(f"N{i}@2025", f"8100{i}", f"Xã Mới {i}", "commune", "Q@2025", NEW, "") for i in range(1, 5)]
    rows += [(f"C{i}@pre2025", f"8000{i}", f"Xã Cũ {i}", "commune", f"{d}@pre2025", OLD, f"{s}@2025" if s else "")
             for i, (s, d) in enumerate(zip(successors, districts), start=1)]
    old = [f"C{i}@pre2025" for i in range(1, 7)] + ["D3@pre2025", "D1@pre2025"]
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        localities.load(cur, write_reform_tree(folder / "tree.csv", rows))
        former = dict(cur.execute(_FORMER_MERGED_SQL, [old]).fetchall())
        assert reform.merged_into_many(cur, old) == former
        # and the bridge still leaves such a commune without a successors row at commune level
        assert not cur.execute("SELECT 1 FROM era_bridge WHERE direction = 'successors' AND "
                               "list_contains(?, locality_id)", [list(former)]).fetchall()
    finally:
        cur.execute("ROLLBACK")
        cur.close()

