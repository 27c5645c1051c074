"""The character-level diff of a provision: removed text struck through in red, inserted text bold green underlined.

rapidfuzz's ``Indel.opcodes`` gives the longest-common-subsequence alignment; on Japanese it happily aligns single
shared characters (磁 in 磁気ディスク → 電磁的記録), which scatters one change into several. A semantic cleanup
(as in diff-match-patch: an equality no longer than the edits on both sides is folded into them) turns that back
into the change a drafter would describe: 「磁気ディスク」を「電磁的記録」に.
"""

from __future__ import annotations

from typing import Literal

from rapidfuzz.distance import Indel
from rich.text import Text

from analogreg.review.widgets.wrapped import WrappedText

Tag = Literal["equal", "delete", "insert"]

INSERT_STYLE = "bold green underline"
DELETE_STYLE = "red strike"


def _raw_segments(old: str, new: str) -> list[tuple[Tag, str]]:
    segments: list[tuple[Tag, str]] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            segments.append(("equal", old[op.src_start : op.src_end]))
        elif op.tag == "delete":
            segments.append(("delete", old[op.src_start : op.src_end]))
        elif op.tag == "insert":
            segments.append(("insert", new[op.dest_start : op.dest_end]))
        else:  # Indel has no replace, but keep the function total
            segments.append(("delete", old[op.src_start : op.src_end]))
            segments.append(("insert", new[op.dest_start : op.dest_end]))
    return segments


def _blocks(segments: list[tuple[Tag, str]]) -> list[tuple[str, str, str]]:
    """Merge into alternating blocks: ("equal", text, text) or ("change", deleted, inserted)."""
    blocks: list[list] = []
    for tag, text in segments:
        if not text:
            continue
        if tag == "equal":
            if blocks and blocks[-1][0] == "equal":
                blocks[-1][1] += text
                blocks[-1][2] += text
            else:
                blocks.append(["equal", text, text])
        else:
            if not blocks or blocks[-1][0] != "change":
                blocks.append(["change", "", ""])
            if tag == "delete":
                blocks[-1][1] += text
            else:
                blocks[-1][2] += text
    return [tuple(b) for b in blocks]  # type: ignore[misc]


def _cleanup(blocks: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fold short equalities that sit between two changes into them, until none is left."""
    changed = True
    while changed:
        changed = False
        for i in range(1, len(blocks) - 1):
            kind, text, _ = blocks[i]
            before, after = blocks[i - 1], blocks[i + 1]
            if kind != "equal" or before[0] != "change" or after[0] != "change":
                continue
            if len(text) <= max(len(before[1]), len(before[2])) and len(text) <= max(len(after[1]), len(after[2])):
                merged = ("change", before[1] + text + after[1], before[2] + text + after[2])
                blocks = [*blocks[: i - 1], merged, *blocks[i + 2 :]]
                changed = True
                break
    return blocks


def diff_segments(old: str, new: str) -> list[tuple[Tag, str]]:
    """The diff as (tag, text) runs; within a change the deletion comes before the insertion."""
    out: list[tuple[Tag, str]] = []
    for kind, deleted, inserted in _cleanup(_blocks(_raw_segments(old, new))):
        if kind == "equal":
            out.append(("equal", deleted))
            continue
        if deleted:
            out.append(("delete", deleted))
        if inserted:
            out.append(("insert", inserted))
    return out


def diff_text(old: str, new: str) -> Text:
    text = Text()
    for tag, run in diff_segments(old, new):
        if tag == "equal":
            text.append(run)
        elif tag == "delete":
            text.append(run, style=DELETE_STYLE)
        else:
            text.append(run, style=INSERT_STYLE)
    return text


class DiffView(WrappedText):
    """A provision's old → new wording as one wrapped paragraph of marked changes."""

    def show(self, old: str, new: str) -> None:
        self.update(diff_text(old, new) if old != new else Text(old + "\n(no change)", style="dim"))
