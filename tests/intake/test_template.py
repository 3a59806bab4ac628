"""The quarterly template: what it holds, and that a filled template loads exactly the figures typed."""
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from etl.intake import loader, template
from etl.model import bootstrap
from etl.storage import db
from tests.xlsx_files import fill_template

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = db.connect(tmp_path_factory.mktemp("tpl") / "t.duckdb")
    bootstrap.initialise(c)
    yield c
    c.close()


def test_template_holds_the_header_block_and_a_row_per_tracked_indicator(con):
    wb = load_workbook(io.BytesIO(template.build(con, "15349", 2023, 2)))
    assert wb.sheetnames == ["Hướng dẫn", "Báo cáo", "Nhiều đơn vị"]
    ws = wb["Báo cáo"]
    assert [ws["A3"].value, ws["B3"].value, ws["D3"].value] == ["Mã địa bàn", "15349", "Thị trấn Vĩnh Lộc"]
    assert [ws["A4"].value, ws["B4"].value, ws["C4"].value, ws["D4"].value] == ["Năm", 2023, "Quý", 2]
    assert ws["A5"].value == "Người báo cáo" and ws["C5"].value == "Ngày báo cáo"
    codes = [ws.cell(r, 2).value for r in range(9, ws.max_row + 1)]
    assert len(codes) == 11 and codes[0] == "new_hotspots"  # every indicator vinhloc-2023 targets
    row = {ws.cell(r, 2).value: r for r in range(9, ws.max_row + 1)}
    assert ws.cell(row["new_hotspots"], 4).value == "trong quý"
    assert ws.cell(row["establishments_inspected"], 4).value == "lũy kế từ đầu năm"
    assert ws.cell(row["establishments_inspected"], 3).value == "≥ 25%"          # worded as on every page
    assert ws.cell(row["units_with_harm_reduction"], 3).value == "10/10 đơn vị"
    assert "Tử số" in ws["F8"].value and "Mẫu số" in ws["G8"].value
    # column A, what a person reads first, names the indicator; its code (the file's key) comes after
    assert [ws["A8"].value, ws["B8"].value] == ["Chỉ tiêu", "Mã chỉ số"]
    assert ws.cell(row["new_hotspots"], 1).value == "Điểm, tụ điểm phức tạp mới phát sinh"
    assert not any("_" in str(ws.cell(r, 1).value) for r in range(9, ws.max_row + 1))


def test_template_locks_labels_and_unlocks_highlighted_inputs_with_validation(con):
    ws = load_workbook(io.BytesIO(template.build(con, "15349", 2023, 2)))["Báo cáo"]
    assert ws.protection.sheet
    assert ws["A9"].protection.locked and ws["C9"].protection.locked
    share_row = next(r for r in range(9, ws.max_row + 1) if ws.cell(r, 2).value == "establishments_inspected")
    count_row = next(r for r in range(9, ws.max_row + 1) if ws.cell(r, 2).value == "new_hotspots")
    assert not ws.cell(share_row, 6).protection.locked and not ws.cell(share_row, 7).protection.locked
    assert ws.cell(count_row, 7).protection.locked  # a count has no denominator
    assert ws.cell(share_row, 6).fill.fgColor.rgb.endswith("FFF2CC")
    rules = {(dv.type, dv.operator, dv.formula1, dv.formula2): str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert ("whole", "greaterThanOrEqual", "0", None) in rules
    assert f"F{share_row}" in " ".join(rules.values()) and f"G{share_row}" in " ".join(rules.values())
    custom = [(f, sqref) for (kind, _, f, _), sqref in rules.items() if kind == "custom"]
    assert any(f"F{share_row}" == sqref and f"ISNUMBER(F{share_row})" in f and '"xóa"' in f for f, sqref in custom)
    assert any(f.startswith("OR(OR(F") and "=1)" in f for f, _ in custom)  # qualitative: 0 or 1, or 'xóa'


def test_bulk_sheet_is_prefilled_for_the_units_below(con):
    ws = load_workbook(io.BytesIO(template.build(con, "15349", 2023, 2)))["Nhiều đơn vị"]
    assert [c.value for c in ws[3]] == ["Đơn vị", "Chỉ tiêu", "Mã địa bàn", "Năm", "Quý", "Mã chỉ số", "Tử số",
                                        "Mẫu số", "Ghi chú"]
    codes = {ws.cell(r, 3).value for r in range(4, ws.max_row + 1)}
    assert codes == {f"15349-KP{n:02d}" for n in range(1, 11)}
    # units and indicators named as a person reads them, beside the codes the file is read by
    first = [ws.cell(4, c).value for c in range(1, 7)]
    assert first[0] == f"{first[0].split(' (mã ')[0]} (mã {first[2]})" and not any("_" in str(ws.cell(r, 2).value)
                                                                                for r in range(4, ws.max_row + 1))


def test_a_filled_template_loads_exactly_the_figures_typed(con, tmp_path):
    path = fill_template(template.build(con, "15349", 2023, 2), tmp_path / "filled.xlsx",
                         {"establishments_inspected": (37, 148), "new_hotspots": (0, None),
                          "outreach_maintained": (1, None, "Đã phát thanh 12 buổi"), "tipoffs_handled": (3, 3)},
                         officer="Trần Thị Hoa")
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert report.loaded and not report.problems, report.problems
    rows = con.execute("SELECT indicator_code, numerator, denominator, note FROM current_figures "
                       "WHERE locality_id = '15349@pre2025' AND year = 2023 AND quarter = 2 ORDER BY 1").fetchall()
    assert rows == [("establishments_inspected", 37, 148, None), ("new_hotspots", 0, None, None),
                    ("outreach_maintained", 1, 1, "Đã phát thanh 12 buổi"), ("tipoffs_handled", 3, 3, None)]


def test_template_for_an_unknown_locality_is_refused(con):
    with pytest.raises(template.UnknownLocality):
        template.build(con, "99999", 2023, 2)


def test_cli_template(tmp_path, cli):
    out = tmp_path / "mau.xlsx"
    result = cli("template", "--locality", "11473", "--year", "2026", "--quarter", "3", "-o", out,
                 "--db", tmp_path / "c.duckdb")
    assert result.returncode == 0, result.stderr
    ws = load_workbook(out)["Báo cáo"]
    assert ws["D3"].value == "Phường Bạch Đằng"
    assert "outreach_sessions" in [ws.cell(r, 2).value for r in range(9, ws.max_row + 1)]


def test_a_filled_bulk_sheet_with_the_names_beside_the_codes_loads(con, tmp_path):
    workbook = load_workbook(io.BytesIO(template.build(con, "15349", 2023, 2)))
    ws = workbook["Nhiều đơn vị"]
    typed = {}
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, 6).value == "units_with_harm_reduction":
            ws.cell(r, 7).value, ws.cell(r, 8).value = 1, 1
            typed[ws.cell(r, 3).value] = 1
    del workbook["Báo cáo"]
    path = tmp_path / "bulk.xlsx"
    workbook.save(path)
    report = loader.load_file(con, path, "Cán bộ A", today=TODAY)
    assert report.loaded and not report.problems, report.problems
    assert report.new == len(typed) == 10


