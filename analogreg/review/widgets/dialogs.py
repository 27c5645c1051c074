"""Modal dialogs: note, categories, template, search. Each dismisses with its result, or None when cancelled.

Keys are the same in every dialog: ctrl+s saves (Enter in the one-line search), escape cancels.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from analogreg.categories import CATEGORIES, DEFINITIONS
from analogreg.review.engine import Alternative
from analogreg.review.widgets.diff import diff_text
from analogreg.review.widgets.text_area import LegalInput, LegalTextArea


class _Dialog(ModalScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog-save", priority=True),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class NoteDialog(_Dialog):
    """A free-text note on the finding (several lines; the reviewer's reason, a question for 原課)."""

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self._title = title
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Note on {self._title}", style="bold"), classes="dialog-title")
            area = LegalTextArea(self._note, soft_wrap=True, id="note-text")  # keeps 「　」: see there
            area.cursor_blink = False
            yield area
            yield Static("ctrl+s save   esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-text", TextArea).text)


class CategoriesDialog(_Dialog):
    """The eight categories as checkboxes, the finding's current ones ticked."""

    def __init__(self, title: str, current: list[str]) -> None:
        super().__init__()
        self._title = title
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Categories of {self._title}", style="bold"), classes="dialog-title")
            yield SelectionList[str](
                *((category, category, category in self._current) for category in CATEGORIES),
                id="categories",
            )
            yield Static(id="category-definition", classes="dialog-help")
            yield Static("space toggle   ctrl+s save   esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#categories", SelectionList).focus()

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        category = event.selection.value
        self.query_one("#category-definition", Static).update(f"{category}: {DEFINITIONS[category]}")

    def action_save(self) -> None:
        chosen = list(self.query_one("#categories", SelectionList).selected)
        if not chosen:
            self.notify("Keep at least one category (reject the finding if none applies).", severity="warning")
            return
        # In the order of the national list, whatever order they were ticked in.
        self.dismiss([c for c in CATEGORIES if c in chosen])


class TemplateDialog(_Dialog):
    """The other templates that apply, each with its wording as a diff against the old text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="dialog-cancel")]

    def __init__(self, title: str, old_text: str, options: list[Alternative], current: str | None) -> None:
        super().__init__()
        self._title = title
        self._old = old_text
        self.options = options
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Text(f"Template for {self._title}", style="bold"), classes="dialog-title")
            items = []
            for i, alt in enumerate(self.options):
                prompt = Text()
                mark = "*" if alt.template == self._current else " "
                prompt.append(f"{mark} {alt.template}", style="bold")
                if alt.title and alt.title != alt.template:
                    prompt.append(f"  {alt.title}")
                prompt.append("\n")
                prompt.append_text(diff_text(self._old, alt.new_text))
                items.append(Option(prompt, id=str(i)))
            yield OptionList(*items, id="templates")
            yield Static("enter pick   esc cancel   (* = in use)", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#templates", OptionList)
        options.focus()
        for i, alt in enumerate(self.options):
            if alt.template == self._current:
                options.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id or 0)])

    def action_save(self) -> None:
        options = self.query_one("#templates", OptionList)
        if options.highlighted is not None:
            self.dismiss(self.options[options.highlighted])


class SearchDialog(_Dialog):
    """Words to find in title, label, texts, note, rule ids; all must occur. Empty clears the search."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self._query = query

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Search", style="bold"), classes="dialog-title")
            field = LegalInput(self._query, placeholder="例: 掲示 閲覧場所", id="search-text")
            field.cursor_blink = False
            yield field
            yield Static("enter search (empty: show all)   esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#search-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_save(self) -> None:
        self.dismiss(self.query_one("#search-text", Input).value.strip())
