"""The table of findings: ordinance, citation label, categories, status, group; one row per finding_id.

Columns have fixed widths and every cell goes through :func:`analogreg.review.cells.fit`, so Japanese text (2
cells a character) lines up, and East-Asian-Ambiguous characters in the data (○ ① ※) cannot shift a column.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable

from analogreg.records import Proposal
from analogreg.review.cells import fit
from analogreg.review.state import Decision, effective_categories, stale_reason

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("doc", "Ordinance", 28),
    ("label", "Provision", 20),
    ("categories", "Categories", 14),
    ("status", "Status", 9),
    ("check", "改め文", 6),
    ("group", "Group", 13),
)

# Two-character names for the table, so that a finding with three categories still fits its column; the detail
# pane always gives the full names and definitions.
SHORT_CATEGORY = {
    "目視": "目視",
    "実地検査": "実地",
    "定期検査・点検": "定期",
    "常駐専任": "常駐",
    "対面講習": "講習",
    "書面掲示": "掲示",
    "往訪閲覧・縦覧": "閲覧",
    "FD等": "FD等",
}

STATUS_STYLES = {
    "accepted": "bold green",
    "edited": "bold cyan",
    "rejected": "bold red",
    "pending": "dim",
}


def status_cell(decision: Decision | None, stale: bool) -> Text:
    status = decision.status if decision is not None else "pending"
    label = f"{status}!" if stale else status
    return Text(label, style=STATUS_STYLES[status])


def check_cell(verified: bool | None) -> Text:
    """Whether the 改め文 of the wording to enact was verified: ok, NG, or - while not yet known."""
    if verified is None:
        return Text("-", style="dim")
    return Text("ok", style="green") if verified else Text("NG", style="bold red")


def group_cell(group: str, size: int) -> str:
    """A group's short id and size; empty for a finding alone in its group (nothing to apply ``g`` to)."""
    return f"{group[:8]} ({size})" if group and size > 1 else ""


def row_cells(p: Proposal, decision: Decision | None, verified: bool | None, group_size: int) -> list[Text | str]:
    widths = {key: width for key, _, width in COLUMNS}
    stale = decision is not None and stale_reason(p, decision) is not None
    return [
        fit(p.law_title, widths["doc"]),
        fit(p.label, widths["label"]),
        fit(" ".join(SHORT_CATEGORY.get(c, c) for c in effective_categories(p, decision)), widths["categories"]),
        status_cell(decision, stale),
        check_cell(verified),
        fit(group_cell(p.group, group_size), widths["group"]),
    ]


class FindingsTable(DataTable):
    """Findings, keyed by finding_id; the app fills it and updates single rows after each decision."""

    DEFAULT_CSS = """
    FindingsTable { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, show_row_labels=False, **kwargs)

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, width=width, key=key)

    def fill(self, rows: Iterable[tuple[str, list[Text | str]]], keep: str | None = None) -> None:
        """Replace every row; put the cursor back on ``keep`` when it is still listed."""
        self.clear()
        for key, cells in rows:
            self.add_row(*cells, key=key)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def update_row(self, key: str, cells: list[Text | str]) -> None:
        if key not in self.rows:
            return
        for (column, _, _), value in zip(COLUMNS, cells, strict=True):
            self.update_cell(key, column, value)

    @property
    def current_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:
            return None
        return row_key.value

    def select_key(self, key: str) -> bool:
        if key not in self.rows:
            return False
        self.move_cursor(row=self.get_row_index(key), animate=False, scroll=True)
        return True
