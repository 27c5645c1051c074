"""Old → new as a list of edits: a char-level diff (rapidfuzz ``Indel.opcodes``) grouped into change regions.

An :class:`Edit` is a region of the old text and the region of the new text that replaces it; between two edits
the texts are equal, so an edit can be widened by shared context on either side without losing alignment.
Pure insertions and deletions can often sit at several equivalent places (inserting 「し、又は…公表」 after 掲示 is
the same text change as inserting 「、又は…公表し」 after 掲示し); :func:`slide` lists those places so that the
quoting stage can pick the one a drafter would write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

EditKind = Literal["replace", "delete", "insert"]

# Equal runs this short between two changes are noise of the character alignment (a shared の or し inside a
# rewritten phrase), not a place a drafter would split the change: the two changes become one.
_NOISE_GAP = 1
# Punctuation that separates phrases: an equal run made of one of these is a real boundary, never noise.
_SEPARATORS = frozenset("、。，．　")


@dataclass(frozen=True, slots=True)
class Edit:
    """``old[old_start:old_end]`` becomes ``new[new_start:new_end]``; outside all edits the texts are equal."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int

    @property
    def kind(self) -> EditKind:
        if self.old_start == self.old_end:
            return "insert"
        if self.new_start == self.new_end:
            return "delete"
        return "replace"

    def widened(self, left: int, right: int) -> Edit:
        """The same edit with ``left`` / ``right`` characters of shared context added on each side."""
        return Edit(self.old_start - left, self.old_end + right, self.new_start - left, self.new_end + right)


def diff(old: str, new: str) -> list[Edit]:
    """The change regions of ``old`` → ``new``, front to back, with alignment noise merged away."""
    regions: list[Edit] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            continue
        edit = Edit(op.src_start, op.src_end, op.dest_start, op.dest_end)
        if regions and (_is_noise_gap(old, regions[-1], edit) or _left_open(old, new, regions[-1])):
            regions[-1] = merge(regions[-1], edit)
        else:
            regions.append(edit)
    return regions


def _is_noise_gap(old: str, before: Edit, after: Edit) -> bool:
    gap = old[before.old_end : after.old_start]
    if len(gap) <= _KANA_GAP and all(_HIRAGANA_FIRST <= ch <= _HIRAGANA_LAST for ch in gap):
        # Two hiragana (する, して, には) shared by a rewritten phrase are a function word or an okurigana the two
        # wordings happen to have in common (規定する / 通話をする), not a place a drafter would split the quote.
        return True
    return len(gap) <= _NOISE_GAP and not (set(gap) & _SEPARATORS)


_KANA_GAP = 2
_HIRAGANA_FIRST, _HIRAGANA_LAST = "\u3041", "\u3093"


_OPENING = {"（": "）", "「": "」", "(": ")"}


def _left_open(old: str, new: str, edit: Edit) -> bool:
    """Whether ``edit`` opens a bracket (in its old or new text) that a later change closes: the equal text up to
    there is inside the bracket, not a boundary between two changes. 「光ディスク、磁気テープ」 →
    「電磁的記録媒体（電子的方式、磁気的方式…）」 is one change, not 「電磁的記録媒体（電子的方式」 and the rest,
    whatever 「、」 the two texts share (a quote is not cut through a parenthesis)."""
    for text in (old[edit.old_start : edit.old_end], new[edit.new_start : edit.new_end]):
        for opening, closing in _OPENING.items():
            if text.count(opening) > text.count(closing):
                return True
    return False


def merge(first: Edit, second: Edit) -> Edit:
    """One edit covering ``first``, ``second`` and the equal text between them (``first`` comes first)."""
    return Edit(first.old_start, second.old_end, first.new_start, second.new_end)


def slide(edit: Edit, old: str, new: str, lower: int, upper: int) -> Iterator[Edit]:
    """Every equivalent placement of a pure insertion or deletion, within ``old[lower:upper]``.

    Inserting X at p equals inserting X rotated by one at p+1 when old[p] == X[0] (and symmetrically to the
    left); deletions slide the same way over the old text. Replacements do not move and yield only themselves.
    """
    if edit.kind == "replace":
        yield edit
        return
    yield edit
    # Left moves: the last character of the moved text equals the character just before it.
    current = edit
    while True:
        moved = _move(current, old, new, -1)
        if moved is None or moved.old_start < lower:
            break
        current = moved
        yield current
    current = edit
    while True:
        moved = _move(current, old, new, +1)
        if moved is None or moved.old_end > upper:
            break
        current = moved
        yield current


def _move(edit: Edit, old: str, new: str, step: int) -> Edit | None:
    if edit.kind == "insert":
        text, at = new, edit.new_start
        length = edit.new_end - edit.new_start
    else:
        text, at = old, edit.old_start
        length = edit.old_end - edit.old_start
    if step < 0:
        if at == 0 or text[at - 1] != text[at + length - 1]:
            return None
    elif at + length >= len(text) or text[at] != text[at + length]:
        return None
    return Edit(edit.old_start + step, edit.old_end + step, edit.new_start + step, edit.new_end + step)


def best_placement(edit: Edit, old: str, new: str, lower: int, upper: int, score: Callable[[Edit], tuple]) -> Edit:
    """The placement of ``edit`` (see :func:`slide`) with the highest ``score``; the first one on ties."""
    best = edit
    best_score = score(edit)
    for candidate in slide(edit, old, new, lower, upper):
        candidate_score = score(candidate)
        if candidate_score > best_score:
            best, best_score = candidate, candidate_score
    return best
