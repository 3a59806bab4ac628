"""What the pages share: formatting, chart builders, tables (pure), and the Streamlit state (state.py)."""
