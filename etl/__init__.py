"""ETL and domain core of the prostitution-prevention plan dashboard (no Streamlit here)."""
