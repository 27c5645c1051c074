"""One review session without Textual: the proposals of an output folder, its ReviewStore, and an in-memory
mirror of the decisions that the app reads to draw rows.

Every action goes to the store first (committed there) and only then changes the mirror, so what is on screen
is never ahead of what is on disk. Each action returns the finding_ids whose rows must be redrawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analogreg.categories import Category
from analogreg.records import Proposal
from analogreg.review.data import group_members, load_proposals, progress
from analogreg.review.engine import Redraft
from analogreg.review.state import Clock, Decision, DecisionChanged, ReviewStore, effective_text


class ActionRefused(Exception):
    """An action that cannot apply here (nothing to undo, no group); its text is shown to the reviewer."""


class ReviewSession:
    def __init__(self, out_dir: Path, proposals: list[Proposal], store: ReviewStore) -> None:
        self.out_dir = out_dir
        self.proposals = proposals
        self.by_id = {p.finding_id: p for p in proposals}
        self.store = store
        self.decisions: dict[str, Decision] = store.decisions()
        self.groups: dict[str, list[Proposal]] = {}
        for p in proposals:
            if p.group:
                self.groups.setdefault(p.group, []).append(p)
        # 改め文 and verification of wordings other than the proposal's, by (finding_id, wording).
        self.drafts: dict[tuple[str, str], Redraft] = {}
        self._seen_version = store.data_version()

    @classmethod
    def open(cls, out_dir: Path, reviewer: str | None = None, *, clock: Clock | None = None) -> ReviewSession:
        """Load ``out_dir/proposals.jsonl`` and open (or create) ``out_dir/review.sqlite``. Raises InputError."""
        proposals = load_proposals(out_dir)
        store = ReviewStore.for_dir(out_dir, reviewer, clock=clock)
        return cls(out_dir, proposals, store)

    def close(self) -> None:
        self.store.close()

    @property
    def reviewer(self) -> str:
        return self.store.reviewer

    # --- reading ---------------------------------------------------------------------------------------------

    def progress(self) -> tuple[int, int]:
        return progress(self.proposals, self.decisions)

    def orphans(self) -> list[Decision]:
        return [d for fid, d in sorted(self.decisions.items()) if fid not in self.by_id]

    def text_of(self, fid: str) -> str:
        return effective_text(self.by_id[fid], self.decisions.get(fid))

    def changes(self, fid: str) -> bool:
        """Whether the wording to enact changes the provision at all (a no-change proposal does not)."""
        return self.text_of(fid) != self.by_id[fid].old_text

    def verified(self, fid: str) -> bool | None:
        """Whether the 改め文 of the wording to enact is verified; None while a reviewer's wording is unchecked,
        and for a wording that changes nothing (there is no 改め文 to verify)."""
        p = self.by_id[fid]
        text = self.text_of(fid)
        if text == p.old_text:
            return None
        if text == p.new_text:
            return p.verified
        draft = self.drafts.get((fid, text))
        return draft.verified if draft is not None else None

    def draft_for(self, fid: str) -> Redraft | None:
        """The redraft of the wording to enact when it is not the proposal's own (None: not computed yet)."""
        text = self.text_of(fid)
        if text == self.by_id[fid].new_text:
            return None
        return self.drafts.get((fid, text))

    def group_size(self, fid: str) -> int:
        return len(self.groups.get(self.by_id[fid].group, []))

    def others_changes(self) -> list[str]:
        """Decisions other connections committed since last asked (several reviewers on one folder): reload the
        mirror and return the finding_ids whose decision changed. Costs one PRAGMA when nothing changed."""
        version = self.store.data_version()
        if version == self._seen_version:
            return []
        self._seen_version = version
        fresh = self.store.decisions()
        changed = [fid for fid in fresh.keys() | self.decisions.keys() if fresh.get(fid) != self.decisions.get(fid)]
        self.decisions = fresh
        return sorted(changed)

    # --- actions ---------------------------------------------------------------------------------------------

    def _keep(self, decisions: Sequence[Decision]) -> list[str]:
        for d in decisions:
            self.decisions[d.finding_id] = d
        return [d.finding_id for d in decisions]

    def accept(self, fid: str) -> list[str]:
        return self._keep([self.store.accept(self.by_id[fid])])

    def reject(self, fid: str) -> list[str]:
        return self._keep([self.store.reject(self.by_id[fid])])

    def edit(self, fid: str, new_text: str) -> list[str]:
        return self._keep([self.store.edit(self.by_id[fid], new_text)])

    def pick_template(self, fid: str, template: str, new_text: str) -> list[str]:
        return self._keep([self.store.pick_template(self.by_id[fid], template, new_text)])

    def set_categories(self, fid: str, categories: Sequence[Category]) -> list[str]:
        return self._keep([self.store.set_categories(self.by_id[fid], categories)])

    def set_note(self, fid: str, note: str) -> list[str]:
        return self._keep([self.store.set_note(self.by_id[fid], note)])

    def apply_last_to_group(self) -> tuple[list[str], str]:
        """``g``: spread this reviewer's last accept or reject over its group. Returns (changed ids, summary)."""
        last = self.store.last_decision()
        if last is None:
            raise ActionRefused("No decision to apply yet: accept or reject a finding first.")
        source = self.by_id.get(last.finding_id)
        if source is None:
            raise ActionRefused("The last decision is on a finding no longer among the proposals.")
        if last.status not in ("accepted", "rejected"):
            raise ActionRefused(
                f"The last decision ({source.label}) is {last.status}: an edited wording fits one provision only."
            )
        if last.status == "accepted" and last.template is not None:
            # The members' proposals are drafted with the tool's template: g would accept wordings nobody read
            # instead of the one picked here, which is what the reviewer means to spread.
            raise ActionRefused(
                f"The last decision ({source.label}) accepts the wording of template {last.template}; g would accept "
                "each similar clause's own wording, not that template's: pick it for each of them (t), then accept."
            )
        members = group_members(self.proposals, source.group)
        if len(members) < 2:
            raise ActionRefused(f"{source.law_title} {source.label} has no group of similar wording.")
        try:
            outcome = self.store.apply_to_group(last, members)
        except DecisionChanged as exc:
            raise ActionRefused(
                f"Your last decision ({source.law_title} {source.label}: {last.status}) is no longer in force: "
                f"{exc}. Decide it again, then press g."
            ) from exc
        changed = self._keep(outcome.written)
        summary = f"{last.status} applied to {len(outcome.written)} more finding(s) of group {source.group}"
        if outcome.decided:
            summary += f"; {len(outcome.decided)} already decided left as they were"
        if outcome.picked:
            summary += f"; {len(outcome.picked)} with another template picked left for you to decide"
        return changed, summary

    def undo(self) -> list[str]:
        restored = self.store.undo()
        if not restored:
            raise ActionRefused("Nothing to undo.")
        for fid, decision in restored:
            if decision is None:
                self.decisions.pop(fid, None)
            else:
                self.decisions[fid] = decision
        return [fid for fid, _ in restored]
