"""Text for fixed-width table cells that lines up in every terminal.

Rich measures East-Asian *Wide* characters as 2 cells, which every terminal agrees with, but *Ambiguous* ones
(○ ● ① ※ ― … × “ ”) as 1, while terminals set to "ambiguous = wide" (common in Japanese setups) draw them in 2:
a table row holding one would push its later columns one cell right. In table cells only, such characters are
replaced by unambiguous look-alikes; the detail pane always shows the legal text exactly as written.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len

# Look-alikes of the ambiguous characters legal text uses, all Wide/Fullwidth or plain ASCII.
_LOOKALIKES: dict[str, str] = {
    "○": "〇",  # WHITE CIRCLE → IDEOGRAPHIC NUMBER ZERO (placeholders such as ○○市)
    "◯": "〇",
    "●": "＊",
    "◎": "〇",
    "※": "＊",
    "―": "ー",
    "─": "ー",
    "…": "...",
    "‥": "..",
    "×": "x",
    "÷": "/",
    "“": "「",
    "”": "」",
    "‘": "'",
    "’": "'",
    "・": "・",  # already wide (U+30FB); listed so nobody "fixes" it to the ambiguous U+00B7
    "·": "・",
    "→": "->",
    "←": "<-",
    "□": "[]",
    "■": "#",
    "△": "-",  # △/▲ are minus signs in Japanese figures
    "▲": "-",
}

# ELLIPSIS would itself be ambiguous; two ASCII dots mark a cut.
CUT_MARK = ".."


@lru_cache(maxsize=256)
def _safe_char(ch: str) -> str:
    if unicodedata.east_asian_width(ch) != "A":
        return ch
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    # Circled and parenthesized numbers (①, ⑴, ⒈) and the like: NFKC gives their plain digits.
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch and all(unicodedata.east_asian_width(c) != "A" for c in folded):
        if folded.isdigit() or (folded.startswith("(") and folded.endswith(")")):
            return f"({folded.strip('()')})"
        return folded
    # Anything else ambiguous (Greek, Cyrillic, box drawing): a narrow "?" keeps the columns straight.
    return "?"


def table_safe(text: str) -> str:
    """``text`` with every East-Asian-Ambiguous character replaced by an unambiguous look-alike."""
    if text.isascii():
        return text
    return "".join(_safe_char(ch) for ch in text)


def fit(text: str, width: int) -> str:
    """``table_safe(text)`` cut to at most ``width`` cells, never splitting a wide character, marked with "..".

    Newlines become spaces: a table cell is one line.
    """
    text = table_safe(text.replace("\n", " "))
    if cell_len(text) <= width:
        return text
    budget = width - len(CUT_MARK)
    out: list[str] = []
    used = 0
    for ch in text:
        w = cell_len(ch)
        if used + w > budget:
            break
        out.append(ch)
        used += w
    return "".join(out) + CUT_MARK
