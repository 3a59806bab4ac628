"""Streamlit glue the pages share: the one database connection, cached reads, URL-backed filters."""
from __future__ import annotations

import streamlit as st

from etl import attainment, bootstrap, db
from etl.labels_vi import PERIOD, UI


@st.cache_resource
def connection():
    """One read-write connection per process; each query takes its own cursor()."""
    return db.connect(db.default_path(), wait_seconds=10)


def database_ready() -> bool:
    if not db.default_path().exists():
        st.warning(UI["no_database"].format(path=db.default_path()))
        return False
    return True


@st.cache_data(ttl=300)
def plans() -> list[tuple[str, str, int, int, str]]:
    """(plan_id, title, year_from, year_to, issuer_id), most recent first."""
    return connection().cursor().execute(
        "SELECT plan_id, title, year_from, year_to, issuer_id FROM plans ORDER BY year_to DESC, plan_id").fetchall()


@st.cache_data(ttl=300)
def latest_quarter(plan_id: str, year: int) -> int | None:
    """The latest quarter of `year` for which any unit of the plan's area has a return."""
    row = db.one(connection().cursor(),
                 """SELECT max(r.quarter) FROM current_returns r
                    JOIN locality_closure c ON c.locality_id = r.locality_id
                    JOIN plans p ON c.ancestor_id = p.issuer_id
                    WHERE p.plan_id = ? AND r.year = ?""", [plan_id, year])
    return row[0] if row else None


@st.cache_data(ttl=300)
def locality_name(locality_id: str) -> str:
    row = db.one(connection().cursor(), "SELECT name FROM localities WHERE locality_id = ?", [locality_id])
    return row[0] if row else locality_id


@st.cache_data(ttl=300)
def evaluate(plan_id: str, year: int, quarter: int, locality_id: str | None = None):
    return attainment.evaluate(connection().cursor(), plan_id, year, quarter, locality_id)


@st.cache_data(ttl=300)
def is_demo() -> bool:
    return bootstrap.get_meta(connection().cursor(), "demo") is not None


def _param(name: str, options: list, default):
    raw = st.query_params.get(name)
    for option in options:
        if str(option) == raw:
            return option
    return default


def plan_filters() -> tuple[str, int, int] | None:
    """Sidebar plan / year / period, defaulting to the most recent plan and the latest quarter with data;
    the choice is kept in the URL so that a link opens the same view."""
    available = plans()
    if not available:
        st.info(UI["no_plans"])
        return None
    titles = {p[0]: p[1] for p in available}
    ids = list(titles)
    plan_id = st.sidebar.selectbox(UI["plan"], ids, index=ids.index(_param("plan", ids, ids[0])),
                                   format_func=titles.get)
    _, _, year_from, year_to, _ = next(p for p in available if p[0] == plan_id)
    years = list(range(year_to, year_from - 1, -1))
    year = st.sidebar.selectbox(UI["year"], years, index=years.index(_param("year", years, years[0])))
    quarters = list(PERIOD)
    default_q = latest_quarter(plan_id, year) or 4
    quarter = st.sidebar.selectbox(UI["period"], quarters, index=quarters.index(_param("q", quarters, default_q)),
                                   format_func=PERIOD.get)
    st.query_params.update({"plan": plan_id, "year": str(year), "q": str(quarter)})
    return plan_id, year, quarter
