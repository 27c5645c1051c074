"""A text area and an input that keep every space legal text is typed with, the full-width space 「　」 (U+3000)
first of all.

Textual's ``TextArea`` and ``Input`` insert a key's character only when ``str.isprintable()`` is true of it, and
Python counts no space separator (Unicode category Zs) as printable except the ASCII space. So U+3000, typed after
第一条 in 「第一条　目的」 or to indent a 号, reached the widget and was dropped without a trace: the reviewer's
wording or note then read differently from what was typed, and a search for 「掲示　閲覧」 typed with a Japanese
IME's space looked for the one word 「掲示閲覧」.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input, TextArea

# The space separators (Unicode category Zs) other than the ASCII space, by the key name Textual gives each
# (its Unicode name, lower case, "_" for " " and "-"; e.g. ideographic_space). A terminal sends the character
# with the key; Textual's Pilot and App.simulate_key send the name only.
SPACE_KEYS: dict[str, str] = {
    unicodedata.name(c).lower().replace("-", "_").replace(" ", "_"): c
    for c in map(chr, (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000))
}


def is_unprintable_space(character: str | None) -> bool:
    """A space separator (Zs) that ``TextArea`` would drop: U+3000, U+00A0, U+2002-U+200A and the like."""
    return (
        character is not None
        and len(character) == 1
        and unicodedata.category(character) == "Zs"
        and not character.isprintable()
    )


def typed_space(event: events.Key) -> str | None:
    """The space separator ``event`` types that ``TextArea`` would drop, or None for any other key."""
    if event.character is None:
        return SPACE_KEYS.get(event.key)
    return event.character if is_unprintable_space(event.character) else None


class LegalTextArea(TextArea):
    """``TextArea`` that also inserts the space separators it would drop; every other key is TextArea's own."""

    async def _on_key(self, event: events.Key) -> None:
        space = typed_space(event)
        if self.read_only or space is None:
            return  # TextArea's handler runs next, as for any key
        event.stop()
        event.prevent_default()  # TextArea's handler would drop it; if a later Textual inserts it, not twice
        start, end = self.selection
        # As typing does: replaces the selection, cursor after the inserted space.
        self.replace(space, start, end, maintain_selection_offset=False)


class LegalInput(Input):
    """``Input`` that also inserts the space separators it would drop; every other key is Input's own."""

    async def _on_key(self, event: events.Key) -> None:
        space = typed_space(event)
        if space is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        # As typing does: replaces the selection, cursor after the inserted space.
        if self.selection.is_empty:
            self.insert_text_at_cursor(space)
        else:
            self.replace(space, *self.selection)
