"""What goes into the bill: the proposals of an amend run and, once the review app recorded any, its decisions.

Before any decision exists every proposal is taken (the draft is then a first draft, marked unreviewed). Once one
exists, only accepted and edited proposals are taken (contracts.md), with the reviewer's or the picked template's
wording. A decision made on a provision whose text has changed since is held back for another look, not enacted
blindly; decisions whose finding is no longer among the proposals (orphans) are listed, never dropped.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from analogreg.errors import InputError
from analogreg.records import Proposal
from analogreg.review.state import DB_NAME, Decision, effective_text, load_decisions, stale_reason

PROPOSALS_NAME = "proposals.jsonl"


class ExportInput(BaseModel):
    """The proposals to draft from, and what the reviewer must hear about."""

    model_config = ConfigDict(frozen=True)

    proposals: list[Proposal]
    reviewed: bool
    skipped: int = 0
    stale: list[str] = []
    orphans: list[Decision] = []


def read_proposals(path: Path) -> list[Proposal]:
    """``proposals.jsonl``: one Proposal a line; a bad line is an InputError naming the file and line."""
    if not path.is_file():
        raise InputError(str(path), "no proposals file (run `analogreg amend` first)")
    proposals = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                proposals.append(Proposal.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as err:
                reason = str(err).splitlines()[0]
                raise InputError(str(path), f"not a proposal record: {reason}", number) from None
    return proposals


def load_export_input(directory: Path) -> ExportInput:
    """Read ``DIR/proposals.jsonl`` and, when present, ``DIR/review.sqlite``, and choose what to enact."""
    proposals = read_proposals(directory / PROPOSALS_NAME)
    db = directory / DB_NAME
    decisions = load_decisions(db) if db.is_file() else {}
    return select(proposals, decisions)


def select(proposals: list[Proposal], decisions: dict[str, Decision]) -> ExportInput:
    """The proposals to enact under ``decisions`` (see the module docstring)."""
    if not decisions:
        return ExportInput(proposals=proposals, reviewed=False)
    chosen: list[Proposal] = []
    stale: list[str] = []
    skipped = 0
    for proposal in proposals:
        decision = decisions.get(proposal.finding_id)
        if decision is None or not decision.exported:
            skipped += 1
            continue
        reason = stale_reason(proposal, decision)
        if reason is not None:
            stale.append(f"{proposal.doc} {proposal.label}: {reason}")
            continue
        wording = effective_text(proposal, decision)
        chosen.append(proposal if wording == proposal.new_text else proposal.model_copy(update={"new_text": wording}))
    known = {p.finding_id for p in proposals}
    orphans = [d for fid, d in sorted(decisions.items()) if fid not in known]
    return ExportInput(proposals=chosen, reviewed=True, skipped=skipped, stale=stale, orphans=orphans)
