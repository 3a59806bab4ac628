"""What users see around the content (issue 16): no English from Streamlit's or Plotly's own controls, no
download outside the audited export page, the limits shown are the ones enforced, one chart and table
helper for every page (dashboard/chrome.py)."""
import ast
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from dashboard import chrome
from etl.labels_vi import CHROME

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
PAGES = sorted((ROOT / "pages").glob("*.py"))
MONITORING = ["overview", "plan", "locality", "indicator", "trend", "completeness"]


def test_streamlit_config_turns_off_data_export_and_developer_chrome():
    import streamlit.config as st_config
    for option in ("client.disableDataExport", "client.toolbarMode", "server.maxUploadSize"):
        assert option in st_config._config_options_template    # the option exists in this Streamlit
    assert CONFIG["client"]["disableDataExport"] is True
    assert CONFIG["client"]["toolbarMode"] in ("viewer", "minimal")


def test_the_uploader_says_in_vietnamese_the_limit_the_server_enforces():
    css = chrome.css(CONFIG["server"]["maxUploadSize"])
    assert f'content: "{CHROME["upload_limit"].format(mb=20)}"' in css and CONFIG["server"]["maxUploadSize"] == 20
    assert f'content: "{CHROME["upload_button"]}"' in css
    assert "Tối đa 20 MB" in css and "200MB" not in css


@pytest.mark.parametrize("text", ['Tệp "lớn"', "a\\b", "<script>alert(1)</script>", "x } y { z"])
def test_texts_put_into_css_cannot_break_out_of_their_string(text):
    quoted = chrome._css_text(text)
    bare = quoted.replace("\\\\", "").replace('\\"', "")      # take out the escaped pairs
    assert '"' not in bare and "\\" not in bare and "<" not in quoted and ">" not in quoted


def test_one_style_block_hides_element_toolbars_and_holds_phone_and_print_rules():
    css = chrome.css(20)
    assert css.startswith("<style>") and css.endswith("</style>") and css.count("<style>") == 1
    assert '[data-testid="stElementToolbar"] { display: none !important; }' in css
    assert f"@media (max-width: {chrome.PHONE_PX}px)" in css and "@media print" in css
    assert '[data-testid="stSidebar"]' in css.split("@media print")[1]          # no sidebar on paper
    assert css.count("{") == css.count("}")


def test_charts_have_no_plotly_toolbar():
    assert chrome.CHART_CONFIG["displayModeBar"] is False


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {f"{node.func.value.id}.{node.func.attr}" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_pages_draw_charts_through_chrome(page):
    assert "st.plotly_chart" not in _calls(page)


@pytest.mark.parametrize("stem", MONITORING)
def test_monitoring_pages_print_their_tables_whole(stem):
    calls = _calls(ROOT / "pages" / f"{stem}.py")
    assert "st.dataframe" not in calls and "chrome.table" in calls


def test_the_print_copy_of_a_table_escapes_user_text_and_shows_empty_cells_empty():
    frame = pd.DataFrame({"Đơn vị": ["<b>Xã A</b>", "Xã B"], "Ghi chú": [None, "1. mục"]})
    html = chrome.print_table(frame)
    assert "&lt;b&gt;Xã A&lt;/b&gt;" in html and "<b>" not in html
    assert "None" not in html and "NaN" not in html and "1. mục" in html
    assert 'class="dataframe print-table"' in html


def test_the_app_applies_the_chrome_on_every_run():
    assert "chrome.apply" in _calls(ROOT / "app.py")


def _pandas_html(frame) -> str:
    return frame.to_html(index=False, escape=True, na_rep=chrome.EMPTY_CELL, border=0, classes="print-table")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_cells = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(["<b>x</b> & y", " lề ", "a\tb", "1\n2", "ẩn", "–",
                                                                      "x" * 120, "&amp;", "\"'"]))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4), st.integers(0, 5), st.data())
def test_the_print_copy_is_what_pandas_writes_for_any_cells(columns, rows, data):
    """The direct writer (issue 18: pandas' to_html cost ~5 ms for the national grid) gives pandas' HTML exactly."""
    names = data.draw(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["Đơn vị", "<i>", " a "])),
                               min_size=columns, max_size=columns, unique=True))
    frame = pd.DataFrame({name: data.draw(st.lists(_cells, min_size=rows, max_size=rows)) for name in names})
    if data.draw(st.booleans()):
        frame.insert(0, "Hạng", range(1, rows + 1))
    assert chrome.print_table(frame) == _pandas_html(frame)


def test_the_print_copy_of_the_pages_tables_is_what_pandas_writes():
    from etl.reports import tables
    from tests.dashboard.test_charts import result
    results = [result(1, "met", actual=30.0), result(2, "no_data", numerator=None, denominator=None),
               result(3, "behind", name="<b>A</b> & B", actual=1.5)]
    frames = [tables.attainment_table(results), tables.periods_table(results), tables.attainment_table([]),
              pd.DataFrame({"Hạng": [1, 2], "Đơn vị": ["A", None], "Tỷ lệ": [1.5, None]})]
    for frame in frames:
        assert chrome.print_table(frame) == _pandas_html(frame)
