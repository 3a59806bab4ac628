"""Entry point: page setup and navigation only (streamlit run app.py).

Each page's url_path is its file's stem: with a pages/ folder, Streamlit first matches the URL against
the file names, and any other path shows a "Page not found" dialog before navigation runs.
"""
import streamlit as st

from etl.labels_vi import UI

st.set_page_config(page_title=UI["app_title"], page_icon=":material/monitoring:", layout="wide")

navigation = st.navigation({
    UI["group_monitor"]: [
        st.Page("pages/attainment.py", title=UI["page_attainment"], icon=":material/flag:", default=True),
    ],
    UI["group_reports"]: [
        st.Page("pages/upload.py", title=UI["page_upload"], icon=":material/upload_file:", url_path="upload"),
    ],
})
navigation.run()
