"""The meta table (etl/storage/meta.py) and what reading a setting costs at import time."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from etl.access import settings
from etl.storage import db, meta

ROOT = Path(__file__).resolve().parents[2]


def test_a_value_set_is_read_back_and_replaced(tmp_path):
    con = db.connect(tmp_path / "meta.duckdb")
    try:
        assert meta.get_meta(con, "demo") is None
        meta.set_meta(con, "demo", "2026-01-01")
        meta.set_meta(con, "demo", "2026-02-02")
        assert meta.get_meta(con, "demo") == "2026-02-02"
        assert db.one(con, "SELECT count(*) FROM meta WHERE key = 'demo'")[0] == 1
        settings.set_deadline_days(con, 15)
        assert settings.deadline_days(con) == 15 and meta.get_meta(con, settings.DEADLINE_DAYS) == "15"
    finally:
        con.close()


def test_reading_a_setting_loads_neither_pandas_nor_the_catalog():
    code = ("import sys, etl.access.settings\n"
            "print(sorted(n for n in ('pandas', 'yaml', 'etl.model.catalog', 'etl.model.bootstrap') if n in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_import_check_sees_pandas():
    """The probe above sees what it looks for: bootstrap (where get/set_meta were) does pull pandas in."""
    code = "import sys, etl.model.bootstrap\nprint('pandas' in sys.modules and 'etl.model.catalog' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "True"
