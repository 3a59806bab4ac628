"""Entry point: page setup and navigation only (streamlit run app.py)."""
import streamlit as st

from etl.labels_vi import UI

st.set_page_config(page_title=UI["app_title"], page_icon="📊", layout="wide")

navigation = st.navigation({
    UI["group_monitor"]: [
        st.Page("pages/attainment.py", title=UI["page_attainment"], icon="🎯", default=True),
    ],
})
navigation.run()
