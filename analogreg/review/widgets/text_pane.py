"""A scrolling pane of wrapped text whose outer size never depends on its text.

The detail panes change text at every cursor key. A scroll container holding a text of ``height: auto`` made
Textual lay out the whole screen whenever the new text had another number of lines, and then repaint every
widget on it (table, footer, scrollbars): on real proposals 25-95 ms per key. Here the pane draws its own lines
(Textual's line API): a new text changes only the pane's virtual size, so a key repaints this pane and nothing
else. A layout is asked for only when the vertical scrollbar appears or goes, which changes the width text
wraps to.

Lines are wrapped the Japanese way (:func:`wrap_text`) once per text and width, and each line is drawn when it
first comes into view, then kept until the text or the width changes.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from analogreg.review.widgets.wrapped import wrap_text


class TextPane(ScrollView):
    """Wrapped, scrollable text; ``update`` replaces it and scrolls back to the top unless told otherwise."""

    DEFAULT_CSS = """
    TextPane { overflow-x: hidden; overflow-y: auto; }
    """

    def __init__(self, content: Text | str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = Text(content) if isinstance(content, str) else content
        self._width = -1  # the width the lines below were wrapped to
        self._lines: list[Text] = []
        self._strips: list[Strip | None] = []
        self._strips_style: Style | None = None
        self._wrapped_for = Size(0, 0)  # the pane's content size (scrollbar included) at the last wrap

    @property
    def content(self) -> Text:
        """The text shown (as given, before wrapping)."""
        return self._content

    @property
    def lines(self) -> list[Text]:
        """The text as wrapped to the pane's current width, one Text per screen line."""
        return self._lines

    def update(self, content: Text | str, *, keep_scroll: bool = False) -> None:
        self._content = Text(content) if isinstance(content, str) else content
        self._width = -1
        self._reflow()
        if not keep_scroll:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _on_resize(self, event: Resize) -> None:
        # The layout that a scrollbar coming or going asks for resizes the pane to the width its text was
        # already wrapped to: wrapping and drawing it again would cost a second frame for that key.
        if self.content_region.size != self._wrapped_for:
            self._reflow()

    def _reflow(self) -> None:
        """Wrap the text to the width it will be drawn at and set the virtual size from its lines."""
        # A scroll view's content region includes its scrollbar: the text gets ``full`` cells with no
        # vertical scrollbar, ``bar`` cells fewer when it is too long for the pane.
        full, height = self.content_region.size
        if not self.is_mounted or full <= 0:
            return  # wrapped on the first resize
        self._wrapped_for = Size(full, height)
        bar = self.styles.scrollbar_size_vertical
        always = self.styles.overflow_y == "scroll"
        lines = self._wrap(full - bar if always else full)
        if len(lines) > height and bar and not always:
            lines = self._wrap(full - bar)
        width = self._width
        self._lines = lines
        self._strips = [None] * len(lines)
        size = Size(width, len(lines))
        needs_bar = always or len(lines) > height
        if needs_bar != self.show_vertical_scrollbar:
            # The scrollbar comes or goes: the pane's content width changes, which only a layout settles.
            self.virtual_size = size
        else:
            # Same outer size and scrollbar: only the scrollbar's thumb and the pane's own lines change.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    def _wrap(self, width: int) -> list[Text]:
        self._width = width
        if width <= 0:
            return []
        wrapped = wrap_text(self._content, width)
        return wrapped.split("\n", allow_blank=True)

    def render_line(self, y: int) -> Strip:
        # Called for every line of the pane at every repaint: what does not change between two texts (the
        # widget's style, the width) is read from caches, and a drawn line is kept until the text changes.
        index = self.scroll_offset.y + y
        style = self.visual_style.rich_style
        if style != self._strips_style:  # the theme changed: lines drawn with the old colours are thrown away
            self._strips = [None] * len(self._lines)
            self._strips_style = style
        if not 0 <= index < len(self._lines):
            return Strip.blank(self._width, style)
        strip = self._strips[index]
        if strip is None:
            strip = self._draw(index, style)
        return strip

    def _draw(self, index: int, style: Style) -> Strip:
        line = self._lines[index]
        selection = self.text_selection
        span = selection.get_span(index) if selection is not None else None
        if span is not None:
            start, end = span
            line = line.copy()
            line.stylize(
                self.screen.get_component_rich_style("screen--selection"), start, len(line) if end == -1 else end
            )
        segments = Segment.apply_style(line.render(self.app.console, end=""), style)
        # Offsets tell Textual which character is under the mouse (text selection, copy).
        strip = Strip(segments).crop_extend(0, self._width, style).apply_offsets(0, index)
        if span is None:
            self._strips[index] = strip
        return strip

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, as wrapped on screen (what the reviewer sees is what is copied)."""
        return selection.extract("\n".join(line.plain for line in self._lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips = [None] * len(self._lines)
        self.refresh()
