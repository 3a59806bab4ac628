"""What every page looks like around its content: no English from Streamlit's or Plotly's own controls,
a phone layout (390 px), a print layout (A4), and charts drawn the same way everywhere.

`apply()` is called once per run by app.py, so the rules reach every page, the login form included;
pages draw charts with `chart()`. The CSS is built here from `etl.labels_vi.CHROME` (the Vietnamese
texts that replace Streamlit's English ones) and is pure: tests read `css()` without Streamlit running.
"""
from __future__ import annotations

from etl.labels_vi import CHROME

# Plotly's toolbar (zoom, pan, "Download plot as a PNG"…) speaks English and offers a download outside
# the audited export page: no toolbar; the chart's "Xem dạng bảng" holds the numbers.
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False}

EMPTY_CELL = ""     # what an empty table or editor cell shows (Streamlit's default is the English "None")
PHONE_PX = 640      # at most this wide: the phone layout
A4_PX = 720         # printable width of A4 portrait at 96 dpi with 1 cm margins, about 19 cm


def css(upload_limit_mb: int) -> str:
    """Every rule the pages share, as one <style> block."""
    button = _css_text(CHROME["upload_button"])
    limit = _css_text(CHROME["upload_limit"].format(mb=upload_limit_mb))
    refused = _css_text(CHROME["upload_refused"].format(mb=upload_limit_mb))
    return f"""<style>
/* No English where users look: Streamlit's element toolbars (tables: "Show/hide columns", "Download as CSV",
   "Search", "Fullscreen"; charts: "Fullscreen") are removed; downloads go through the export page only. */
[data-testid="stElementToolbar"] {{ display: none !important; }}
.st-key-chrome-script {{ display: none !important; }}
/* The uploader's "Upload" button and "20MB per file • XLSX", said in Vietnamese. */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{limit}"; font-size: 0.875rem; }}
[data-testid="stFileUploaderPagination"] {{ display: none !important; }}
/* A file the browser refuses (too large, wrong type): Streamlit's English reason only shows on hover; say
   it in Vietnamese under the file's name instead, and give the hover nothing to show. */
[data-testid="stTooltipErrorHoverTarget"] {{ pointer-events: none; }}
[data-testid="stFileChipDeleteBtn"] {{ pointer-events: auto; }}
[data-testid="stFileChip"][aria-invalid="true"] {{ flex-wrap: wrap; max-width: 22rem; }}
[data-testid="stFileChip"][aria-invalid="true"]::after {{ content: "{refused}"; flex-basis: 100%;
  font-size: 0.75rem; color: #b00020; }}

/* Phone: tiles two by two, charts and tables the screen's width, less padding. */
@media (max-width: {PHONE_PX}px) {{
  [data-testid="stMainBlockContainer"] {{ padding: 3rem 0.6rem 2rem 0.6rem !important; }}
  .st-key-tiles [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap !important; gap: 0.5rem !important; }}
  .st-key-tiles [data-testid="stColumn"] {{ flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }}
  .st-key-tiles [data-testid="stMetricValue"] {{ font-size: 1.5rem !important; }}
  /* the heatmap's cells are too narrow for their text on a phone: colour and icon-free cells, values on tap */
  .st-key-heatmap .heatmap-label, .st-key-heatmap .xtick text {{ display: none; }}
  .st-key-phone-only {{ display: block !important; }}
  h1 {{ font-size: 1.6rem !important; }}
  h3 {{ font-size: 1.1rem !important; }}
}}

/* Print (Ctrl+P, "Save as PDF"): no sidebar or app chrome, the page's full width for its content,
   charts and tables within an A4 page's width, nothing cut across pages. */
@page {{ size: A4 portrait; margin: 1cm; }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBaseButton-headerNoPadding"], .st-key-no-print {{ display: none !important; }}
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] {{
    position: static !important; overflow: visible !important; height: auto !important; }}
  [data-testid="stMain"] {{ margin-left: 0 !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
  [data-testid="stPlotlyChart"], [data-testid="stMetric"] {{ break-inside: avoid; }}
  /* charts are drawn at the screen's width: scaled to the page by the factor the script keeps current */
  [data-testid="stPlotlyChart"] {{ zoom: var(--print-zoom, 0.6); }}
  /* tables: the screen's scrolling grid gives way to a plain table with every row, wrapped to the page */
  [class*="st-key-screen-only"] {{ display: none !important; }}
  [class*="st-key-print-only"] {{ display: block !important; }}
  table.print-table {{ font-size: 8.5pt; width: 100%; border-collapse: collapse; }}
  table.print-table th {{ text-align: left; border-bottom: 1.5px solid #444; }}
  table.print-table td, table.print-table th {{ padding: 2px 4px; vertical-align: top; }}
  table.print-table td {{ border-bottom: 0.5px solid #bbb; }}
  table.print-table tr {{ break-inside: avoid; }}
  [data-testid="stExpander"], [data-testid="stSelectbox"], [data-testid="stButton"] {{ display: none !important; }}
  h1 {{ font-size: 1.8rem !important; padding-top: 0 !important; }}
  h3 {{ font-size: 1.25rem !important; }}
}}
[class*="st-key-print-only"] {{ display: none; }}
.st-key-phone-only {{ display: none; }}
</style>"""


