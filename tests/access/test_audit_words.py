"""The audit trail in words (etl/access/audit_words.py) and on the Nhật ký page (AppTest)."""
from __future__ import annotations

import datetime as dt

import pytest

from etl.access import audit
from etl.access.audit_words import Words
from etl.model import bootstrap
from etl.storage import db
from tests.apptest import ADMIN, open_app


@pytest.fixture
def con(tmp_path):
    con = db.connect(tmp_path / "audit.duckdb")
    bootstrap.initialise(con)
    yield con
    con.close()


def test_an_old_access_change_reads_with_roles_and_units(con):
    said = Words(con).detail("account", "đổi lanhdao.x: leader/352@pre2025 → admin/None")
    assert said == "lanhdao.x: Lãnh đạo, Huyện Bình Lục → Quản trị, toàn quốc"
    assert "None" not in said and "@" not in said.split(":", 1)[1]


def test_an_added_account_an_upload_and_a_plan_read_in_words(con):
    words = Words(con)
    assert words.detail("account", "thêm baocao.y (reporter, 11473@2025)") == \
        "thêm tài khoản baocao.y (Báo cáo viên, Phường Bạch Đằng)"
    assert words.detail("account", "thêm quantri2 (admin, toàn quốc)") == "thêm tài khoản quantri2 (Quản trị, toàn quốc)"
    upload = words.detail("upload", "bao-cao.xlsx (sha256 0123456789abcdef): 11473 quý 3/2026 v2, 11473-TDP01 quý 3/2026 v1")
    assert upload == ("tệp 'bao-cao.xlsx' (mã kiểm tra 01234567): Phường Bạch Đằng (mã 11473), quý 3/2026, phiên bản 2; "
                      "Tổ dân phố 1 (mã 11473-TDP01), quý 3/2026, phiên bản 1")
    plan = words.detail("plan", "ngừng theo dõi binhluc-2022")
    assert plan.startswith("ngừng theo dõi kế hoạch UBND huyện Bình Lục · 2022") and plan.endswith("(binhluc-2022)")
    assert words.detail("login_ok", "sso") == "đăng nhập một lần (SSO)"


def test_what_it_cannot_read_stays_as_written(con):
    words = Words(con)
    for odd in ["", None, "đổi x: a/b", "ghi chú *tự do* <b>", "tệp.xlsx (sha256 zz): 1 quý 9/2026 v1",
                "đổi u: leader/99999@pre2025 → reporter/None"]:
        out = words.detail("account", odd)
        assert isinstance(out, str)
    assert words.detail("account", "ghi chú *tự do* <b>") == "ghi chú *tự do* <b>"
    assert words.detail("account", "đổi u: leader/99999@pre2025 → reporter/None") == \
        "u: Lãnh đạo, 99999@pre2025 → Báo cáo viên, toàn quốc"     # an unknown unit keeps its id, nothing lost


def test_the_audit_page_shows_the_trail_in_words(con, monkeypatch):
    audit.record(con, "quantri", audit.ACCOUNT, "đổi lanhdao.x: leader/352@pre2025 → admin/None",
                 dt.datetime.now().replace(microsecond=0))
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()[0][0]
    con.close()
    monkeypatch.setenv("PCMD_DB", path)
    at = open_app("audit", ADMIN)
    details = list(at.dataframe[0].value.iloc[:, 3])
    assert "lanhdao.x: Lãnh đạo, Huyện Bình Lục → Quản trị, toàn quốc" in details
    assert not any("/None" in d or "leader/" in d for d in details)


def test_the_details_written_today_are_the_ones_read_back():
    """AUDIT_DETAIL (labels_vi) writes the stored details; audit_words reads them with patterns: the two move
    together, or the Nhật ký page falls back to the raw text."""
    from etl.access import audit_words
    from etl.labels_vi import AUDIT_DETAIL
    added = audit_words._ADD.match(AUDIT_DETAIL["account_added"].format(username="lan", role="leader",
                                                                        where="352@pre2025"))
    assert added and added.groups() == ("lan", "leader", "352@pre2025")
    for key, verb in (("plan_created", "tạo"), ("plan_edited", "sửa"), ("plan_retired", "ngừng theo dõi")):
        m = audit_words._PLAN.match(AUDIT_DETAIL[key].format(plan="vinhloc-2027"))
        assert m and (m[1], m[2], m[3]) == (verb, "vinhloc-2027", None)
    imported = audit_words._PLAN.match(AUDIT_DETAIL["plan_imported"].format(plan="p-1", file="ke hoach.yaml"))
    assert imported and (imported[1], imported[2], imported[3]) == ("nhập", "p-1", " từ ke hoach.yaml")
    returned = audit_words._RETURN.match(AUDIT_DETAIL["return"].format("15349", 3, 2025, 2))
    assert returned and returned.groups() == ("15349", "3", "2025", "2")
