"""Legal review: decisions in SQLite (state.py, no Textual) and the Textual app (app.py)."""
