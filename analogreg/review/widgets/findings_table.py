"""The table of findings: ordinance, citation label, categories, status, 改め文 check, group; one row per finding.

A 例規集 gives thousands of rows. Textual's DataTable measures every cell of every row it is given (about a
second per 5,000 rows here, again at each filter change), though these columns have fixed widths; this table is
a ScrollView that keeps only the finding_ids in order and renders, on demand, just the rows on screen (Textual's
line API). A filter or search is then one list assignment, whatever the number of rows.

Columns have fixed widths and every cell goes through :func:`analogreg.review.cells.fit`, so Japanese text (2
cells a character) lines up, and East-Asian-Ambiguous characters in the data (○ ① ※) cannot shift a column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from analogreg.records import Proposal
from analogreg.review.cells import fit
from analogreg.review.state import Decision, effective_categories, stale_reason

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("doc", "Ordinance", 26),
    ("label", "Provision", 26),
    ("categories", "Categories", 14),
    ("status", "Status", 9),
    ("check", "改め文", 6),
    ("group", "Group", 13),
)
PADDING = 1  # cells each side of a column

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

Cells = list[Text | str]


def status_cell(decision: Decision | None, stale: bool) -> Text:
    status = decision.status if decision is not None else "pending"
    label = f"{status}!" if stale else status
    return Text(label, style=STATUS_STYLES[status])


def check_cell(verified: bool | None) -> Text:
    """Whether the 改め文 of the wording to enact was verified: ok, NG, or - (nothing to verify, or not yet)."""
    if verified is None:
        return Text("-", style="dim")
    return Text("ok", style="green") if verified else Text("NG", style="bold red")


def group_cell(group: str, size: int) -> str:
    """A group's short id and size; empty for a finding alone in its group (nothing to apply ``g`` to)."""
    return f"{group[:8]} ({size})" if group and size > 1 else ""


def row_cells(p: Proposal, decision: Decision | None, verified: bool | None, group_size: int) -> Cells:
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


def _line(cells: Sequence[Text | str]) -> Text:
    line = Text(no_wrap=True, end="")
    for (_, _, width), value in zip(COLUMNS, cells, strict=True):
        text = value if isinstance(value, Text) else Text(value)
        line.append(" " * PADDING)
        line.append_text(text)
        line.append(" " * (width - cell_len(text.plain) + PADDING))
    return line


TABLE_WIDTH = sum(width + 2 * PADDING for _, _, width in COLUMNS)


@dataclass
class RowHighlighted(Message):
    """The cursor is on another finding. Only the latest of a burst is handled (holding an arrow key)."""

    table: FindingsTable
    key: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RowHighlighted)


class FindingsTable(ScrollView, can_focus=True):
    """finding_ids in display order; the cells of a row come from ``provider`` when the row is drawn."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "findings-table--header",
        "findings-table--cursor",
        "findings-table--even-row",
    }
    DEFAULT_CSS = """
    FindingsTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .findings-table--header { text-style: bold; background: $panel; }
        & > .findings-table--even-row { background: $surface-darken-1 40%; }
        & > .findings-table--cursor { background: $block-cursor-blurred-background; }
        &:focus > .findings-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    RowHighlighted = RowHighlighted

    cursor_row: reactive[int] = reactive(0, always_update=True)
    """Index in the display order of the highlighted row."""

    def __init__(self, provider: Callable[[str], Cells], **kwargs) -> None:
        super().__init__(**kwargs)
        self.provider = provider
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cache: dict[str, Cells] = {}
        # Drawn rows by finding_id, then by (style, scroll_x, width): scrolling one row redraws every row on
        # screen, and all but one were drawn the same way a frame before.
        self._strips: dict[str, dict[tuple[Style, int, int], Strip]] = {}
        self.virtual_size = Size(TABLE_WIDTH, 1)

    # --- data ----------------------------------------------------------------------------------------------

    def fill(self, keys: Sequence[str], keep: str | None = None) -> None:
        """Show ``keys`` in this order; the cursor stays on ``keep`` when it is still listed."""
        self._keys = list(keys)
        self._index = {key: i for i, key in enumerate(self._keys)}
        self.virtual_size = Size(TABLE_WIDTH, len(self._keys) + 1)
        row = self._index.get(keep, 0) if keep is not None else 0
        self.cursor_row = min(row, max(0, len(self._keys) - 1))
        self.refresh()

    def update_row(self, key: str) -> None:
        """Redraw ``key``'s row from the provider (after a decision)."""
        self._cache.pop(key, None)
        self._strips.pop(key, None)
        row = self._index.get(key)
        top = round(self.scroll_offset.y)
        if row is not None and top <= row < top + self._page:  # a row off screen is drawn when scrolled to
            self.refresh_line(row + 1)

    def cells(self, key: str) -> Cells:
        if key not in self._cache:
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = self.provider(key)
        return self._cache[key]

    def get_cell(self, key: str, column: str) -> Text | str:
        position = next(i for i, (name, _, _) in enumerate(COLUMNS) if name == column)
        return self.cells(key)[position]

    @property
    def keys(self) -> list[str]:
        return self._keys

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def current_key(self) -> str | None:
        return self._keys[self.cursor_row] if self._keys else None

    def select_key(self, key: str) -> bool:
        if key not in self._index:
            return False
        self.cursor_row = self._index[key]
        return True

    def move_cursor(self, *, row: int) -> None:
        if self._keys:
            self.cursor_row = max(0, min(row, len(self._keys) - 1))

    # --- cursor ----------------------------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor_row(self, old: int, new: int) -> None:
        if not self._keys:
            return
        top = round(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False)
            self.refresh()
        elif new >= top + self._page:
            self.scroll_to(y=new - self._page + 1, animate=False)
            self.refresh()
        else:  # on the same page: only the two rows whose cursor style changed (line 0 is the header)
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        self.post_message(RowHighlighted(self, self._keys[new]))

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(row=round(self.scroll_offset.y) + event.y - 1)

    # --- drawing ---------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_offset.x)
        base = self.rich_style
        if y == 0:
            header = _line([label for _, label, _ in COLUMNS])
            style = base + self.get_component_rich_style("findings-table--header")
            return self._strip(header, scroll_x, width, style)
        row = round(self.scroll_offset.y) + y - 1
        if row >= len(self._keys):
            return Strip.blank(width, base)
        style = base
        if row % 2 == 0:
            style += self.get_component_rich_style("findings-table--even-row")
        if row == self.cursor_row:
            style += self.get_component_rich_style("findings-table--cursor")
        key = self._keys[row]
        drawn = self._strips.get(key)
        if drawn is None:
            if len(self._strips) > 2000:
                self._strips.clear()
            drawn = self._strips[key] = {}
        strip = drawn.get((style, scroll_x, width))
        if strip is None:
            strip = drawn[(style, scroll_x, width)] = self._strip(_line(self.cells(key)), scroll_x, width, style)
        return strip

    def _strip(self, line: Text, scroll_x: int, width: int, style: Style) -> Strip:
        segments = [Segment(s.text, style + s.style if s.style else style) for s in line.render(self.app.console)]
        strip = Strip(segments)
        return strip.crop_extend(scroll_x, scroll_x + width, style)
