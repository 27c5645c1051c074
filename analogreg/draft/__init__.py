"""Drafting: the 改め文 of each proposal, verified by an independent applier; 新旧対照表; the omnibus bill.

:func:`draft_proposal` is what the amend pipeline and the review app call: it writes the 改め文 with the
generator (``aratame.py``), re-applies it with the applier (``apply.py``, which shares no code with the
generator) to the old text of the provision and of the units inside it, and sets ``verified`` only when that
reproduces the new text exactly and leaves every other unit as it was.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz.distance import Indel

from analogreg.draft.apply import ApplyError, apply_aratame
from analogreg.draft.aratame import DraftFailure, caption_label, generate
from analogreg.records import ARTICLE_DELETED, Proposal

__all__ = ["NOTE_PREFIX", "caption_change", "draft_proposal", "expected_after", "expected_before", "verify"]

# Marks the line of ``note`` that drafting owns, so that drafting again replaces it instead of piling up.
NOTE_PREFIX = "[改め文] "


def verify(aratame: str, before: Mapping[str, str], after: Mapping[str, str]) -> str | None:
    """Apply ``aratame`` to ``before`` (label → text) and compare with ``after``; the reason it fails, or None.

    Labels missing from ``after`` must come out unchanged.
    """
    try:
        result = apply_aratame(aratame, before)
    except ApplyError as err:
        return f"適用できません: {err.reason}"
    for label, provision in result.items():
        expected = after.get(label, before[label])
        if provision.text != expected:
            return f"適用結果が改正後の文と一致しません（{label}）"
    return None


def expected_before(proposal: Proposal) -> dict[str, str]:
    """The provisions the 改め文 of ``proposal`` reads: the unit, the units inside it, and for an article rewritten as
    「削除」 its 見出し (which goes with it)."""
    before = {**proposal.scope, proposal.label: proposal.old_text}
    if proposal.new_text == ARTICLE_DELETED and proposal.caption and (heading := caption_label(proposal.label)):
        before[heading] = proposal.caption
    return before


def expected_after(proposal: Proposal) -> dict[str, str]:
    """What the 改め文 must leave in the provisions it touches: the unit's new text, and for an article rewritten as
    「削除」 its items and 見出し gone (empty): 法制執務 leaves a deleted article its number and 削除 alone. The last 項
    of an article cut (``cuts_last_paragraphs``) are gone, with their items."""
    if proposal.is_cut:
        return dict.fromkeys(expected_before(proposal), "")
    after = {proposal.label: proposal.new_text}
    if proposal.new_text == ARTICLE_DELETED:
        after.update(dict.fromkeys(expected_before(proposal), ""))
        after[proposal.label] = ARTICLE_DELETED
    return after


def caption_change(proposal: Proposal) -> tuple[str, str] | None:
    """The article's 見出し before and after, when the proposal amends it (see ``Proposal.new_caption``).

    Not when the unit's new text still holds what the 見出し change takes out (a reviewer put フレキシブルディスク
    back): the 見出し follows the text, so it stays as it is then."""
    if not (proposal.new_caption and proposal.new_caption != proposal.caption and caption_label(proposal.label)):
        return None
    if _kept_in_text(proposal):
        return None
    return proposal.caption, proposal.new_caption


def _kept_in_text(proposal: Proposal) -> list[str]:
    """The words the 見出し change takes out that the unit's text held and still holds after amendment."""
    removed = [
        proposal.caption[op.src_start : op.src_end]
        for op in Indel.opcodes(proposal.caption, proposal.new_caption)
        if op.tag in ("delete", "replace")
    ]
    return [w for w in removed if w and w in proposal.old_text and w in proposal.new_text]


def draft_proposal(proposal: Proposal) -> Proposal:
    """The proposal with ``aratame`` written and ``verified`` by the applier; ``note`` says why when it is not."""
    notes = [line for line in proposal.note.splitlines() if not line.startswith(NOTE_PREFIX)]
    if proposal.new_text == proposal.old_text:
        # A decision without a text change (contracts.md): no 改め文, nothing to verify, nothing to flag.
        return proposal.model_copy(update={"aratame": "", "verified": False, "note": "\n".join(notes)})
    before = expected_before(proposal)
    after = expected_after(proposal)
    caption = caption_change(proposal)
    if caption is not None:
        heading = caption_label(proposal.label)
        before[heading], after[heading] = caption
    elif proposal.new_caption and (kept := _kept_in_text(proposal)):
        notes.append(NOTE_PREFIX + f"見出しは改めていない（本文に「{'」「'.join(kept)}」が残るため）")
    try:
        aratame = generate(
            proposal.label,
            proposal.old_text,
            proposal.new_text,
            proposal.scope,
            proposal.numbering,
            caption,
            cut=proposal.is_cut,
        )
    except DraftFailure as err:
        notes.append(NOTE_PREFIX + str(err))
        return proposal.model_copy(update={"aratame": "", "verified": False, "note": "\n".join(notes)})
    reason = verify(aratame, before, after)
    if reason is not None:
        notes.append(NOTE_PREFIX + "検証に失敗: " + reason)
    return proposal.model_copy(update={"aratame": aratame, "verified": reason is None, "note": "\n".join(notes)})
