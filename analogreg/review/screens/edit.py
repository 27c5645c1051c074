"""Edit the new wording of one provision. The diff follows every keystroke; the 改め文 and its verification are
recomputed by the drafting stage after a short pause in typing, in a thread so typing never waits for it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from analogreg.records import Proposal
from analogreg.review.engine import Redraft, redraft
from analogreg.review.widgets.detail import section
from analogreg.review.widgets.diff import DiffView
from analogreg.review.widgets.text_area import LegalTextArea
from analogreg.review.widgets.wrapped import WrappedText

# Seconds of no typing before the 改め文 is recomputed.
DEBOUNCE = 0.3


class EditScreen(Screen):
    """Dismisses with (the edited wording, its redraft when already computed) on ctrl+s, or None (escape; twice
    when there are unsaved changes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="edit-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="edit-cancel"),
        Binding("ctrl+r", "reset", "Reset to proposal", id="edit-reset"),
    ]

    def __init__(self, proposal: Proposal, text: str) -> None:
        super().__init__()
        self.proposal = proposal
        self.initial = text
        self.last_draft: Redraft | None = None
        self._drafted_text: str | None = None
        self._timer: Timer | None = None
        self._confirm_discard = False

    def compose(self) -> ComposeResult:
        p = self.proposal
        with Vertical(id="edit-top"):
            yield Static(Text(f"Edit  {p.law_title} {p.label} {p.caption}", style="bold"), id="edit-title")
            yield WrappedText(Text.assemble(section("Old text"), "\n", p.old_text), id="edit-old")
        # Legal text is typed with 「　」 (U+3000), which Textual's TextArea drops: see LegalTextArea.
        area = LegalTextArea(self.initial, soft_wrap=True, id="edit-text", show_line_numbers=False)
        area.cursor_blink = False
        yield area
        with VerticalScroll(id="edit-preview"):
            yield Static(section("Change"), classes="edit-section")
            yield DiffView(id="edit-diff")
            yield WrappedText(id="edit-aratame")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#edit-text", TextArea)
        area.focus()
        self._preview(self.initial)
        self._schedule(self.initial)

    @property
    def text(self) -> str:
        return self.query_one("#edit-text", TextArea).text

    @on(TextArea.Changed, "#edit-text")
    def _changed(self, event: TextArea.Changed) -> None:
        self._confirm_discard = False
        text = event.text_area.text
        self._preview(text)
        self._schedule(text)

    def _preview(self, text: str) -> None:
        self.query_one("#edit-diff", DiffView).show(self.proposal.old_text, text)

    def _schedule(self, text: str) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#edit-aratame", WrappedText).update(
            Text.assemble(section("改め文"), " ", ("recomputing...", "dim"))
        )
        self._timer = self.set_timer(DEBOUNCE, lambda: self.recompute(text))

    @work(thread=True, exclusive=True, group="edit-redraft")
    def recompute(self, text: str) -> None:
        result = redraft(self.proposal, text)
        self.app.call_from_thread(self._recomputed, text, result)

    def _recomputed(self, text: str, result: Redraft) -> None:
        if text != self.text:  # typed on since: a newer computation is coming
            return
        self.last_draft = result
        self._drafted_text = text
        if result.verified:
            status = Text("verified", style="bold green")
        else:
            status = Text("NOT VERIFIED" + (f": {result.note}" if result.note else ""), style="bold red")
        self.query_one("#edit-aratame", WrappedText).update(
            Text.assemble(section("改め文"), " ", status, "\n", result.aratame or "-")
        )

    def action_save(self) -> None:
        text = self.text
        if not text.strip():
            self.notify("The new wording is empty: reject the finding instead.", severity="warning")
            return
        if text == self.initial:
            self.notify("No change to save.")
            self.dismiss(None)
            return
        draft = self.last_draft if self._drafted_text == text else None
        self.dismiss((text, draft))

    def action_reset(self) -> None:
        self.query_one("#edit-text", TextArea).load_text(self.proposal.new_text)

    def action_cancel(self) -> None:
        if self.text != self.initial and not self._confirm_discard:
            self._confirm_discard = True
            self.notify("Unsaved changes: press escape again to discard them, ctrl+s to save.", severity="warning")
            return
        self.dismiss(None)
