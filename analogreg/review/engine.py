"""The review app's calls into the drafting and amendment stages: re-draft an edited wording, list other templates.

Both run off the UI thread (the app calls them from thread workers), so they must not touch Textual. Each import is
done on first use: the review of an existing ``proposals.jsonl`` must open even where a stage fails to import, and
then says plainly what it cannot do instead of showing a stale 改め文 as if it were current.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analogreg.model import Law
from analogreg.records import Finding, Proposal
from analogreg.settings import Settings


@dataclass(frozen=True)
class Redraft:
    """The 改め文 of a wording and whether the independent applier reproduced the wording from it."""

    aratame: str
    verified: bool
    note: str = ""
    available: bool = True


def redraft(proposal: Proposal, new_text: str) -> Redraft:
    """Draft the 改め文 for ``new_text`` and verify it (draft.draft_proposal: generator, then applier)."""
    if new_text == proposal.old_text:
        return Redraft(aratame="", verified=False, note="no change: this wording leaves the provision as it is")
    try:
        from analogreg.draft import draft_proposal
    except ImportError as exc:
        return Redraft(aratame="", verified=False, note=f"改め文 not recomputed: {exc}", available=False)
    candidate = proposal.model_copy(update={"new_text": new_text, "aratame": "", "verified": False, "note": ""})
    try:
        drafted = draft_proposal(candidate)
    except Exception as exc:  # a drafting bug must not take the reviewer's session down with it
        return Redraft(aratame="", verified=False, note=f"drafting failed: {type(exc).__name__}: {exc}")
    return Redraft(aratame=drafted.aratame, verified=drafted.verified, note=drafted.note)


@dataclass(frozen=True)
class Alternative:
    """Another template's wording for the same finding."""

    template: str
    title: str
    new_text: str


# Template kinds that leave the text as it is: choosing one of them is what reject (r) records.
_NO_TEXT_KINDS = ("no_change", "manual")


def alternatives(
    proposal: Proposal,
    settings: Settings,
    law: Law | None,
    categories: list[str] | None = None,
    templates_dir: Path | None = None,
) -> tuple[list[Alternative], str]:
    """Every template that rewrites ``proposal``'s provision, each applied alone; and why there is none, if so.

    Each template of each category is tried on its own through ``amend.propose`` with a TemplateSet narrowed to
    it, so the wording is exactly what the amend stage would produce had it picked that template first.
    ``categories`` (the reviewer's, when changed) replace the finding's own.
    """
    if law is None:
        return [], "another template needs the source document, which was not found (see the context pane)"
    try:
        from analogreg.amend import propose
        from analogreg.ruleset.templates import TemplateSet, default_templates
    except ImportError as exc:
        return [], f"other templates are not available: {exc}"
    fields = set(Finding.model_fields)
    finding = Finding.model_validate(proposal.model_dump(include=fields))
    if categories:
        finding = finding.model_copy(update={"categories": list(categories)})
    try:
        templates = default_templates(templates_dir)
        found: list[Alternative] = []
        seen: set[str] = set()
        for category in finding.categories:
            for template in templates.by_category.get(category, []):
                if getattr(template, "kind", "") in _NO_TEXT_KINDS:
                    continue
                narrowed = TemplateSet(
                    by_category={**templates.by_category, category: [template]},
                    markers=templates.markers,
                    sources=templates.sources,
                )
                result = propose(finding, law, settings, templates=narrowed)
                if result is None or result.new_text == result.old_text or result.new_text in seen:
                    continue
                if template.id not in (result.template or "").split("+"):
                    continue
                seen.add(result.new_text)
                title = template.description.strip().splitlines()[0]
                chosen = result.template or template.id
                found.append(Alternative(template=chosen, title=title, new_text=result.new_text))
    except Exception as exc:  # see redraft
        return [], f"templates failed: {type(exc).__name__}: {exc}"
    return found, "" if found else "no template rewrites this provision"
