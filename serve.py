"""The app as it is served: `python3 -m streamlit run serve.py` runs app.py with two routes of our own
that set and clear the kept login's cookie HttpOnly (dashboard/cookie_routes.py). `streamlit run app.py`
still works, with the cookie written by the page (not HttpOnly)."""
import streamlit as st

from dashboard import cookie_routes

app = st.App("app.py", routes=cookie_routes.routes())
