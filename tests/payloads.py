"""Text a hostile office, a careless officer or a curious leader might type where the app shows it
back: each must be shown as typed, never as a link, image, heading, formula, icon or colour.
Addresses point at a closed local port, so nothing is fetched even if one slipped through."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from etl.access import accounts
from etl.model import catalog, localities
from etl.model.catalog import Plan
from etl.plans import plan_editor
from etl.storage import analytics, db
from tests.conftest import TREE, add_figures, target, write_tree

LINK = "http://127.0.0.1:9/x"
IMAGE = "http://127.0.0.1:9/i.png"

PAYLOADS = [
    f"[bấm vào đây]({LINK})",
    f"![ảnh]({IMAGE})",
    f'<img src="{IMAGE}">',
    f'<a href="{LINK}">liên kết</a>',
    "<script>alert(1)</script>",
    "# Tiêu đề lớn",
    "$x^2$ và $$\\int_0^1 x$$",
    ":smile: :streamlit: :+1:",
    ":red[chữ đỏ] :blue-background[nền xanh] :small[nhỏ] :help[gợi ý]",
    ":material/home: :material_home:",
    f"trang {LINK} hoặc www.vi-du.vn hoặc a@vi-du.vn",
    "**đậm** _nghiêng_ ~~gạch~~ `mã` &amp; &lt;b&gt;",
    "- mục\n1. mục\n> trích\n---\n| a | b |",
    "10 -> 20 <= 30 -- 40",
]

LINE = " · ".join(p.replace("\n", " ") for p in PAYLOADS)   # every payload, on one line
TITLE, BODY, PARENT, CLAUSE, NOTE = (f"{what} {LINE}" for what in ("Tiêu đề", "Cơ quan", "Văn bản", "Điều", "Ghi chú"))
UNIT = f"Xã {LINE}"
USERNAME = f"quan_tri {LINE}"   # not a name the app lets anyone create: written into the database as is
DRAFT = ("KẾ HOẠCH\nI. MỤC TIÊU, CHỈ TIÊU\n"
         f"- Phấn đấu 100% tin báo, tố giác được xử lý {LINE}.\n" + "\n".join(PAYLOADS) + "\nII. NHIỆM VỤ\n")
ADMIN_PASSWORD = "quantri-thu-nghiem"


def hostile_database(directory: Path) -> Path:
    """The tests' small tree and one plan, every user text field holding every payload: plan title,
    issuing body, parent document, clauses, notes (evidence), a commune's name, the author of a plan
    change and an account's name and e-mail; an admin `quantri` to log in with."""
    path = directory / "hostile.duckdb"
    con = db.connect(path)
    tree = [row if row[0] != "90001@pre2025" else (*row[:2], UNIT, *row[3:]) for row in TREE]
    localities.load(con, write_tree(directory / "tree.csv", tree))
    targets = [replace(t, clause=CLAUSE) for t in (
        target(1, "sex_workers_supported", "at_least", 50), target(2, "outreach_maintained", "qualitative"),
        target(3, "establishments_inspected", "at_least", 25))]
    plan = Plan("test-plan", TITLE, "90@pre2025", BODY, 2023, 2023, None, PARENT, None, targets)
    catalog.load(con, catalog.read_indicators(), [plan])
    add_figures(con, [("90001@pre2025", 2023, 4, "sex_workers_supported", 3, 20),
                      ("90002@pre2025", 2023, 4, "sex_workers_supported", 10, 30),
                      ("90001@pre2025", 2023, 4, "establishments_inspected", 3, 10),
                      ("90@pre2025", 2023, 4, "outreach_maintained", 1, None),
                      ("90001@pre2025", 2023, 4, "outreach_maintained", 1, None)])
    con.execute("UPDATE figures SET note = ? WHERE indicator_code = 'outreach_maintained'", [NOTE])
    analytics.refresh(con, {2023})
    plan_editor.save(con, plan_editor.load(con, "test-plan"), USERNAME, at=dt.datetime(2024, 1, 5, 9))
    con.execute("INSERT INTO users (username, password_hash, role, locality_id, email, disabled, created_at, changed_at) "
                "VALUES (?, NULL, 'admin', NULL, ?, FALSE, now(), now())",   # the session's account (USER)
                [USERNAME, f"{LINE}@vi-du.vn"])
    accounts.add(con, "quantri", "admin", None, ADMIN_PASSWORD, "test")
    con.close()
    return path


USER = accounts.User(USERNAME, "admin", None)   # a session as that account (AppTest)
