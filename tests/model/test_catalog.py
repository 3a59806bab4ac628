"""The plan catalog in data/: every target of the five seed plans, each with its clause."""
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from etl.model import catalog
from etl.model.catalog import CatalogError, Plan

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# Counted by hand from the seed texts (quantitative + qualitative):
#   vinhloc-2023   I.3 "Chỉ tiêu": 11 dashes; "ít nhất 20% người lao động ..., ít nhất 20% học sinh" is two
#                  targets, "ít nhất một hình thức tuyên truyền" has no number (qualitative)
#   binhluc-2022   II "Mục tiêu" 1-4: 5 with numbers or "giữ vững", 3 qualitative sentences in item 3
#   thanhnam-2025  II "Mục tiêu": 4 dashes, 2 with numbers, 2 qualitative
#   quangtri       II.1.a 4, II.2.a 2, II.3.a 4, II.4.a 2, II.5.a 2 (70% cấp tỉnh / 50% cấp huyện, cấp xã)
#   bachdang-2026  1.1 4, 2.1 2, 3.1 1, 4.1 3; "Duy trì tuyên truyền thường xuyên" is qualitative
EXPECTED = {
    "vinhloc-2023": (10, 1),
    "binhluc-2022": (5, 3),
    "thanhnam-2025": (2, 2),
    "quangtri-2022-2025": (14, 0),
    "bachdang-2026": (9, 1),
}


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {p.plan_id: p for p in catalog.read_plans()}


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("**", "")).strip()


@pytest.mark.parametrize("plan_id", sorted(EXPECTED))
def test_every_seed_plan_has_all_its_targets(plans, plan_id):
    quantitative, qualitative = EXPECTED[plan_id]
    rules = Counter(t.rule == "qualitative" for t in plans[plan_id].targets)
    assert (rules[False], rules[True]) == (quantitative, qualitative)
    assert all(t.clause.strip() for t in plans[plan_id].targets)


@pytest.mark.parametrize("plan_id", sorted(EXPECTED))
def test_clauses_are_copied_verbatim_from_the_plan_text(plans, plan_id):
    plan = plans[plan_id]
    path = SEEDS / (plan.source_document or "")
    if not path.exists():
        pytest.skip(f"seed text {path} is not on this machine (../shared/seeds is provided to CI only)")
    text = fold(path.read_text(encoding="utf-8"))
    missing = [t.clause for t in plan.targets if fold(t.clause) not in text]
    assert not missing


def test_every_target_shape_of_the_domain_is_in_the_catalog(plans):
    rules = {t.rule for p in plans.values() for t in p.targets}
    assert rules == catalog.RULES
    split = [t for t in plans["quangtri-2022-2025"].targets if t.levels]
    assert [(t.value, t.levels) for t in split] == [(70.0, ("province",)), (50.0, ("district", "commune"))]


def test_awkward_targets_are_all_there(plans):
    def find(plan_id, rule):
        return [t for t in plans[plan_id].targets if t.rule == rule]
    assert [t.value for t in find("vinhloc-2023", "n_of_n")] == [10.0]
    assert [(t.value, t.value_high, t.unit) for t in find("bachdang-2026", "range")] == [(2.0, 4.0, "buổi")]
    assert [(t.value, t.value_high) for t in find("quangtri-2022-2025", "growth")] == [(3.0, 5.0)]
    assert [(t.value, t.year) for t in find("quangtri-2022-2025", "cumulative_by")] == [(100.0, 2025)]
    assert {t.plan_id for p in plans.values() for t in p.targets if t.rule == "at_most" and t.value == 0} == {
        "vinhloc-2023", "bachdang-2026"}


def test_catalog_refuses_a_contradictory_target(tmp_path):
    bad = tmp_path / "plans.yaml"
    bad.write_text("""plans:
  - id: x-2027
    title: T
    issuer: 15349@2025
    year_from: 2027
    year_to: 2027
    targets:
      - indicator: no_such_indicator
        rule: at_least
        value: 120
        clause: c
      - indicator: outreach_sessions
        rule: range
        value: 4
        value_high: 2
        year: 2030
        clause: c
""", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        catalog.read_plans(bad)
    message = str(err.value)
    assert "x-2027#01: chỉ số 'no_such_indicator'" in message
    assert "cận dưới lớn hơn cận trên" in message and "năm 2030 nằm ngoài" in message
