"""Japanese line wrapping for the detail panes: break between any two characters, with simple 禁則 (kinsoku).

Rich and Textual wrap at spaces and fold only words longer than a line, so a statute sentence (no spaces) after
a number and a full-width space starts on a fresh line and leaves the first one nearly empty. Here a line breaks
at the last character that fits, measured in cells; a character that may not start a line (、。」） small kana)
takes the one before it along (追い出し), and ASCII words break at a space when one is near.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

# 行頭禁則: may not begin a line. 行末禁則: may not end one.
NO_START = frozenset(
    "、。，．・：；？！ー―）」』】〕〉》”’)]},.:;?!"  # punctuation and closing brackets
    "ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"  # iteration marks and small kana
)
NO_END = frozenset("（「『【〔〈《“‘([{")
# How far back a break may move to honour the rules above or to keep an ASCII word whole.
MAX_PULL = 2
MAX_WORD = 20


def wrap_offsets(plain: str, width: int, hang: int = 0) -> list[int]:
    """Offsets at which to break ``plain`` (which may hold newlines) so that no line exceeds ``width`` cells,
    continuation lines being indented by ``hang`` cells."""
    if width <= 1:
        return []
    hang = min(hang, width // 2)
    offsets: list[int] = []
    start = 0
    used = 0
    i = 0
    n = len(plain)
    while i < n:
        ch = plain[i]
        if ch == "\n":
            start, used = i + 1, 0
            i += 1
            continue
        w = cell_len(ch)
        if used + w <= width or i == start:
            used += w
            i += 1
            continue
        brk = i
        if ch.isascii() and ch != " " and plain[brk - 1].isascii():
            space = plain.rfind(" ", max(start, brk - MAX_WORD), brk)
            if space > start:
                brk = space + 1
        pulled = 0
        while pulled < MAX_PULL and brk - 1 > start and (plain[brk] in NO_START or plain[brk - 1] in NO_END):
            brk -= 1
            pulled += 1
        offsets.append(brk)
        start = brk
        used = hang + cell_len(plain[brk:i])
    return offsets


def wrap_text(text: Text, width: int) -> Text:
    """``text`` with line breaks inserted (styles kept) so that every line fits ``width`` cells; the lines a
    long line is broken into keep its indentation (an item's text stays under the item)."""
    out = Text()
    for n, line in enumerate(text.split("\n", allow_blank=True)):
        if n:
            out.append("\n")
        plain = line.plain
        hang = min(len(plain) - len(plain.lstrip(" ")), max(0, width // 2))
        offsets = wrap_offsets(plain, width, hang)
        for k, part in enumerate(line.divide(offsets) if offsets else [line]):
            if k:
                out.append("\n" + " " * hang)
            out.append_text(part)
    return out


class WrappedText(Widget):
    """Static-like text wrapped the Japanese way to the widget's own width (re-wrapped on resize)."""

    DEFAULT_CSS = """
    WrappedText { height: auto; }
    """

    def __init__(self, content: Text | str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = Text(content) if isinstance(content, str) else content
        self._cache: tuple[int, Text, int] | None = None  # width, wrapped text, its number of lines

    def update(self, content: Text | str) -> None:
        self._content = Text(content) if isinstance(content, str) else content
        self._cache = None
        width = self.content_region.width
        # A new height needs a layout of the whole screen; the same number of lines only a repaint.
        same_height = width > 0 and self._height(width) == self.content_region.height
        self.refresh(layout=not same_height)

    @property
    def content(self) -> Text:
        return self._content

    def _wrap(self, width: int) -> tuple[int, Text, int]:
        if self._cache is None or self._cache[0] != width:
            wrapped = wrap_text(self._content, width)
            wrapped.no_wrap = True
            wrapped.overflow = "crop"
            self._cache = (width, wrapped, wrapped.plain.count("\n") + 1)
        return self._cache

    def _wrapped(self, width: int) -> Text:
        return self._wrap(width)[1]

    def _height(self, width: int) -> int:
        return self._wrap(width)[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._height(width)

    def render(self) -> Text:
        return self._wrapped(self.content_region.width or self.size.width)
