"""Personal data stored before the scanner refused it: `python -m etl privacy scan` lists where (never the
value), `privacy purge` blanks those texts in one transaction and records it in the audit trail."""
from pathlib import Path

import pytest

from etl.intake import privacy_store
from etl.model import catalog
from etl.plans import plan_files
from etl.storage import analytics, db
from tests.conftest import add_figures, target

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ["0912345678", "Nguyễn Văn Tư", "038095001234", "Trần Văn Bình", "Lò Văn Pấng", "Hà Thị Thu",
           "Giàng A Páo"]
LEGIT_NOTE = "Theo Kế hoạch 101/KH-UBND ngày 15/3/2022, kiểm tra 12 cơ sở karaoke tại tổ dân phố Trần Phú"


@pytest.fixture
def stored(make_db):
    """A database holding personal data in every stored text the scan covers, and legitimate texts."""
    con = make_db([target(1, "tipoffs_handled", "all", 100), target(2, "new_hotspots", "at_most", 0, unit="điểm")])
    add_figures(con, [("90001@pre2025", 2023, 1, "tipoffs_handled", 2, 2), ("90001@pre2025", 2023, 1, "new_hotspots", 0, None),
                      ("90002@pre2025", 2023, 1, "tipoffs_handled", 1, 1)])
    add_figures(con, [("90001@pre2025", 2023, 1, "tipoffs_handled", 3, 3)])  # version 2
    con.execute("UPDATE figures SET note = 'liên hệ 0912345678' WHERE indicator_code = 'tipoffs_handled' AND numerator = 2")
    con.execute("UPDATE figures SET note = 'Đối tượng Nguyễn Văn Tư' WHERE numerator = 3")
    con.execute("UPDATE figures SET note = ? WHERE numerator = 1", [LEGIT_NOTE])
    con.execute("UPDATE uploads SET file_name = 'bc CCCD 038095001234.xlsx', warnings = ['Dòng 3: chủ cơ sở Trần Văn Bình', 'Dòng 4: số liệu khác xa'] "
                "WHERE upload_id = 1")
    con.execute("UPDATE plans SET title = 'Kế hoạch theo đề xuất của ông Lò Văn Pấng', source_document = 'KH 12/KH-UBND'")
    con.execute("UPDATE targets SET clause = 'hỗ trợ người bán dâm Hà Thị Thu' WHERE position = 2")
    after = plan_files.export(con, "test-plan").replace("điều khoản 1", "do chị Giàng A Páo đề xuất")
    con.execute("INSERT INTO plan_changes (plan_id, changed_at, changed_by, before, after) VALUES ('test-plan', now(), 'A', NULL, ?)",
                [after])
    analytics.refresh(con, {2023})
    path = Path(con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0])
    return con, path


@pytest.fixture
def privacy_cli(cli):
    """privacy_cli(path, *args, stdin=""): `python -m etl privacy *args --db path`, in this process."""
    return lambda path, *args, stdin="": cli("privacy", *args, "--db", path, stdin=stdin)


def test_scan_names_every_place_and_kind_never_the_value(stored):
    con, _ = stored
    found = privacy_store.scan(con)
    places = {(f.table, f.field): f for f in found}
    assert set(places) == {("figures", "note"), ("uploads", "file_name"), ("uploads", "warnings"), ("plans", "title"),
                           ("targets", "clause"), ("plan_changes", "after")}
    assert sum(f.table == "figures" for f in found) == 2  # both versions' notes; the legitimate note is not listed
    assert places[("uploads", "file_name")].kinds == ("id_number",)
    assert all(secret not in f.place for f in found for secret in SECRETS)


def test_cli_scan_then_purge_blanks_them_in_one_go_and_audits_it(stored, privacy_cli):
    con, path = stored
    con.close()
    scan = privacy_cli(path, "scan")
    assert scan.returncode == 0 and "Có 7 nội dung" in scan.stdout, scan.stdout + scan.stderr
    assert "địa bàn 90001, quý 1/2023, phiên bản 2, chỉ số 'tipoffs_handled': họ tên người" in scan.stdout
    assert all(secret not in scan.stdout for secret in SECRETS)
    refused = privacy_cli(path, "purge", stdin="khong\n")
    assert refused.returncode == 1 and "Đã hủy" in refused.stdout
    assert "Nguyễn Văn Tư".encode() in path.read_bytes()
    purge = privacy_cli(path, "purge", "--yes")
    assert purge.returncode == 0 and "Đã xóa trắng 7 nội dung" in purge.stdout, purge.stdout + purge.stderr
    raw = path.read_bytes()  # the file is rewritten: DuckDB would otherwise keep the freed blocks
    assert [secret for secret in SECRETS if secret.encode() in raw] == []
    assert "Không có nội dung nào" in privacy_cli(path, "scan").stdout
    con = db.connect(path)
    try:
        notes = {n for (n,) in con.execute("SELECT note FROM figures").fetchall()}
        assert notes == {None, LEGIT_NOTE}
        assert con.execute("SELECT count(*) FROM area_figures WHERE note LIKE '%0912345678%'").fetchone()[0] == 0
        assert con.execute("SELECT warnings[2] FROM uploads WHERE upload_id = 1").fetchone()[0] == "Dòng 4: số liệu khác xa"
        assert con.execute("SELECT source_document FROM plans").fetchone()[0] == "KH 12/KH-UBND"
        (after,) = con.execute("SELECT after FROM plan_changes").fetchone()
        (plan,) = catalog.parse_plans(after)  # the change record still reads as a plan
        assert len(plan.targets) == 2
        (detail,) = con.execute("SELECT detail FROM audit_log WHERE action = 'privacy'").fetchone()
        assert "7 nội dung" in detail and all(secret not in detail for secret in SECRETS)
        dump = "\n".join(map(repr, con.execute("SELECT * FROM figures").fetchall()
                             + con.execute("SELECT * FROM uploads").fetchall()
                             + con.execute("SELECT * FROM plans").fetchall() + con.execute("SELECT * FROM targets").fetchall()
                             + con.execute("SELECT * FROM plan_changes").fetchall()))
        assert all(secret not in dump for secret in SECRETS)
    finally:
        con.close()


def test_purge_is_one_transaction(stored, monkeypatch):
    con, _ = stored
    before = con.execute("SELECT note FROM figures ORDER BY ALL").fetchall()
    findings = privacy_store.scan(con)

    def fail(*_args, **_kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(analytics, "refresh", fail)
    with pytest.raises(RuntimeError):
        privacy_store.purge(con, findings, "A")
    assert con.execute("SELECT note FROM figures ORDER BY ALL").fetchall() == before
    assert len(privacy_store.scan(con)) == len(findings)
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'privacy'").fetchone()[0] == 0
