"""The upload page as users meet it (AppTest): template download, unknown code, submission history."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.access import accounts
from etl.model import bootstrap
from etl.storage import db
from tests.apptest import stored_account
from tests.conftest import add_figures

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ADMIN = accounts.User("quantri", "admin", None)


@pytest.fixture
def page_db(tmp_path, monkeypatch):
    path = tmp_path / "upload.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con)
    add_figures(con, [("15349@pre2025", 2023, 1, "tipoffs_handled", 2, 2)], version_by="Cán bộ VH-XH")
    con.close()
    monkeypatch.setenv("PCMD_DB", str(path))
    return path


def run(unit: str | None = None, quarter: int | None = None, user=ADMIN, year: int = 2023) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["user"] = stored_account(user)
    at.switch_page("pages/upload.py")
    at.run()
    if unit is not None:
        at.number_input(key="template_year").set_value(year)
        if quarter:
            at.selectbox(key="template_quarter").set_value(quarter)
        at.run()
        at.selectbox(key="template_unit").set_value(unit).run()
    assert not at.exception, at.exception
    return at


def test_history_lists_who_sent_what(page_db):
    at = run()
    history = at.dataframe[0].value
    assert list(history.columns) == ["Thời gian gửi", "Người gửi", "Tệp", "Mã địa bàn", "Địa bàn", "Quý",
                                     "Phiên bản", "Cảnh báo"]
    assert history.iloc[0][["Người gửi", "Mã địa bàn", "Địa bàn", "Quý", "Phiên bản"]].tolist() == [
        "Cán bộ VH-XH", "15349", "Thị trấn Vĩnh Lộc", "1/2023", 1]


def test_template_is_offered_for_a_unit_picked_by_name(page_db):
    at = run("15349@pre2025", 2)
    assert "Thị trấn Vĩnh Lộc (mã 15349)" in at.selectbox(key="template_unit").options
    assert any("Thị trấn Vĩnh Lộc" in c.value and "quý 2/2023" in c.value for c in at.caption)
    buttons = at.get("download_button")
    assert len(buttons) == 1 and "Tải mẫu báo cáo" in buttons[0].proto.label
    assert not at.warning


def test_a_reporter_sees_only_the_history_of_its_units(page_db):
    assert run(user=accounts.User("baocao.x", "reporter", "15349@2025")).dataframe[0].value.shape[0] == 1
    assert run(user=accounts.User("baocao.y", "reporter", "11473@2025")).info[-1].value == "Chưa có báo cáo nào được nạp."


def test_a_reporter_picks_only_among_its_own_units_and_the_due_quarter_is_preset(page_db):
    import datetime as dt

    from etl.intake import report_units
    at = run(user=accounts.User("baocao.bd", "reporter", "11473@2025"))
    due_year, due_quarter = report_units.due_quarter(dt.date.today())
    assert at.number_input(key="template_year").value == due_year
    assert at.selectbox(key="template_quarter").value == due_quarter
    at.number_input(key="template_year").set_value(2026).run()
    options = at.selectbox(key="template_unit").options
    assert options[0] == "Phường Bạch Đằng (mã 11473)" and len(options) > 1
    assert all("11473" in o for o in options)                     # its ward and the ward's tổ dân phố only
    assert not any("Vĩnh Lộc" in o for o in options)


def test_a_year_without_a_plan_for_the_account_says_so_and_offers_no_template(page_db):
    at = run(user=accounts.User("baocao.bd", "reporter", "11473@2025"))
    at.number_input(key="template_year").set_value(2019).run()
    assert at.selectbox(key="template_unit").options == []
    assert any("Không có đơn vị nào bạn được báo cáo" in i.value for i in at.info)
    assert not at.get("download_button")
