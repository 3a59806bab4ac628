"""Issue 18: the sidebar's unit picker offers the way down to the current unit, its siblings and its
children, not the whole area."""
import pytest

from etl.access import scope as access
from etl.engine import unit_picker
from etl.model import localities
from etl.storage import db
from tests import conftest
from tests.conftest import write_tree

TREE = [*conftest.TREE,
        ("90001-KP01", "90001-KP01", "Khu phố 1", "neighbourhood", "90001@pre2025"),
        ("90002-KP01", "90002-KP01", "Khu phố 2", "neighbourhood", "90002@pre2025"),
        *conftest.OTHER_PROVINCE]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("picker")
    connection = db.connect(folder / "picker.duckdb")
    localities.load(connection, write_tree(folder / "tree.csv", TREE))
    yield connection
    connection.close()


def ids(con, candidates, root="90@pre2025", scope=None):
    return [u.locality_id for u in unit_picker.options(con, root, candidates, 2023, 4, scope)]


def test_around_a_commune_the_way_down_its_siblings_and_children_in_tree_order(con):
    assert ids(con, ["90001@pre2025"]) == ["90@pre2025", "900@pre2025", "90001@pre2025", "90001-KP01",
                                           "90002@pre2025"]
    units = unit_picker.options(con, "90@pre2025", ["90001@pre2025"], 2023)
    assert [u.depth for u in units] == [0, 1, 2, 3, 2]


def test_at_the_root_its_children_only_and_at_a_district_its_siblings_and_communes(con):
    assert ids(con, ["90@pre2025"]) == ["90@pre2025", "900@pre2025", "901@pre2025"]
    assert ids(con, ["901@pre2025"]) == ["90@pre2025", "900@pre2025", "901@pre2025", "90003@pre2025"]


@pytest.mark.parametrize("stale", [None, "", "nope", "80001@pre2025", "80@pre2025", "'; DROP TABLE localities; --"])
def test_a_unit_outside_the_area_or_unknown_gives_way_to_the_next_candidate(con, stale):
    assert ids(con, [stale, "90002@pre2025"])[-2:] == ["90002@pre2025", "90002-KP01"]
    assert ids(con, [stale]) == ["90@pre2025", "900@pre2025", "901@pre2025"]  # none will do: the root
    assert con.execute("SELECT count(*) FROM localities").fetchone()[0] == len(TREE)


def test_a_district_leader_sees_only_its_part_and_cannot_be_placed_outside_it(con):
    leader = access.Scope("900@pre2025")
    assert ids(con, ["90001@pre2025"], scope=leader) == ["900@pre2025", "90001@pre2025", "90001-KP01",
                                                          "90002@pre2025"]
    assert unit_picker.current(con, "90@pre2025", ["90003@pre2025", "900@pre2025"], 2023, 4, leader) == "900@pre2025"


def test_a_unit_that_no_longer_exists_that_year_is_not_offered(con):
    assert unit_picker.options(con, "90@pre2025", ["90001@pre2025"], 2026) == []
