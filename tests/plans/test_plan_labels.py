"""The plan picker's short labels: issuer, years, document number; never two alike."""
from etl.model.catalog import Plan
from etl.plans import plan_labels
from tests.conftest import target

TITLE = "Kế hoạch phòng, chống mại dâm trên địa bàn huyện Một giai đoạn 2022–2025 và các năm tiếp theo"


def plan(pid, body, years=(2023, 2023), number=None):
    return Plan(pid, TITLE, "900@pre2025", body, years[0], years[1], None, None, None,
                [target(1, "establishments_inspected", "at_least", 25, plan_id=pid)], number)


def test_label_is_issuer_year_span_and_number():
    assert plan_labels.label("UBND huyện Bình Lục", 2022, 2025, "37/KH-UBND") == "UBND huyện Bình Lục · 2022–2025 · số 37/KH-UBND"
    assert plan_labels.label("UBND xã", 2026, 2026, None) == "UBND xã · 2026"
    assert plan_labels.label("  UBND\n xã  ", 2026, 2026, "  ") == "UBND xã · 2026"


def test_plans_that_would_read_alike_get_their_id():
    got = plan_labels.distinct({"a": "UBND · 2023", "b": "UBND · 2023", "c": "UBND · 2024"})
    assert got == {"a": "UBND · 2023 (a)", "b": "UBND · 2023 (b)", "c": "UBND · 2024"}
    assert len(set(got.values())) == 3


def test_labels_from_the_database_are_short_and_distinct(make_db):
    con = make_db([target(1, "establishments_inspected", "at_least", 25)], extra_plans=[
        plan("p1", "UBND huyện Một", (2022, 2025), "37/KH-UBND"), plan("p2", "UBND huyện Một", (2022, 2025), "38/KH-UBND"),
        plan("p3", "UBND huyện Một", (2022, 2025)), plan("p4", "UBND huyện Một", (2022, 2025)), plan("p5", "", (2026, 2026))])
    got = plan_labels.labels(con, ["test-plan", "p1", "p2", "p3", "p4", "p5", "unknown"])
    assert got["p1"] == "UBND huyện Một · 2022–2025 · số 37/KH-UBND"
    assert got["p2"].endswith("số 38/KH-UBND")
    assert got["p3"].endswith("(p3)") and got["p4"].endswith("(p4)")
    assert got["p5"] == "Huyện Một · 2026"            # no issuing body: the issuer's name
    assert len(set(got.values())) == len(got) == 6 and "unknown" not in got
    assert all(len(v) < 60 for v in got.values())
    assert plan_labels.labels(con, []) == {}
