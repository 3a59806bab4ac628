"""A plan sent as a file: export and import round-trip every seed plan exactly; a bad file changes nothing."""
from __future__ import annotations

import pytest

from etl.cli import main as cli
from etl.model import bootstrap, catalog
from etl.plans import plan_files
from etl.storage import db

PLAN_IDS = ["vinhloc-2023", "binhluc-2022", "thanhnam-2025", "quangtri-2022-2025", "bachdang-2026"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "plans.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con)
    con.close()
    return path


def targets(con, plan_id):
    return con.execute("SELECT * EXCLUDE (plan_id) FROM targets WHERE plan_id = ? ORDER BY position",
                       [plan_id]).fetchall()


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_export_then_import_gives_back_the_same_plan(seeded, tmp_path, plan_id):
    con = db.connect(seeded)
    text = plan_files.export(con, plan_id)
    before = targets(con, plan_id), con.execute("SELECT * FROM plans WHERE plan_id = ?", [plan_id]).fetchall()
    con.execute("DELETE FROM targets WHERE plan_id = ?", [plan_id])
    con.execute("DELETE FROM plans WHERE plan_id = ?", [plan_id])
    (plan,) = plan_files.import_text(con, text)
    assert plan.plan_id == plan_id
    assert (targets(con, plan_id), con.execute("SELECT * FROM plans WHERE plan_id = ?", [plan_id]).fetchall()) == before
    assert plan_files.export(con, plan_id) == text
    con.close()


def test_a_bad_plan_file_is_refused_with_every_problem_and_changes_nothing(seeded):
    con = db.connect(seeded)
    text = plan_files.export(con, "vinhloc-2023")
    before = targets(con, "vinhloc-2023")
    bad = (text.replace("indicator: new_hotspots", "indicator: khong_co", 1)
               .replace("value: 100", "value: 140", 1))
    with pytest.raises(catalog.CatalogError) as refused:
        plan_files.import_text(con, bad)
    assert "chỉ số 'khong_co' không có trong danh mục chỉ số" in str(refused.value)
    assert "tỷ lệ lớn hơn 100%" in str(refused.value)
    with pytest.raises(catalog.CatalogError, match="không có trong danh mục địa bàn"):
        plan_files.import_text(con, text.replace("issuer: 15349@pre2025", "issuer: 99999@pre2025"))
    assert targets(con, "vinhloc-2023") == before
    con.close()


def test_imported_plans_survive_init_and_the_cli_round_trips(seeded, tmp_path, capsys):
    out = tmp_path / "ke-hoach.yaml"
    assert cli.main(["plan", "export", "bachdang-2026", "--db", str(seeded), "-o", str(out)]) == 0
    copy = out.read_text(encoding="utf-8").replace("id: bachdang-2026", "id: bachdang-2027") \
        .replace("year_from: 2026", "year_from: 2027").replace("year_to: 2026", "year_to: 2027")
    (tmp_path / "2027.yaml").write_text(copy, encoding="utf-8")
    assert cli.main(["plan", "import", str(tmp_path / "2027.yaml"), "--db", str(seeded)]) == 0
    assert "Đã nhập kế hoạch bachdang-2027 (10 chỉ tiêu)." in capsys.readouterr().out
    assert cli.main(["init", "--db", str(seeded)]) == 0
    con = db.connect(seeded)
    assert len(targets(con, "bachdang-2027")) == 10
    con.close()
    (tmp_path / "bad.yaml").write_text("plans: [", encoding="utf-8")
    assert cli.main(["plan", "import", str(tmp_path / "bad.yaml"), "--db", str(seeded)]) == 2
    assert "không đọc được" in capsys.readouterr().err
