"""The command line's --user follows the app's rights (issue 13, point 3): an unknown or locked account
gets nothing, a reporter (no export page in the app) cannot export; in-process."""
from __future__ import annotations

import pytest

from etl.access import accounts, audit, rights
from etl.cli import main as cli
from etl.storage import db
from tests.conftest import add_figures, target

PASSWORD = "mat-khau-rat-dai-2026"


@pytest.fixture
def path(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10)])
    accounts.add(con, "quantri", "admin", None, PASSWORD, "test")
    accounts.add(con, "lanhdao.mot", "leader", "900@pre2025", PASSWORD, "test")
    accounts.add(con, "lanhdao.khoa", "leader", "900@pre2025", PASSWORD, "test")
    accounts.set_disabled(con, "lanhdao.khoa", True, "test")
    accounts.add(con, "baocao.mot", "reporter", "900@pre2025", PASSWORD, "test")
    found = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    return found


def export(path, tmp_path, user):
    out = tmp_path / f"{user}.xlsx"
    code = cli.main(["export", "--db", path, "--plan", "test-plan", "--year", "2023", "--user", user,
                     "--locality", "900", "-o", str(out)])
    return code, out


@pytest.mark.parametrize("user, message", [
    ("lanhdao.khoa", "Tài khoản 'lanhdao.khoa' đang bị khóa"),
    ("baocao.mot", "Tài khoản 'baocao.mot' (Báo cáo viên) không có quyền xuất báo cáo"),
    ("khong-co-ai", "Không có tài khoản 'khong-co-ai'"),
    ("LanhDao.Khoa ", "đang bị khóa"),      # the name as typed, in another case, is the same account
])
def test_export_refuses_an_account_the_app_would_not_let_export(path, tmp_path, capsys, user, message):
    code, out = export(path, tmp_path, user)
    err = capsys.readouterr().err
    assert code == 4 and message in err and "Traceback" not in err
    assert not out.exists()
    con = db.connect(path)
    try:
        assert audit.EXPORT not in set(audit.events(con)["action"])
    finally:
        con.close()


@pytest.mark.parametrize("user", ["lanhdao.mot", "quantri"])
def test_export_works_for_an_active_account_whose_role_exports(path, tmp_path, capsys, user):
    code, out = export(path, tmp_path, user)
    assert code == 0 and out.stat().st_size > 0


def test_a_lock_takes_effect_on_the_next_command(path, tmp_path, capsys):
    assert export(path, tmp_path, "lanhdao.mot")[0] == 0
    con = db.connect(path)
    accounts.set_disabled(con, "lanhdao.mot", True, "quantri")
    con.close()
    assert export(path, tmp_path, "lanhdao.mot")[0] == 4


def test_the_rights_match_the_apps_navigation():
    import ast
    from pathlib import Path
    source = (Path(__file__).resolve().parents[2] / "app.py").read_text(encoding="utf-8")
    reports = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Assign)
                   and getattr(n.targets[0], "id", "") == "REPORTS")
    pages = {k.value: {e.id for e in v.elts} for k, v in zip(reports.value.keys, reports.value.values)}
    for role, names in pages.items():   # a role exports on the CLI exactly when its pages include EXPORT
        assert ("EXPORT" in names) == (rights.EXPORT in rights.ROLE_RIGHTS[role]), role
        assert ("UPLOAD" in names) == (rights.UPLOAD in rights.ROLE_RIGHTS[role]), role
