"""Print rules for the monitoring pages (Ctrl+P, "Lưu thành PDF"): no sidebar or app chrome on paper,
the page's full width for its content, and charts (drawn at the screen's width) scaled to fit an A4
page width from a laptop screen (up to about 1440 px wide)."""
PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { padding: 0.5rem 0.5rem !important; max-width: 100% !important; }
  [data-testid="stPlotlyChart"] { zoom: 0.8; break-inside: avoid; }
}
</style>"""
