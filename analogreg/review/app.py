"""The review app: legal staff accept, reject or edit every proposed amendment, clause by clause.

The app owns no domain state: decisions live in :class:`~analogreg.review.state.ReviewStore` (SQLite, committed
at each keypress), proposals and the in-memory mirror in :class:`~analogreg.review.session.ReviewSession`. Screens
are in ``screens/`` (main, edit, orphans), widgets in ``widgets/``, layout in ``review.tcss``.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from analogreg.review.context import ContextLoader
from analogreg.review.explain import Explainer
from analogreg.review.screens.main import MainScreen
from analogreg.review.session import ReviewSession
from analogreg.settings import Settings


class ReviewApp(App):
    CSS_PATH = "review.tcss"
    TITLE = "analogreg review"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", show=False, id="app-quit")]
    # Fixed theme: the manual's screenshots and the snapshot tests look the same everywhere.
    DEFAULT_THEME = "textual-dark"

    def __init__(
        self,
        session: ReviewSession,
        *,
        settings: Settings | None = None,
        rules_dir: Path | None = None,
        templates_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.settings = settings or Settings()
        self.templates_dir = templates_dir
        self.explainer = Explainer(rules_dir)
        self.context_loader = ContextLoader(session.out_dir)
        self.theme = self.DEFAULT_THEME

    def on_mount(self) -> None:
        self.push_screen(MainScreen())

    def on_unmount(self) -> None:
        self.session.close()
