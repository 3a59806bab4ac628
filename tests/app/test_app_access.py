"""The access matrix over the pages (AppTest): an account placed in Huyện Một (900, like Vĩnh Lộc),
its child Xã A (90001), and Huyện Hai (901, like Bình Lục) elsewhere; and the login form."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.text import plain
from etl.access import accounts, audit
from etl.storage import db
from tests.apptest import APP, open_app, stored_account
from tests.conftest import add_figures, target

PASSWORD = "mat-khau-rat-dai-2026"
ROLES = {"admin": accounts.User("quantri", "admin", None),
         "leader": accounts.User("lanhdao.mot", "leader", "900@pre2025"),
         "reporter": accounts.User("baocao.mot", "reporter", "900@pre2025")}


@pytest.fixture
def app_db(make_db, monkeypatch):
    con = make_db([target(1, "establishments_inspected", "at_least", 25)])
    add_figures(con, [("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10),
                      ("90003@pre2025", 2023, 4, "establishments_inspected", 9, 10)])
    accounts.add(con, "lanhdao.mot", "leader", "900@pre2025", PASSWORD, "test")
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    return path


def open_page(page=None, user=None, **params) -> AppTest:
    return open_app(page, user, **params)


def shown(at) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.subheader,
                                             *at.title])


@pytest.mark.parametrize("role", ["leader", "reporter"])
def test_a_scoped_account_sees_its_unit_and_below_never_the_other_district(app_db, role):
    at = open_page(user=ROLES[role])
    assert at.sidebar.selectbox[3].value == "900@pre2025"            # starts at its own unit
    assert set(at.sidebar.selectbox[3].options) == {"· Huyện Một", "· · Xã A", "· · Xã B"}
    assert "Huyện Hai" not in shown(at) and "Xã C" not in shown(at)
    assert list(at.dataframe[-1].value["Tử số / mẫu số"]) == ["3/10"]
    other = open_page(user=ROLES[role], unit="901@pre2025")           # a shared link to Bình Lục's unit
    assert other.sidebar.selectbox[3].value == "900@pre2025"
    child = open_page("locality", user=ROLES[role], unit="90001@pre2025")
    assert child.sidebar.selectbox[3].value == "90001@pre2025" and "Xã A — năm 2023" in shown(child)
    completeness = open_page("completeness", user=ROLES[role])
    assert "Huyện Hai" not in set(completeness.dataframe[0].value["Đơn vị"])


def test_the_admin_sees_everything(app_db):
    at = open_page(user=ROLES["admin"], unit="901@pre2025")
    assert at.sidebar.selectbox[3].value == "901@pre2025"
    assert list(at.dataframe[-1].value["Tử số / mẫu số"]) == ["9/10"]


@pytest.mark.parametrize("role, page, allowed", [
    ("leader", "export", True), ("leader", "upload", False), ("leader", "accounts", False),
    ("reporter", "upload", True), ("reporter", "export", False), ("reporter", "audit", False),
    ("admin", "accounts", True), ("admin", "audit", True), ("admin", "upload", True),
])
def test_pages_follow_the_role(app_db, role, page, allowed):
    at = open_page(page, user=ROLES[role])
    titles = {"export": "Xuất báo cáo", "upload": "Nộp báo cáo quý", "accounts": "Tài khoản", "audit": "Nhật ký"}
    assert (at.title[0].value == titles[page]) is allowed


@pytest.mark.parametrize("page", [None, "upload", "export", "accounts"])
def test_without_login_every_page_shows_the_login_form(app_db, page):
    at = open_page(page)
    assert at.title[0].value == "Đăng nhập" and len(at.text_input) == 2
    assert not at.dataframe


def test_login_form_refuses_then_lets_in_and_logout_returns_to_it(app_db):
    at = open_page("completeness")
    at.text_input(key="login_username").input("lanhdao.mot")
    at.text_input(key="login_password").input("sai-mat-khau-roi")
    at.button[0].click().run()
    assert at.error[0].value == "Tên đăng nhập hoặc mật khẩu không đúng."
    at.text_input(key="login_username").input("lanhdao.mot")
    at.text_input(key="login_password").input(PASSWORD)
    at.button[0].click().run()
    assert at.title[0].value == "Tình hình báo cáo"
    assert "Đang dùng: lanhdao.mot — Lãnh đạo, Huyện Một" in plain(shown(at))  # the name shown as text
    at.sidebar.button(key="logout").click().run()
    assert at.title[0].value == "Đăng nhập"
    con = db.connect(app_db)
    actions = list(audit.events(con)["action"])
    con.close()
    assert actions[:3] == ["logout", "login_ok", "login_failed"]


def test_a_session_idle_too_long_asks_to_log_in_again(app_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = stored_account(ROLES["admin"])
    at.session_state["last_seen"] = 0.0      # long ago
    at.run()
    assert at.title[0].value == "Đăng nhập" and "hết hạn" in at.info[0].value


def test_first_start_without_accounts_says_how_to_create_the_admin(make_db, monkeypatch):
    con = make_db()
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    at = open_page()
    assert "python -m etl user add --username admin --role admin" in at.warning[0].value


def test_the_admin_adds_an_account_on_the_accounts_page_with_the_clis_rules(app_db):
    at = open_page("accounts", user=ROLES["admin"])
    at.text_input(key="new_username").input("baocao.xa-a")
    at.selectbox(key="new_role").set_value("reporter")
    at.text_input(key="new_locality").input("90001")
    at.text_input(key="new_password").input("ngan")
    at.button[0].click().run()
    assert "ít nhất 10 ký tự" in at.error[0].value
    at.text_input(key="new_username").input("baocao.xa-a")
    at.selectbox(key="new_role").set_value("reporter")
    at.text_input(key="new_locality").input("90001")
    at.text_input(key="new_password").input(PASSWORD)
    at.button[0].click().run()
    assert plain(at.success[0].value) == "Đã lưu."   # messages shown as text
    con = db.connect(app_db)
    assert accounts.get(con, "baocao.xa-a") == accounts.User("baocao.xa-a", "reporter", "90001@pre2025")
    assert "thêm baocao.xa-a (reporter, 90001@pre2025)" in audit.events(con)["detail"][0]
    con.close()


def test_cli_export_for_an_account_stops_at_its_scope(app_db, tmp_path, capsys):
    from etl.cli import main as cli
    base = ["export", "--db", app_db, "--plan", "test-plan", "--year", "2023", "--user", "lanhdao.mot"]
    assert cli.main(base + ["--locality", "901", "-o", str(tmp_path / "other.xlsx")]) == 2
    assert "không được xem số liệu của địa bàn '901'" in capsys.readouterr().err
    assert not (tmp_path / "other.xlsx").exists()
    assert cli.main(base + ["--locality", "90001", "-o", str(tmp_path / "child.xlsx")]) == 0
    assert cli.main(base + ["--locality", "900", "-o", str(tmp_path / "own.zip")]) == 0
    import zipfile
    matrix = zipfile.ZipFile(tmp_path / "own.zip").read("dia-ban.csv").decode("utf-8-sig")
    assert "Xã A" in matrix and "Huyện Hai" not in matrix and "Xã C" not in matrix
