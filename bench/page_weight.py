"""What the national overview sends to the browser: the JSON of its heatmap (units × targets).

On the national database of bench/national_attainment.py (63 provinces under a national root, a plan with
20 targets), builds the Tổng quan heatmap as pages/overview.py does and prints the size of `fig.to_json()`
(what st.plotly_chart sends) and of its parts: data arrays by name, layout, template; then the Arrow size
of the page's two tables (the heatmap's table view, sent even while its expander is closed, and the unit's).
Run: python3 bench/page_weight.py [--years 1]
"""
from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow as pa  # noqa: E402
from national_attainment import arguments, national  # noqa: E402

from dashboard import charts  # noqa: E402
from etl.engine import queries
from etl.reports import tables

TODAY = dt.date(2025, 3, 1)


def heatmap(con, locality_id: str):
    """The overview heatmap of `locality_id` for 2024, as the page builds it."""
    data = queries.overview(con.cursor(), queries.View("bench", 2024, 4, locality_id), TODAY)
    shown = queries.reported_targets(data.grid)
    rows = [[r for r in data.grid[u.locality_id] if r.target_id in shown] for u in data.units]
    return charts.status_heatmap([u.name for u in data.units], rows, "Tổng quan"), data


def arrow_kb(frame) -> str:
    sink = pa.BufferOutputStream()
    table = pa.Table.from_pandas(frame)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return f"{sink.getvalue().size / 1000:,.1f} kB"


def kb(value) -> str:
    return f"{len(json.dumps(value, ensure_ascii=False).encode()) / 1000:,.1f} kB"


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        con = national(folder, args.years)
        for label, unit in [("national (63 provinces)", "VN"), ("province (Thanh Hóa)", "38@pre2025")]:
            fig, data = heatmap(con, unit)
            whole = json.loads(fig.to_json())
            print(f"{label}: {len(fig.data[0].y)} units × {len(fig.data[0].x)} targets: fig.to_json() "
                  f"{len(fig.to_json().encode()) / 1000:,.1f} kB")
            trace = whole["data"][0]
            for key in sorted(trace, key=lambda k: -len(json.dumps(trace[k]))):
                print(f"    data.{key:16s} {kb(trace[key])}")
            layout = dict(whole["layout"])
            print(f"    layout.template    {kb(layout.pop('template', None))}")
            print(f"    layout (the rest)  {kb(layout)}")
            print(f"  table view (Arrow) {arrow_kb(tables.grid_table(data.units, data.grid))}, "
                  f"the unit's table {arrow_kb(tables.attainment_table(data.results))}")
        con.close()


if __name__ == "__main__":
    main()
