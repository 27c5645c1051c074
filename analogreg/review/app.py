"""The review app: legal staff accept, reject or edit every proposed amendment, clause by clause.

The app owns no domain state: decisions live in :class:`~analogreg.review.state.ReviewStore` (SQLite, committed
at each keypress), proposals and the in-memory mirror in :class:`~analogreg.review.session.ReviewSession`. Screens
are in ``screens/`` (main, edit, orphans), widgets in ``widgets/``, layout in ``review.tcss``.
"""

from __future__ import annotations

import gc
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
        self.call_after_refresh(self.settle_heap)

    def settle_heap(self) -> None:
        """Thousands of proposals and the widgets live as long as the app: Python's full garbage collection,
        walking all of them, took 60-200 ms on whichever key it fell. After the first frame they are set aside
        from the collector (gc.freeze; no collection first: it would stall the first key by ~0.3 s, and what
        it could free is start-up garbage). What the keys allocate is still collected; unfrozen on exit.

        Called again after each source parsed for the context pane: a parsed law (its units, the index) stays
        in the loader's cache, and on real proposals the full collections walking those laws stalled one key in
        ten by 30-75 ms. A frozen object is still freed when its last reference goes (a law dropped from the
        cache); only cyclic garbage present at that moment is kept until exit."""
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()
        self.session.close()
