"""The shipped locality data: both sides of the 2025 reform, the plans' areas, old -> new mapping."""
import csv
from pathlib import Path

import pytest

from etl.model import catalog, localities

CSV = Path(__file__).resolve().parents[2] / "data" / "localities.csv"


@pytest.fixture(scope="module")
def units() -> dict[str, dict]:
    with CSV.open(encoding="utf-8") as f:
        return {r["locality_id"]: r for r in csv.DictReader(f)}


def children(units, parent_id, level=None):
    return [u for u in units.values() if u["parent_id"] == parent_id and (level is None or u["level"] == level)]


def test_before_and_after_the_reform(units):
    count = lambda level, era: sum(1 for u in units.values() if u["level"] == level and u["locality_id"].endswith(era))  # noqa: E731
    assert count("province", "@pre2025") == 63 and count("province", "@2025") == 34
    assert count("district", "@pre2025") == 696
    assert count("commune", "@pre2025") >= 10_000 and count("commune", "@2025") == 3321


def test_every_plans_issuer_and_the_units_its_targets_count_exist(units):
    for plan in catalog.read_plans():
        assert plan.issuer_id in units, plan.plan_id
    assert units["15349@pre2025"]["name"] == "Thị trấn Vĩnh Lộc"
    assert len(children(units, "15349@pre2025", "neighbourhood")) == 10  # "10/10 khu phố"
    assert all(u["local_code"] == "1" for u in children(units, "15349@pre2025"))
    assert units["352@pre2025"]["name"] == "Huyện Bình Lục"
    assert len(children(units, "352@pre2025", "commune")) >= 10  # its xã, thị trấn
    assert units["13699@2025"]["name"] == "Phường Thành Nam" and units["13699@2025"]["parent_id"] == "37@2025"
    kinds = {u["unit_type"] for u in children(units, "13699@2025")}
    assert kinds == {"Tổ dân phố", "Thôn", "Xóm"}
    assert units["45@pre2025"]["name"] == "Tỉnh Quảng Trị"
    assert len(children(units, "45@pre2025", "district")) >= 9
    assert units["11473@2025"]["name"] == "Phường Bạch Đằng" and units["11473@2025"]["parent_id"] == "31@2025"
    assert len(children(units, "11473@2025", "neighbourhood")) >= 10


def test_pre_2025_units_map_to_their_successor(units):
    assert units["15349@pre2025"]["successor_id"] == "15349@2025"
    assert units["15349@2025"]["name"] == "Xã Vĩnh Lộc"
    assert units["45@pre2025"]["successor_id"] == "44@2025"  # Quảng Trị merged into the new province 44
    assert units["352@pre2025"]["successor_id"] == "37@2025"  # huyện Bình Lục (Hà Nam) -> Ninh Bình
    old_communes = [u for u in units.values() if u["level"] == "commune" and u["locality_id"].endswith("@pre2025")]
    assert all(units.get(u["successor_id"], {}).get("level") == "commune" for u in old_communes)


def test_a_code_alone_is_not_a_key(units):
    for code in ("15", "24", "44", "52", "80", "82", "91"):
        assert units[f"{code}@pre2025"]["name"] != units[f"{code}@2025"]["name"]


def test_codes_resolve_by_date(make_db, tmp_path):
    con = make_db()
    localities.load(con)  # the real list
    assert localities.resolve(con, "15349", 2023, 2) == "15349@pre2025"
    assert localities.resolve(con, "15349", 2025, 3) == "15349@2025"
    assert localities.resolve(con, "44", 2024) == "44@pre2025"  # Quảng Bình before the reform
    assert localities.resolve(con, "45", 2026) is None  # Quảng Trị's old code is gone


def test_the_build_script_reproduces_the_shipped_file(units):
    pytest.importorskip("vietnamadminunits", reason="needs requirements-dev.txt")
    import importlib.util
    spec = importlib.util.spec_from_file_location("build", CSV.parent.parent / "scripts" / "build_localities.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    rebuilt = {r["locality_id"]: {k: str(v) for k, v in r.items()} for r in build.build()}
    assert rebuilt == units
