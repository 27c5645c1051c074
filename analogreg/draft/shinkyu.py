"""新旧対照表 rows: each amended provision before and after, changed parts marked on both sides.

Marking follows the usual convention (じょうれいくん FAQ, domain-and-drafting b.6): the changed part is underlined
on both sides; where text exists on one side only (an addition or a deletion), the other side gets full-width
blanks of the same length, underlined too. The marks come from the applier's record of what the 改め文 changed
(``Provision.origin``), so the table shows exactly what the verified 改め文 does and cannot drift from it; a
proposal that did not verify is shown from a plain character diff instead, and flagged.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz.distance import Indel

from analogreg.draft.apply import Provision

BLANK = "\u3000"

TableOrder = Literal["new_old", "old_new"]


class Segment(BaseModel):
    """A run of text in one cell; ``changed`` runs are underlined; ``blank`` runs are padding for the other side."""

    model_config = ConfigDict(frozen=True)

    text: str
    changed: bool = False
    blank: bool = False


class ShinkyuRow(BaseModel):
    """One provision: its citation, its article's 見出し, and the marked text after (new) and before (old)."""

    model_config = ConfigDict(frozen=True)

    label: str
    caption: str = ""
    new: list[Segment]
    old: list[Segment]
    verified: bool = True
    # The 見出し marked after and before, when the 改め文 amends it (「第3条の見出し中…」); empty when it stays.
    caption_new: list[Segment] = Field(default_factory=list)
    caption_old: list[Segment] = Field(default_factory=list)
    # The provision is gone after the amendment (an item of an article rewritten as 削除): its 改正後 cell holds
    # neither its label nor its text, only the blanks that stand opposite what went.
    removed: bool = False
    # The label the 改正後 cell gives, where it is not ``label``: consecutive articles deleted together are one line
    # after the amendment, 「第12条から第14条まで　削除」, given in the first one's row.
    new_label: str = ""


class ShinkyuTable(BaseModel):
    """The 新旧対照表 of one 例規."""

    model_config = ConfigDict(frozen=True)

    law_title: str
    law_num: str | None = None
    rows: list[ShinkyuRow] = Field(default_factory=list)


def headings(order: TableOrder) -> tuple[str, str]:
    """Column headings in the configured order: 改正後 | 改正前 (new_old) or 改正前 | 改正後."""
    return ("改正後", "改正前") if order == "new_old" else ("改正前", "改正後")


def cells(row: ShinkyuRow, order: TableOrder) -> tuple[list[Segment], list[Segment]]:
    """The row's two cells in the configured order."""
    return (row.new, row.old) if order == "new_old" else (row.old, row.new)


def caption_cells(row: ShinkyuRow, order: TableOrder) -> tuple[list[Segment], list[Segment]]:
    """The row's 見出し in each cell, in the configured order: marked where it is amended, else the same on both."""
    if row.caption_new or row.caption_old:
        return (row.caption_new, row.caption_old) if order == "new_old" else (row.caption_old, row.caption_new)
    same = [Segment(text=row.caption)] if row.caption else []
    return same, same


def side_labels(row: ShinkyuRow, order: TableOrder) -> tuple[str, str]:
    """The provision's label in each cell, in the configured order: none after the amendment when it is gone."""
    new = "" if row.removed else row.new_label or row.label
    return (new, row.label) if order == "new_old" else (row.label, new)


def sides(row: ShinkyuRow, order: TableOrder) -> list[tuple[list[Segment], list[Segment]]]:
    """Each cell's 見出し and text, in the configured order."""
    return list(zip(caption_cells(row, order), cells(row, order), strict=True))


def row_from_applied(
    label: str,
    caption: str,
    provision: Provision,
    caption_provision: Provision | None = None,
    *,
    removed: bool = False,
    new_label: str = "",
) -> ShinkyuRow:
    """A row from the applier's result: unchanged characters are those whose origin survived in order.

    ``caption_provision``: the applier's result for the article's 見出し, when the 改め文 amends it; ``removed``: the
    provision is gone after it (see ``ShinkyuRow.removed``); ``new_label``: see ``ShinkyuRow.new_label``."""
    new_side, old_side = _marked(provision)
    caption_new, caption_old = _marked(caption_provision) if caption_provision is not None else ([], [])
    return ShinkyuRow(
        label=label,
        caption=caption,
        new=new_side,
        old=old_side,
        caption_new=caption_new,
        caption_old=caption_old,
        removed=removed,
        new_label=new_label,
    )


def _marked(provision: Provision) -> tuple[list[Segment], list[Segment]]:
    """The provision after and before, changed runs marked (blank padding opposite an addition or deletion)."""
    old, new, origin = provision.original, provision.text, provision.origin
    new_side: list[Segment] = []
    old_side: list[Segment] = []
    at_old = 0
    k = 0
    while k < len(new):
        if origin[k] == at_old:
            _append(new_side, new[k], False)
            _append(old_side, old[at_old], False)
            at_old += 1
            k += 1
            continue
        start = k
        while k < len(new) and origin[k] is None:
            k += 1
        next_old = origin[k] if k < len(new) else len(old)
        _changed(new_side, old_side, new[start:k], old[at_old:next_old])
        at_old = next_old
    if at_old < len(old):
        _changed(new_side, old_side, "", old[at_old:])
    return new_side, old_side


def row_from_diff(label: str, caption: str, old: str, new: str, new_caption: str = "") -> ShinkyuRow:
    """A row from a character diff, for a proposal whose 改め文 did not verify (shown, but flagged); ``new_caption``:
    the 見出し after, when the proposal amends it."""
    new_side, old_side = _diffed(old, new)
    caption_new, caption_old = _diffed(caption, new_caption) if new_caption and new_caption != caption else ([], [])
    return ShinkyuRow(
        label=label,
        caption=caption,
        new=new_side,
        old=old_side,
        verified=False,
        caption_new=caption_new,
        caption_old=caption_old,
    )


def _diffed(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """After and before from a character diff, changed runs marked."""
    new_side: list[Segment] = []
    old_side: list[Segment] = []
    added, removed = "", ""
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            # Adjacent insertions and deletions are one change: one marked run per side.
            _changed(new_side, old_side, added, removed)
            added, removed = "", ""
            text = old[op.src_start : op.src_end]
            _append(new_side, text, False)
            _append(old_side, text, False)
        else:
            added += new[op.dest_start : op.dest_end]
            removed += old[op.src_start : op.src_end]
    _changed(new_side, old_side, added, removed)
    return new_side, old_side


def _changed(new_side: list[Segment], old_side: list[Segment], added: str, removed: str) -> None:
    if added and removed:
        _append(new_side, added, True)
        _append(old_side, removed, True)
    elif added:
        _append(new_side, added, True)
        _append(old_side, BLANK * len(added), True, blank=True)
    elif removed:
        _append(new_side, BLANK * len(removed), True, blank=True)
        _append(old_side, removed, True)


def _append(side: list[Segment], text: str, changed: bool, *, blank: bool = False) -> None:
    if not text:
        return
    if side and side[-1].changed == changed and side[-1].blank == blank:
        side[-1] = Segment(text=side[-1].text + text, changed=changed, blank=blank)
    else:
        side.append(Segment(text=text, changed=changed, blank=blank))


def plain(segments: list[Segment]) -> str:
    """The cell's text without the padding: what the provision reads."""
    return "".join(s.text for s in segments if not s.blank)
