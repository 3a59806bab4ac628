"""The command line's CSV contracts (column names are used by other tools); run in this process, except the
test of the entry point itself."""
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.cli import main as cli_main
from etl.cli.demo import write_bulk

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(cli):
    """run(db, *args): `python -m etl *args --db db`, in this process."""
    return lambda db, *args: cli(*args, "--db", db)


def rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    assert cli_main.main(["init", "--db", str(path)]) == 0
    return path


def test_targets_csv_columns_and_content(db, run):
    result = run(db, "targets", "--csv")
    assert result.stdout.splitlines()[0] == "plan_id,indicator_code,level,year,comparator,value,value_high,unit,clause"
    targets = rows(result)
    assert len(targets) == 47
    split = [t for t in targets if t["plan_id"] == "quangtri-2022-2025" and t["indicator_code"] == "officials_trained"]
    assert [(t["level"], t["value"]) for t in split] == [("province", "70"), ("district;commune", "50")]
    range_target = next(t for t in targets if t["comparator"] == "range")
    assert (range_target["value"], range_target["value_high"], range_target["unit"]) == ("2", "4", "buổi")


def test_localities_csv(db, run):
    units = {u["locality_id"]: u for u in rows(run(db, "localities", "--csv"))}
    assert units["15349@pre2025"]["successor_id"] == "15349@2025"
    assert units["15349-KP01@pre2025"]["local_code"] == "True"


def test_attainment_csv_after_a_load(db, run, tmp_path):
    path = tmp_path / "q1.xlsx"
    write_bulk(path, [("15349", 2023, 1, "establishments_inspected", 3, 10),
                      ("15349", 2023, 1, "tipoffs_handled", 2, 2)])
    assert run(db, "load", str(path)).returncode == 0
    result = run(db, "attainment", "--plan", "vinhloc-2023", "--year", "2023", "--quarter", "1", "--csv")
    assert result.stdout.splitlines()[0] == ("plan_id,locality_code,indicator_code,year,quarter,comparator,"
                                             "target_value,numerator,denominator,actual,status,children_reported,"
                                             "children_total")
    by_code = {r["indicator_code"]: r for r in rows(result)}
    inspected = by_code["establishments_inspected"]
    assert (inspected["locality_code"], inspected["numerator"], inspected["denominator"], inspected["actual"],
            inspected["status"]) == ("15349", "3", "10", "30", "met")
    assert by_code["students_reached"]["status"] == "no_data"
    # a child locality by its code: khu phố 1 has no figures of its own
    child = rows(run(db, "attainment", "--plan", "vinhloc-2023", "--year", "2023", "--locality", "15349-KP01", "--csv"))
    assert {r["locality_code"] for r in child} == {"15349-KP01"}


def test_attainment_refuses_unknown_plan_year_and_locality(db, run):
    assert "Không có kế hoạch" in run(db, "attainment", "--plan", "x", "--year", "2023").stderr
    assert "nằm ngoài thời gian" in run(db, "attainment", "--plan", "vinhloc-2023", "--year", "2030").stderr
    assert "Không có địa bàn" in run(db, "attainment", "--plan", "vinhloc-2023", "--year", "2023",
                                     "--locality", "99999").stderr


def test_the_entry_point_defaults_to_the_environment_variable_and_exits_with_the_code(tmp_path):
    # the one test that spawns `python -m etl` (etl/__main__.py): the others run etl.cli.main.main in-process
    path = tmp_path / "env.duckdb"
    env = {**os.environ, "PCMD_DB": str(path)}
    result = subprocess.run([sys.executable, "-m", "etl", "init"], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120)
    assert result.returncode == 0 and path.exists(), result.stderr
    refused = subprocess.run([sys.executable, "-m", "etl", "attainment", "--plan", "x", "--year", "2023"],
                             capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert refused.returncode == 2 and "Không có kế hoạch" in refused.stderr and "Traceback" not in refused.stderr


def test_old_plan_takes_old_codes_after_the_reform(db, run, tmp_path):
    # issue 14, rule 5: Quảng Trị 2022–2025 viewed for Q4 2025 takes its own units' codes: 19333 is
    # Phường 1 (not Phường Đông Hà, the code reused after 2025, outside the old province's area)
    out = tmp_path / "p1.csv"
    result = run(db, "export", "--plan", "quangtri-2022-2025", "--year", "2025", "--period", "Q4",
                 "--locality", "19333", "--format", "csv", "--table", "chi-tieu", "-o", str(out))
    assert result.returncode == 0, result.stderr   # resolved to Phường Đông Hà, it was refused as outside the plan
    # the old province (45) and a district (461) have no unit of that code after 2025: still accepted
    for code in ("45", "461"):
        result = rows(run(db, "attainment", "--plan", "quangtri-2022-2025", "--year", "2025", "--quarter", "4",
                          "--locality", code, "--csv"))
        assert {r["locality_code"] for r in result} == {code}


def test_load_across_the_reform_warns_on_a_first_figure_and_refuses_an_old_code(run, tmp_path):
    # rule 11: Phường Thành Nam (13699 since 1 July 2025) succeeds Phường Mỹ Xá (13699) and Xã Đại An (13756)
    path = tmp_path / "cli.duckdb"
    assert run(path, "init").returncode == 0
    before = tmp_path / "2024.xlsx"
    write_bulk(before, [("13699", 2024, 3, "outreach_sessions", 3, None), ("13756", 2024, 3, "outreach_sessions", 2, None)])
    assert run(path, "load", str(before)).returncode == 0
    first = tmp_path / "first.xlsx"
    write_bulk(first, [("13699", 2025, 3, "outreach_sessions", 40, None)])
    result = run(path, "load", str(first))
    said = result.stdout + result.stderr
    assert result.returncode == 0, said                    # a warning, never a refusal
    assert "số liệu đầu tiên sau sắp xếp của Phường Thành Nam (mã 13699)" in said and "'Số buổi tuyên truyền'" in said
    assert "tử số 40" in said and "(5, quý 3/2024)" in said
    old = tmp_path / "old.xlsx"
    write_bulk(old, [("13756", 2025, 4, "outreach_sessions", 1, None)])
    result = run(path, "load", str(old))
    assert result.returncode == 1
    assert "Mã 13756 là của Xã Đại An" in result.stdout + result.stderr
    assert "Phường Thành Nam (mã 13699)" in result.stdout + result.stderr
