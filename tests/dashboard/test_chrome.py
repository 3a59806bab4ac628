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
