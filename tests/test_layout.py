"""The code's layout holds: one direction (etl never reaches Streamlit, Plotly or dashboard; pages and dashboard
never run SQL), imports sorted with nothing unused, and every path the README's "What is where" names exists."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_ONLY = ("streamlit", "plotly", "dashboard")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def etl_files() -> list[Path]:
    return sorted((ROOT / "etl").rglob("*.py"))


@pytest.mark.parametrize("path", etl_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_etl_never_imports_the_ui(path):
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {name}" for line, name in _imports(path)
             if name.split(".")[0] in UI_ONLY]
    assert not wrong, wrong


def test_importing_every_etl_module_loads_no_ui_library():
    """At run time too: a CLI export or load never pulls in Streamlit, Plotly or dashboard."""
    code = ("import importlib, pkgutil, sys, etl\n"
            "for m in pkgutil.walk_packages(etl.__path__, 'etl.'):\n"
            "    if m.name != 'etl.__main__': importlib.import_module(m.name)\n"
            f"print(sorted(n for n in sys.modules if n.split('.')[0] in {UI_ONLY!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def ui_files() -> list[Path]:
    return sorted([ROOT / "app.py", ROOT / "serve.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "dashboard").glob("*.py")])


def _runs_sql(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"line {line}: imports {name}" for line, name in _imports(path) if name.split(".")[0] == "duckdb"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "execute", "executemany", "sql", "query", "register"):
            found.append(f"line {node.lineno}: .{node.func.attr}(…)")
    return found


@pytest.mark.parametrize("path", ui_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_and_dashboard_never_run_sql(path):
    assert not _runs_sql(path), f"{path.relative_to(ROOT)} runs SQL: {_runs_sql(path)} (put it in etl/)"


def test_the_sql_check_sees_sql():
    probe = ROOT / "tests" / "data"
    sample = probe / "_layout_probe.py"
    sample.write_text("def f(con):\n    return con.cursor().execute('SELECT 1')\n", encoding="utf-8")
    try:
        assert _runs_sql(sample) == ["line 2: .execute(…)"]
    finally:
        sample.unlink()


def test_readme_what_is_where_names_only_paths_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What is where", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`((?:etl|dashboard|pages|tests|bench|data|scripts)/[\w./<>-]*|app\.py|serve\.py)`",
                           section))
    assert len(named) > 40, "the section lists the code"
    missing = sorted(p for p in named if "<" not in p and not (ROOT / p).exists())
    assert not missing, missing


def test_ruff_finds_no_unsorted_or_unused_imports():
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert ruff.returncode == 0, ruff.stdout[-3000:] + ruff.stderr[-1000:]
