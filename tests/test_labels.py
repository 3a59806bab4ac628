"""Every word the user sees lives in etl/labels_vi.py (issue #17): no Vietnamese literal anywhere else in the
code but in the modules, or names, listed below as MATCHING data (words the code reads, not words it shows);
and every key of every labels_vi dict is used by the code."""
from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from etl import labels_vi

ROOT = Path(__file__).resolve().parents[1]
LABELS = Path("etl/labels_vi.py")
VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")

# Vietnamese that is DATA the code matches against, not a label. An entry is a module ("path") or one top-level
# name in it ("path:NAME", a function, class or assigned constant); each with the reason it is not a label.
MATCHING = {
    "etl/intake/pd_words.py": "word lists that recognise personal data (given names, family names, address words)",
    "etl/intake/pd_patterns.py:AMOUNT_WORDS": "reads amount words after a number (so '150 triệu đồng' is no phone)",
    "etl/intake/pd_patterns.py:PHONE_WORDS": "reads the words that announce a phone number ('sđt', 'điện thoại')",
    "etl/intake/pd_text.py:_plain_table": "folds đ/Đ to d/D before matching personal data",
    "etl/intake/numbers.py:_QUARTER": "reads a quarter cell typed as 'Quý 3'",
    "etl/intake/excel.py:TOTAL_WORDS": "recognises the total rows officers add ('Tổng cộng') to skip them",
    "etl/intake/corrections.py:REMOVE_MARKERS": "reads 'xóa' typed in Tử số (the template's words say what to type)",
    "etl/access/audit_words.py": "parses audit details as stored (AUDIT_DETAIL's formats, also in rows written "
                                 "long ago: a pattern follows the stored words, not today's labels)",
    "etl/reports/annex.py:UNIT_TYPES": "strips the kind of unit off a name ('Phường Bạch Đằng' -> 'Bạch Đằng')",
    "etl/plans/draft.py": "lexicon of the target drafter: patterns and words it reads in plan texts",
    "etl/plans/draft_shapes.py": "lexicon of the target drafter: the shapes of targets in Vietnamese prose",
    "etl/plans/draft_text.py": "lexicon of the target drafter: how Vietnamese plan texts split into clauses",
}


def code_files(root: Path = ROOT) -> list[Path]:
    """The code the lead's rule covers: etl/, dashboard/, pages/, app.py, serve.py."""
    found = [p for folder in ("etl", "dashboard", "pages") for p in sorted((root / folder).rglob("*.py"))]
    return found + [p for p in (root / "app.py", root / "serve.py") if p.exists()]


def has_vietnamese(text: str) -> bool:
    """A Vietnamese letter: ă â đ ê ô ơ ư, or a Latin letter carrying a mark, precomposed ('ệ') or combining."""
    previous = ""
    for ch in text:
        if ch in VIETNAMESE_LETTERS:
            return True
        parts = unicodedata.normalize("NFD", ch)
        if len(parts) > 1 and parts[0].isascii() and parts[0].isalpha():
            return True
        if unicodedata.combining(ch) and previous.isascii() and previous.isalpha():
            return True
        previous = ch
    return False


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def _top_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, (ast.AnnAssign, ast.AugAssign)) else []
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    return names[0] if names else None


