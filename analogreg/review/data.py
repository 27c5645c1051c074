"""What the review app shows, without Textual: the proposals of an output folder, filters, search, progress.

Kept apart from the widgets so that filtering thousands of rows is a plain function that tests (and the bench)
can call, and so that the app owns no domain state of its own: decisions live in :mod:`analogreg.review.state`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from analogreg.errors import InputError
from analogreg.records import Proposal
from analogreg.review.state import Decision, effective_categories, effective_text

PROPOSALS_NAME = "proposals.jsonl"

# The statuses a reviewer filters on. "unreviewed" is pending or no decision at all.
STATUS_FILTERS: tuple[str, ...] = ("unreviewed", "accepted", "edited", "rejected")


def status_of(decision: Decision | None) -> str:
    """The status shown in the table: a decision's status, or pending when there is none."""
    return decision.status if decision is not None else "pending"


def load_proposals(path: Path) -> list[Proposal]:
    """Read ``proposals.jsonl`` (or a folder holding it). Raises InputError naming the file and line.

    A bad line stops the load rather than being skipped: a proposal silently left out of the review is a clause
    nobody decided on. Duplicate finding_ids are an error for the same reason (one decision would cover two).
    """
    if path.is_dir():
        path = path / PROPOSALS_NAME
    if not path.is_file():
        raise InputError(str(path), "no proposals file (run `analogreg amend` first, or give PATH… --out DIR)")
    proposals: list[Proposal] = []
    seen: dict[str, int] = {}
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from exc
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    proposal = Proposal.model_validate_json(line)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    where = ".".join(str(p) for p in first["loc"]) or "line"
                    raise InputError(str(path), f"not a proposal: {where}: {first['msg']}", number) from None
                if proposal.finding_id in seen:
                    raise InputError(
                        str(path), f"finding_id {proposal.finding_id} repeats line {seen[proposal.finding_id]}", number
                    )
                seen[proposal.finding_id] = number
                proposals.append(proposal)
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"not UTF-8 ({exc.reason})") from None
    return proposals


@dataclass(frozen=True)
class Filters:
    """The table's filters; None / empty means "all"."""

    category: str | None = None
    status: str | None = None
    doc: str | None = None
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.category or self.status or self.doc or self.query)


def _haystack(proposal: Proposal, decision: Decision | None) -> str:
    parts = [
        proposal.law_title,
        proposal.label,
        proposal.caption,
        proposal.old_text,
        effective_text(proposal, decision),
    ]
    parts += [proposal.doc, proposal.finding_id, proposal.group, proposal.template or "", *proposal.rules]
    parts += proposal.cites
    if decision is not None:
        parts += [decision.note, decision.reviewer]
    return "\n".join(parts)


def matches(proposal: Proposal, decision: Decision | None, filters: Filters) -> bool:
    if filters.category and filters.category not in effective_categories(proposal, decision):
        return False
    if filters.status:
        status = status_of(decision)
        if filters.status == "unreviewed":
            if status != "pending":
                return False
        elif status != filters.status:
            return False
    if filters.doc and proposal.doc != filters.doc:
        return False
    if filters.query:
        haystack = _haystack(proposal, decision)
        # Every word must occur (full-width space separates words too).
        if not all(word in haystack for word in filters.query.replace("\u3000", " ").split()):
            return False
    return True


def filter_ids(proposals: Sequence[Proposal], decisions: dict[str, Decision], filters: Filters) -> list[str]:
    """finding_ids of the proposals that pass ``filters``, in file order."""
    if not filters.active:
        return [p.finding_id for p in proposals]
    return [p.finding_id for p in proposals if matches(p, decisions.get(p.finding_id), filters)]


def next_unreviewed(order: Sequence[str], decisions: dict[str, Decision], after: str | None) -> str | None:
    """The first unreviewed finding after ``after`` in ``order``, wrapping around; None when all are reviewed."""
    if not order:
        return None
    start = order.index(after) + 1 if after in order else 0
    for i in range(len(order)):
        fid = order[(start + i) % len(order)]
        decision = decisions.get(fid)
        if decision is None or not decision.reviewed:
            return fid
    return None


def progress(proposals: Iterable[Proposal], decisions: dict[str, Decision]) -> tuple[int, int]:
    """(reviewed, total) over the current proposals; orphaned decisions do not count."""
    total = 0
    done = 0
    for p in proposals:
        total += 1
        d = decisions.get(p.finding_id)
        if d is not None and d.reviewed:
            done += 1
    return done, total


def documents(proposals: Iterable[Proposal]) -> list[tuple[str, str]]:
    """(law_title, doc) of every document that has proposals, in first-seen order, for the ordinance filter."""
    seen: dict[str, str] = {}
    for p in proposals:
        seen.setdefault(p.doc, p.law_title)
    return [(title, doc) for doc, title in seen.items()]


def group_members(proposals: Iterable[Proposal], group: str) -> list[Proposal]:
    if not group:
        return []
    return [p for p in proposals if p.group == group]