@pytest.mark.parametrize("rule, value, high, unit, year, words", [
    ("range", 2, 4, "buổi", None, "2–4 buổi"),
    ("at_most", 0, None, "điểm", None, "0 điểm (không phát sinh)"),
    ("at_most", 2, None, "vụ", None, "≤ 2 vụ"),
    ("at_least", 25, None, "%", None, "≥ 25%"),
    ("at_least", 12.5, None, "%", None, "≥ 12,5%"),
    ("growth", 3, 5, "%", None, "tăng 3–5%/năm"),
    ("cumulative_by", 100, None, "%", 2025, "100% đến năm 2025"),
])
def test_target_wording_is_one_for_pages_and_template(rule, value, high, unit, year, words):
    from etl.model import target_words
    from etl.reports import format as fmt
    assert target_words.target_text(rule, value, high, unit, year) == words == fmt.target_text(rule, value, high, unit, year)
    assert not any(w in words for w in ("Trong khoảng", "Không vượt quá", " – "))


def test_template_words_every_seed_target_as_the_pages_do(con):
    texts = [cell.value for ws in [load_workbook(io.BytesIO(template.build(con, code, 2025, 2)))["Báo cáo"]
                                   for code in ("15349", "352", "45", "11473")]
             for cell in ws["C"][8:] if cell.value]
    assert texts and not any(t.startswith(("Trong khoảng", "Không vượt quá", "Ít nhất", "Đủ số")) for t in texts), texts


def test_every_target_of_every_seed_plan_is_worded_in_the_template_as_its_page_shows_it(con):
    from etl.engine import attainment
    from etl.model import target_words
    from etl.reports import format as fmt
    plans = con.execute("SELECT plan_id, issuer_id, year_from, year_to FROM plans ORDER BY plan_id").fetchall()
    checked = 0
    for plan_id, issuer, year_from, year_to in plans:
        for year in {year_from, year_to}:
            lines = {line.indicator_code: line.target_text.split("; ") for line in template.lines_for(con, issuer, year)}
            for r in attainment.evaluate(con, plan_id, year, 4, today=TODAY):
                page = target_words.with_levels(
                    fmt.target_text(r.comparator, r.target_value, r.target_value_high, r.unit, r.target_year), r.levels)
                assert page in lines[r.indicator_code], (plan_id, year, r.target_id, page, lines[r.indicator_code])
                checked += 1
    assert checked > 40


def test_a_cumulative_target_without_a_year_names_the_plans_end_as_on_the_pages(make_db):
    from etl.engine import attainment
    from etl.reports import format as fmt
    from tests.conftest import target
    con = make_db([target(1, "establishments_inspected_period", "cumulative_by", 100),
                   target(2, "establishments_inspected", "at_least", 30, year=2024)], years=(2023, 2025))
    lines = {line.indicator_code: line.target_text for line in template.lines_for(con, "90001@pre2025", 2023)}
    assert lines == {"establishments_inspected_period": "100% đến năm 2025", "establishments_inspected": "≥ 30%"}
    (result,) = [r for r in attainment.evaluate(con, "test-plan", 2023, 4, today=TODAY)
                 if r.indicator_code == "establishments_inspected_period"]
    assert fmt.target_text(result.comparator, result.target_value, result.target_value_high, result.unit,
                           result.target_year) == lines["establishments_inspected_period"]