def _css_text(text: str) -> str:
    """A text as the content of a CSS string: quotes and backslashes escaped, no markup."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "‹").replace(">", "›")


# Phone: the sidebar lies over the page; once a page is chosen in it, fold it away (Streamlit leaves it
# open). One listener per browser tab, installed by the first run; it only clicks Streamlit's own button.
SCRIPT = """<script>
(function () {
  if (window.__pcmdChrome) { return; }
  window.__pcmdChrome = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || !window.matchMedia("(max-width: %(phone)dpx)").matches) { return; }
    setTimeout(function () {
      var open = document.querySelector('[data-testid="stSidebar"][data-collapsed="false"]');
      var fold = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (open && fold) { fold.click(); }
    }, 100);
  }, true);
  // Print: each chart's scale to fit A4's width (from the width Plotly drew it at on screen), kept current
  // while the screen's layout changes; not while printing, when the page's layout is the paper's.
  function fit() {
    if (window.matchMedia("print").matches) { return; }
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(function (chart) {
      var svg = chart.querySelector("svg.main-svg");
      var width = svg ? parseFloat(svg.getAttribute("width")) : 0;
      if (width > 0) {
        chart.style.setProperty("--print-zoom", String(Math.floor(Math.min(1, %(a4)d / width) * 1000) / 1000));
      }
    });
  }
  window.addEventListener("beforeprint", fit);
  setInterval(fit, 1000);
})();
</script>""" % {"phone": PHONE_PX, "a4": A4_PX}


def apply() -> None:
    """Put the shared rules and the phone's sidebar behaviour on the page (app.py, every run)."""
    import streamlit as st
    st.html(css(int(st.get_option("server.maxUploadSize"))))
    with st.container(key="chrome-script"):
        st.html(SCRIPT, unsafe_allow_javascript=True)


def table(frame, name: str, **kwargs):
    """A table: on screen Streamlit's grid (sortable, scrolls); on paper the same rows as a plain table that
    wraps to the page and shows every row (the grid is a canvas that prints only what is scrolled into view).
    `name` tells the page's tables apart."""
    import streamlit as st
    with st.container(key=f"screen-only-{name}"):
        shown = st.dataframe(frame, hide_index=True, width="stretch", placeholder=EMPTY_CELL, **kwargs)
    with st.container(key=f"print-only-{name}"):
        st.html(print_table(frame))
    return shown


def print_table(frame) -> str:
    """The rows as a plain HTML table, every value escaped (user text stays text, never markup): pandas'
    `to_html`, written directly for the tables pages show (text and whole numbers; a national grid in ~1 ms
    instead of ~5); anything else (other types, tabs, line breaks, spaces at the ends) goes through pandas."""
    fast = _fast_print_table(frame)
    return fast if fast is not None else frame.to_html(index=False, escape=True, na_rep=EMPTY_CELL, border=0,
                                                       classes="print-table")


def _cell_text(value, text_column: bool = False) -> str | None:
    """A cell as pandas writes it, or None where pandas would do more than escape it (a missing value
    outside a text column: pandas writes "None" there)."""
    if value is None or (isinstance(value, float) and value != value):
        return EMPTY_CELL if text_column else None
    if type(value) is int:
        return str(value)
    if type(value) is not str or value != value.strip() or any(c in value for c in "\t\r\n"):
        return None
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fast_print_table(frame) -> str | None:
    if any(dtype.kind not in "OTi" for dtype in frame.dtypes):
        return None
    head = [_cell_text(name) for name in frame.columns]
    import pandas as pd
    text = [isinstance(dtype, pd.StringDtype) for dtype in frame.dtypes]
    rows = [[_cell_text(v, t) for v, t in zip(row, text)] for row in frame.itertuples(index=False, name=None)]
    if None in head or any(None in row for row in rows):
        return None
    out = ['<table class="dataframe print-table">', "  <thead>", '    <tr style="text-align: right;">']
    out += [f"      <th>{name}</th>" for name in head]
    out += ["    </tr>", "  </thead>", "  <tbody>"]
    for row in rows:
        out.append("    <tr>")
        out += [f"      <td>{cell}</td>" for cell in row]
        out.append("    </tr>")
    out += ["  </tbody>", "</table>"]
    return "\n".join(out)


def phone_note(text: str) -> None:
    """A caption shown on a phone only (what the phone layout leaves out, and where to find it)."""
    import streamlit as st
    with st.container(key="phone-only"):
        st.caption(text)


def chart(figure, box: str | None = None, **kwargs):
    """A Plotly chart the page's width, without Plotly's English toolbar; `box` names a container the
    shared CSS knows (the heatmap, whose cells and headers a phone cannot hold)."""
    import streamlit as st
    if box is None:
        return st.plotly_chart(figure, width="stretch", config=CHART_CONFIG, **kwargs)
    with st.container(key=box):
        return st.plotly_chart(figure, width="stretch", config=CHART_CONFIG, **kwargs)
