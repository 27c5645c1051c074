"""Decisions whose finding is no longer proposed (a re-scan with other rules, or a changed 例規): listed, never
dropped, with what they were made on, so a reviewer can carry them over by hand.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from analogreg.review.cells import fit
from analogreg.review.state import Decision
from analogreg.review.widgets.detail import section
from analogreg.review.widgets.diff import diff_text


class OrphanScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,o", "app.pop_screen", "Back", id="orphans-back")]

    def __init__(self, orphans: list[Decision]) -> None:
        super().__init__()
        self.orphans = {d.finding_id: d for d in orphans}

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(
                (f"Orphaned decisions: {len(self.orphans)}", "bold"),
                "  (their finding_id is not among the current proposals; kept in review.sqlite)",
            ),
            id="orphans-title",
        )
        yield DataTable(id="orphans-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="orphans-detail"):
            yield Static(id="orphans-body")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#orphans-table", DataTable)
        for label, width in (("Ordinance", 28), ("Provision", 20), ("Status", 9), ("Reviewer", 10), ("Decided", 19)):
            table.add_column(label, width=width)
        for d in self.orphans.values():
            table.add_row(
                fit(d.law_title or d.doc, 28),
                fit(d.label, 20),
                d.status,
                fit(d.reviewer, 10),
                d.decided_at.strftime("%Y-%m-%d %H:%M"),
                key=d.finding_id,
            )
        table.focus()
        if not self.orphans:
            self.query_one("#orphans-body", Static).update(Text("No orphaned decisions.", style="dim"))

    @on(DataTable.RowHighlighted, "#orphans-table")
    def _show(self, event: DataTable.RowHighlighted) -> None:
        d = self.orphans[str(event.row_key.value)]
        out = Text()
        out.append(f"{d.law_title} {d.label}\n", style="bold")
        out.append(f"{d.doc}   finding_id {d.finding_id}\n", style="dim")
        out.append(f"{d.status} by {d.reviewer} at {d.decided_at.isoformat(sep=' ')}\n")
        if d.note:
            out.append(f"note: {d.note}\n")
        out.append("\n")
        out.append_text(section("Wording decided on"))
        out.append("\n")
        new = d.new_text if d.new_text is not None else d.proposed_text
        out.append_text(diff_text(d.old_text, new) if new and new != d.old_text else Text(d.old_text))
        self.query_one("#orphans-body", Static).update(out)
