"""The drafting part of "Quản lý kế hoạch" (AppTest): a pasted paragraph with no heading gives proposals,
those to check listed first and highlighted red, the plan's words shown as text, never as Markdown."""
from __future__ import annotations

import pytest

from dashboard.text import md
from etl.model import bootstrap
from etl.storage import db
from tests.apptest import ADMIN, open_app

PASTED = ("Năm 2026, huyện **phấn đấu** ít nhất 40% cơ sở kinh doanh dịch vụ được kiểm tra; 70% hộ gia đình "
          "ký cam kết :red[x] $y$. Năm 2025 đã kiểm tra 620 lượt cơ sở.")


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "draft.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con)
    con.close()
    monkeypatch.setenv("PCMD_DB", str(path))
    return path


def test_a_pasted_paragraph_is_drafted_with_what_to_check_first(db_path):
    at = open_app("plans", ADMIN)
    at.text_area(key="draft_text").input(PASTED).run()
    assert not at.exception, at.exception
    assert any("Tìm thấy 2 chỉ tiêu" in c.value for c in at.caption)
    assert any("2 đề xuất, 1 cần kiểm tra" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert list(table["Chỉ số"]) == ["chưa xác định chỉ số", "establishments_inspected"]   # to check first
    assert table["Cần kiểm tra"].iloc[0].startswith("chưa xác định chỉ số")
    assert list(table["Giá trị"]) == ["70", "40"] and list(table["Năm"]) == ["", "2026"]
    shown = next(m.value for m in at.markdown if "-background[" in m.value)
    assert ":red-background[" + md("70% hộ gia đình ký cam kết :red[x] $y$") + "]" in shown
    assert "\\*\\*phấn đấu\\*\\*" in shown and "620 lượt" in shown and shown.count("-background[") == 2


def test_a_decrease_goes_into_the_table_without_a_rule_for_the_leader_to_choose(db_path):
    at = open_app("plans", ADMIN)
    at.text_area(key="draft_text").input("Phấn đấu giảm 60 - 80% số tụ điểm mại dâm so với năm 2024.").run()
    table = at.dataframe[0].value
    assert list(table["Quy tắc"]) == ["Giảm"] and list(table["Giá trị"]) == ["60 – 80"]
    assert "chỉ tiêu giảm" in table["Cần kiểm tra"].iloc[0]
    next(b for b in at.button if b.label == "Thêm các đề xuất vào bảng chỉ tiêu").click().run()
    assert not at.exception, at.exception
    row = at.session_state["draft_targets"].iloc[-1]
    assert (row["indicator"], row["rule"], row["value"], row["value_high"]) == ("new_hotspots", None, 60.0, 80.0)
