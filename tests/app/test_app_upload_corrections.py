"""The upload page (AppTest) shows a correction figure by figure: changed, removed, carried forward,
with indicator names, and warns of skipped rows. The file is inspected by the real etl.intake.submission;
AppTest cannot drive a file uploader, so the page is handed that inspection."""
import datetime as dt

import pytest

from dashboard import state
from etl.intake import submission
from etl.model import bootstrap
from etl.storage import db
from tests.apptest import open_app
from tests.conftest import add_figures
from tests.xlsx_files import bulk


@pytest.fixture
def inspection(tmp_path, monkeypatch):
    path = tmp_path / "upload.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con)
    add_figures(con, [("15349@pre2025", 2023, 1, "tipoffs_handled", 2, 2),
                      ("15349@pre2025", 2023, 1, "outreach_sessions", 3, None),
                      ("15349@pre2025", 2023, 1, "new_hotspots", 0, None)])
    data = bulk(tmp_path / "sua.xlsx", [("15349", 2023, 1, "tipoffs_handled", 3, 3),
                                        ("15349", 2023, 1, "new_hotspots", "xóa", None),
                                        ("Tổng cộng", None, None, None, 3, 3)]).read_bytes()
    found = submission.inspect(con, "sua.xlsx", data, today=dt.date(2026, 11, 23))
    con.close()
    monkeypatch.setenv("PCMD_DB", str(path))
    monkeypatch.setattr(state, "inspect_uploads", lambda files: [found])
    return found


def shown(element) -> str:
    """The text a reader sees: the page escapes markdown in messages that carry what the user sent."""
    return element.value.replace("\\", "")


def test_the_upload_page_lists_changed_removed_and_carried_figures(inspection):
    at = open_app("upload")
    accepted = "sua.xlsx: hợp lệ — 0 số liệu mới, 1 thay đổi, 1 xóa, 0 không đổi; 1 số liệu tệp không ghi được giữ nguyên."
    assert accepted in [shown(s) for s in at.success]
    assert any("1 số liệu tệp không ghi được giữ nguyên từ phiên bản đang dùng, 1 số liệu bị xóa" in i.value
               for i in at.info)
    assert any("bỏ qua các dòng tổng cộng (không có mã chỉ số): dòng 6" in shown(w) for w in at.warning)
    table = at.dataframe[0].value
    rows = table[["Chỉ số", "Số liệu đang dùng", "Số liệu mới", "Thay đổi"]].values.tolist()
    assert rows == [["Điểm, tụ điểm phức tạp mới phát sinh", "0", "–", "Xóa"],
                    ["Tin báo, tố giác được tiếp nhận, xác minh, xử lý kịp thời", "2/2", "3/3", "Thay đổi"],
                    ["Số buổi tuyên truyền", "3", "3", "Giữ nguyên (tệp không ghi)"]]
    assert any(b.label == "Xác nhận nạp 1 tệp hợp lệ" for b in at.button)


def test_names_the_user_chose_are_never_markdown():
    from dashboard.text import md, plain
    typed = "Tệp '[bấm](http://x.invalid)![a](http://x.invalid/p.png)*đậm*.xlsx'"
    text = md(typed)
    assert "](" not in text.replace("\\]\\(", "") and "\\*đậm\\*" in text and plain(text) == typed
