"""The upload page as users meet it (AppTest): template download, unknown code, submission history."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl import accounts, bootstrap, db
from tests.apptest import stored_account
from tests.conftest import add_figures

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ADMIN = accounts.User("quantri", "admin", None)


@pytest.fixture
def page_db(tmp_path, monkeypatch, fresh_streamlit_caches):
    path = tmp_path / "upload.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con)
    add_figures(con, [("15349@pre2025", 2023, 1, "tipoffs_handled", 2, 2)], version_by="Cán bộ VH-XH")
    con.close()
    monkeypatch.setenv("PCMD_DB", str(path))
    return path


def run(code: str | None = None, quarter: int | None = None, user=ADMIN) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["user"] = stored_account(user)
    at.switch_page("pages/upload.py")
    at.run()
    if code is not None:
        at.text_input(key="template_code").input(code)
        at.number_input(key="template_year").set_value(2023)
        if quarter:
            at.selectbox(key="template_quarter").set_value(quarter)
        at.run()
    assert not at.exception, at.exception
    return at


def test_history_lists_who_sent_what(page_db):
    at = run()
    history = at.dataframe[0].value
    assert list(history.columns) == ["Thời gian gửi", "Người gửi", "Tệp", "Mã địa bàn", "Địa bàn", "Quý",
                                     "Phiên bản", "Cảnh báo"]
    assert history.iloc[0][["Người gửi", "Mã địa bàn", "Địa bàn", "Quý", "Phiên bản"]].tolist() == [
        "Cán bộ VH-XH", "15349", "Thị trấn Vĩnh Lộc", "1/2023", 1]


def test_template_is_offered_for_a_known_code(page_db):
    at = run("15349", 2)
    buttons = at.get("download_button")
    assert len(buttons) == 1 and "Tải mẫu báo cáo" in buttons[0].proto.label
    assert not at.warning


def test_a_reporter_sees_only_the_history_of_its_units(page_db):
    assert run(user=accounts.User("baocao.x", "reporter", "15349@2025")).dataframe[0].value.shape[0] == 1
    assert run(user=accounts.User("baocao.y", "reporter", "11473@2025")).info[-1].value == "Chưa có báo cáo nào được nạp."


def test_unknown_code_says_so(page_db):
    at = run("99999")
    assert "Không có địa bàn mã '99999' tại quý 1/2023" in at.warning[0].value
