"""The demo database: seeded Excel files loaded through the users' path, a realistic mix."""
from collections import Counter

import pytest

from etl.cli import demo
from etl.engine import attainment
from etl.storage import db
from tests.conftest import DEMO_TODAY as TODAY


@pytest.fixture(scope="module")
def demo_db(built_demo, tmp_path_factory):
    """A connection to a copy of the session's demo database (tests/conftest.py), the folder of its Excel files,
    its summary."""
    con = db.connect(built_demo.copy(tmp_path_factory.mktemp("demo")))
    yield con, built_demo.files, built_demo.summary
    con.close()


def test_demo_is_written_as_excel_and_loaded_through_the_load_path(demo_db):
    con, folder, summary = demo_db
    files = sorted(folder.glob("*.xlsx"))
    uploads = con.execute("SELECT file_name FROM uploads ORDER BY file_name").fetchall()
    assert [f.name for f in files] == [u[0] for u in uploads]
    assert f"{len(files)} tệp Excel" in summary


def test_every_plan_area_has_returns_for_its_years_and_the_year_before(demo_db):
    con, *_ = demo_db
    years = dict(con.execute(
        """SELECT p.plan_id, list(DISTINCT r.year ORDER BY r.year) FROM plans p
           JOIN locality_closure c ON c.ancestor_id = p.issuer_id
           JOIN returns r ON r.locality_id = c.locality_id GROUP BY p.plan_id""").fetchall())
    assert years == {"vinhloc-2023": [2022, 2023], "binhluc-2022": [2021, 2022], "thanhnam-2025": [2025],
                     "quangtri-2022-2025": [2021, 2022, 2023, 2024, 2025], "bachdang-2026": [2025, 2026]}


def test_demo_mixes_met_behind_and_missing(demo_db):
    con, *_ = demo_db
    statuses = Counter()
    for plan_id, year, quarter in [("vinhloc-2023", 2023, 4), ("binhluc-2022", 2022, 2),
                                   ("quangtri-2022-2025", 2024, 4), ("bachdang-2026", 2026, 3)]:
        statuses.update(r.status for r in attainment.evaluate(con, plan_id, year, quarter))
    assert statuses["met"] and statuses["not_met"] and statuses["behind"] and statuses["on_track"]
    missing = con.execute(
        "SELECT count(*) FROM localities l JOIN locality_closure c ON c.locality_id = l.locality_id "
        "WHERE c.ancestor_id = '11473@2025' AND l.level = 'neighbourhood' AND l.locality_id NOT IN "
        "(SELECT locality_id FROM returns WHERE year = 2026 AND quarter = 3)").fetchall()[0][0]
    assert missing > 0  # some tổ dân phố have not reported the latest quarter


def test_demo_is_deterministic(demo_db, tmp_path):
    con, *_ = demo_db
    other = db.connect(tmp_path / "again.duckdb")
    demo.build(other, out_dir=tmp_path / "files", today=TODAY)
    query = "SELECT locality_id, year, quarter, indicator_code, numerator, denominator FROM current_figures ORDER BY ALL"
    assert other.execute(query).fetchall() == con.execute(query).fetchall()
    other.close()


def test_the_demo_has_one_account_per_role_and_an_older_demo_gets_them(built_demo, tmp_path):
    from etl.access import accounts
    from etl.cli import main as cli
    copy = built_demo.copy(tmp_path)
    con = db.connect(copy)
    assert {(u.username, u.role) for u in accounts.list_users(con)} == {
        ("quantri", "admin"), ("lanhdao.binhluc", "leader"), ("baocao.bachdang", "reporter")}
    assert accounts.authenticate(con, "lanhdao.binhluc", "lanhdao-minhhoa").locality_id == "352@pre2025"
    con.execute("DELETE FROM users")   # a demo database made before accounts existed
    con.close()
    assert cli.main(["demo", "--if-missing", "--db", str(copy)]) == 0
    con = db.connect(copy)
    assert accounts.count(con) == 3
    con.close()


def test_demo_build_says_each_step_and_leaves_no_excel_files_behind(tmp_path, monkeypatch):
    import tempfile
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(demo, "PLANS", [p for p in demo.PLANS if p.plan_id == "thanhnam-2025"])
    lines = []
    con = db.connect(tmp_path / "small.duckdb")
    summary = demo.build(con, today=TODAY, progress=lines.append)
    assert lines == ["[1/3] Khởi tạo cơ sở dữ liệu, địa bàn và danh mục kế hoạch…",
                     "[2/3] Sinh và nạp các tệp Excel minh họa của kế hoạch thanhnam-2025…",
                     "[3/3] Tạo tài khoản minh họa…"]
    files = con.execute("SELECT count(*) FROM uploads").fetchone()[0]
    con.close()
    assert files > 0 and f"{files} tệp Excel" in summary and "giữ tại" not in summary
    assert list(scratch.iterdir()) == []          # the temporary folder and its files are gone


def test_demo_command_prints_progress_on_stderr(tmp_path, monkeypatch, capsys):
    from etl.cli import main as cli
    monkeypatch.setattr(demo, "PLANS", [p for p in demo.PLANS if p.plan_id == "thanhnam-2025"])
    assert cli.main(["demo", "--db", str(tmp_path / "d.duckdb"), "--out", str(tmp_path / "files")]) == 0
    out, err = capsys.readouterr()
    assert [line.split("]")[0] for line in err.splitlines()] == ["[1/3", "[2/3", "[3/3"]
    assert "Đã tạo CSDL minh họa" in out and str(tmp_path / "files") in out
    assert list((tmp_path / "files").glob("*.xlsx"))