def vietnamese_literals(source: str) -> list[tuple[int, str | None, str]]:
    """(line, top-level name holding it, text) of every string constant, f-string parts included, that holds
    Vietnamese; docstrings left out."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []
    for statement in tree.body:
        name = _top_name(statement)
        for node in ast.walk(statement):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and has_vietnamese(node.value):
                found.append((node.lineno, name, node.value))
    return sorted(found, key=lambda f: f[0])


def offenders(paths: list[Path], root: Path = ROOT, allowed: dict[str, str] = MATCHING) -> list[str]:
    """'path:line: text' for every Vietnamese literal outside labels_vi.py and the allow-list."""
    out = []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        if relative == LABELS.as_posix() or relative in allowed:
            continue
        for line, name, text in vietnamese_literals(path.read_text(encoding="utf-8")):
            if f"{relative}:{name}" not in allowed:
                out.append(f"{relative}:{line}: {text[:60]!r}")
    return out


def test_every_vietnamese_literal_lives_in_labels_vi():
    found = offenders(code_files())
    assert not found, "Vietnamese outside etl/labels_vi.py (move it there):\n" + "\n".join(found)


def test_every_allow_list_entry_still_holds_vietnamese():
    """An entry that matches nothing any more would silently let a label in later: the list stays tight."""
    stale = []
    for entry in MATCHING:
        module, _, name = entry.partition(":")
        literals = vietnamese_literals((ROOT / module).read_text(encoding="utf-8"))
        if not any(not name or held_by == name for _, held_by, _ in literals):
            stale.append(entry)
    assert not stale, stale


PROBE = '''"""A module docstring: được phép."""
import re

PLAIN = "no accents here: -> ... – “quoted”"


def load(n, name):
    """A docstring in Vietnamese is fine: Đã nạp."""
    print(f"Đã nạp {n} tệp")
    return name or "Không có tên"


class Form:
    """Biểu mẫu."""
    title = "Tiêu đề"


WORDS = re.compile(r"quý\\s+\\d")
NFD = "Qua\\u0301"
'''


def test_the_probe_is_caught(tmp_path):
    """Literals planted in a module of a small tree are named with file and line; docstrings and ASCII pass."""
    (tmp_path / "etl" / "engine").mkdir(parents=True)
    probe = tmp_path / "etl" / "engine" / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    (tmp_path / "app.py").write_text('TITLE = "Trang chủ"\n', encoding="utf-8")
    (tmp_path / "etl" / "labels_vi.py").write_text('UI = {"x": "Chỉ tiêu"}\n', encoding="utf-8")
    found = offenders(code_files(tmp_path), tmp_path, allowed={})
    assert found == ["etl/engine/probe.py:9: 'Đã nạp '", "etl/engine/probe.py:9: ' tệp'",
                     "etl/engine/probe.py:10: 'Không có tên'", "etl/engine/probe.py:15: 'Tiêu đề'",
                     "etl/engine/probe.py:18: 'quý\\\\s+\\\\d'", "etl/engine/probe.py:19: 'Qua\u0301'",
                     "app.py:1: 'Trang chủ'"]
    # an allow-list entry for one name lets that name through, and only it; a module entry, the whole module
    named = offenders(code_files(tmp_path), tmp_path, allowed={"etl/engine/probe.py:WORDS": "reads quarters"})
    assert len(named) == 6 and not any(":18:" in line for line in named)
    assert offenders(code_files(tmp_path), tmp_path, allowed={"etl/engine/probe.py": "", "app.py": ""}) == []


@pytest.mark.parametrize("text, expected", [
    ("Đạt", True), ("đ", True), ("ư", True), ("tỷ lệ", True), ("Hòa", True), ("Hoa\u0300", True),
    ("Ấp", True), ("café", True), ("Dat", False), ("≥ 25% → 30% – …", False), ("✔ ✖ ○ ⚠ ➜", False),
    ("", False), ("\u0300", False), ("“Tab”", False),
])
def test_what_counts_as_vietnamese(text, expected):
    assert has_vietnamese(text) is expected


# ---------------------------------------------------------------------------------------------------------
# Every key of every labels_vi dict is used by the code.

def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _key_uses(node: ast.AST) -> list[tuple[str, object]]:
    """How a key is written where a dict is indexed: ('key', k); ('pattern', regex) for an f-string; both keys of
    'a' if c else 'b'; ('dynamic', None) for a key held in a name or read from data."""
    if isinstance(node, ast.Constant):
        return [("key", node.value)]
    if isinstance(node, ast.JoinedStr):
        return [("pattern", "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".*" for v in node.values))]
    if isinstance(node, ast.IfExp):
        return _key_uses(node.body) + _key_uses(node.orelse)
    return [("dynamic", None)]


def label_uses(source: str) -> dict[str, set]:
    """For each labels_vi dict a module imports: the keys it reads, the f-string patterns it reads with, and
    'dynamic' where it reads with a key from a name or from data (STATUS[code]), iterates it or hands it on."""
    tree = ast.parse(source)
    imported = {alias.asname or alias.name: alias.name for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module == "etl.labels_vi" for alias in node.names}
    parents = _parents(tree)
    uses: dict[str, set] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Name) and node.id in imported):
            continue
        parent = parents.get(id(node))
        call = parents.get(id(parent))
        if isinstance(parent, ast.Subscript) and parent.value is node:
            found = _key_uses(parent.slice)
        elif isinstance(parent, ast.Attribute) and parent.attr == "get" and isinstance(call, ast.Call) and call.args:
            found = _key_uses(call.args[0])
        else:
            found = [("dynamic", None)]
        uses.setdefault(imported[node.id], set()).update(found)
    return uses


def string_constants(source: str) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def unused_keys(sources: list[str]) -> list[str]:
    """Keys of labels_vi dicts no code reads. A dict read with keys held in names or data (UI[key], STATUS[code])
    counts a key as read where the key is written in the code as a string (grep-like: 'tile_met' in a tuple the
    page loops over, 'met' among the statuses the engine returns)."""
    uses: dict[str, set] = {}
    written: set[str] = set()
    for source in sources:
        written |= string_constants(source)
        for name, found in label_uses(source).items():
            uses.setdefault(name, set()).update(found)
    unused = []
    for name, value in vars(labels_vi).items():
        if not (name.isupper() and isinstance(value, dict)):
            continue
        found = uses.get(name, set())
        used = {k for kind, k in found if kind == "key"}
        patterns = [re.compile(p) for kind, p in found if kind == "pattern"]
        dynamic = ("dynamic", None) in found
        unused += [f"{name}[{key!r}]" for key in value
                   if key not in used and not any(p.fullmatch(str(key)) for p in patterns)
                   and not (dynamic and (key in written or not isinstance(key, str)))]
    return unused


def test_every_label_is_used():
    sources = [p.read_text(encoding="utf-8") for p in code_files() if p.relative_to(ROOT) != LABELS]
    unused = unused_keys(sources)
    assert not unused, "labels no code reads (remove them, or use them):\n" + "\n".join(unused)


def test_the_usage_scan_tells_keys_patterns_and_data_apart():
    uses = label_uses('from etl.labels_vi import MSG, STATUS, UI as WORDS\n'
                      'a = WORDS["app_title"]\nb = MSG[f"pd_{kind}"]\nc = STATUS[code]\nd = WORDS.get("plan", "")\n')
    assert uses == {"UI": {("key", "app_title"), ("key", "plan")}, "MSG": {("pattern", "pd_.*")},
                    "STATUS": {("dynamic", None)}}
    only_title = unused_keys(['from etl.labels_vi import UI\nUI["app_title"]\n'])
    assert "UI['app_title']" not in only_title and "UI['plan']" in only_title
    # read with a key held in a name: a key counts where the code writes it as a string, and only then
    by_name = unused_keys(['from etl.labels_vi import STATUS\nfor s in ("met", "behind"): print(STATUS[s])\n'])
    assert "STATUS['not_met']" in by_name and "STATUS['met']" not in by_name and "STATUS['behind']" not in by_name
    assert "UI['page_plan']" not in unused_keys(['from etl.labels_vi import UI\nx = UI["page_plan" if a else "plan"]\n'])
