"""The detail panes: the provision in context, and the proposal (diff, 改め文, verification, why, decision).

Everything here is wrapped text in scrolling panes: long Japanese sentences wrap at the pane's width, and no
layout depends on the width of a character terminals disagree on. Section titles are plain reversed words.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from analogreg.records import Proposal
from analogreg.review.context import ProvisionContext
from analogreg.review.engine import Redraft
from analogreg.review.explain import Explainer, category_definition
from analogreg.review.state import Decision, HistoryEntry, effective_categories, effective_text, stale_reason
from analogreg.review.widgets.diff import diff_text
from analogreg.review.widgets.text_pane import TextPane

MATCH_STYLE = "bold black on yellow"
TARGET_STYLE = "bold"


def section(title: str) -> Text:
    return Text(f" {title} ", style="reverse bold")


def highlighted(text: str, spans: tuple[tuple[int, int], ...] | list, base: str = "") -> Text:
    out = Text(text, style=base)
    for start, end in spans:
        if 0 <= start < end <= len(text):
            out.stylize(MATCH_STYLE, start, end)
    return out


def _shown_path(path: Path) -> str:
    """A source path as the reviewer would type it: relative to the current directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def render_context(ctx: ProvisionContext) -> Text:
    out = Text()
    out.append_text(section("Context"))
    out.append(" ")
    out.append(_shown_path(ctx.source) if ctx.source else "provision only", style="dim")
    out.append("\n")
    if ctx.problem:
        out.append(f"({ctx.problem})\n", style="yellow")
    if ctx.heading:
        out.append(ctx.heading + "\n", style="bold")
    if ctx.omitted_before:
        out.append(f"  ({ctx.omitted_before} earlier unit(s) of this article not shown)\n", style="dim")
    for line in ctx.lines:
        if line.caption:
            out.append(f"  {line.caption}\n", style="dim")
        indent = "  " * line.depth
        number = f"{line.number}\u3000" if line.number else ""
        style = TARGET_STYLE if line.target else "dim"
        out.append(indent)
        out.append(">" if line.target else " ", style="bold yellow")
        out.append(number, style=style)
        out.append_text(highlighted(line.text, line.spans, style))
        out.append("\n")
    if ctx.omitted_after:
        out.append(f"  ({ctx.omitted_after} later unit(s) of this article not shown)\n", style="dim")
    return out


def _verification(draft: Redraft | None, p: Proposal, edited: bool) -> tuple[str, Text]:
    """The 改め文 to show and its verification line."""
    if edited and draft is None:
        return "", Text("recomputing...", style="dim")
    aratame = draft.aratame if draft is not None else p.aratame
    verified = draft.verified if draft is not None else p.verified
    note = draft.note if draft is not None else ("see the tool's note below" if p.note else "")
    if draft is not None and not draft.available:
        return "", Text(f"NOT VERIFIED: {note}", style="bold red")
    line = (
        Text("verified: the applier reproduces the new wording", style="bold green")
        if verified
        else Text("NOT VERIFIED" + (f": {note}" if note else ""), style="bold red")
    )
    return aratame, line


def render_proposal(
    p: Proposal,
    decision: Decision | None,
    draft: Redraft | None,
    explainer: Explainer | None,
    history: list[HistoryEntry],
    group_size: int,
) -> Text:
    out = Text()
    title = f"{p.law_title}{'（' + p.law_num + '）' if p.law_num else ''}"
    out.append(title + "\n", style="bold")
    out.append(f"{p.label} {p.caption}\n", style="bold")
    status = decision.status if decision is not None else "pending"
    out.append(f"status: {status}", style="bold")
    if decision is not None:
        out.append(f"  by {decision.reviewer} at {decision.decided_at.isoformat(sep=' ')}")
    out.append("\n")
    stale = stale_reason(p, decision) if decision is not None else None
    if stale:
        out.append(f"CHECK AGAIN: {stale}\n", style="bold yellow")
    cats = effective_categories(p, decision)
    out.append("categories: " + "・".join(cats))
    if decision is not None and decision.categories is not None:
        out.append("  (changed by reviewer; proposed: " + "・".join(p.categories) + ")", style="cyan")
    out.append("\n")
    template = decision.template if decision is not None and decision.template else p.template
    out.append(f"template: {template or '-'}")
    if p.group and group_size > 1:
        out.append(f"   group: {p.group} ({group_size} findings of similar wording)")
    else:
        out.append("   group: none (no other finding of similar wording)")
    out.append("\n\n")

    edited = decision is not None and decision.new_text is not None
    new_text = effective_text(p, decision)
    heading = "Proposal (reviewer's wording)" if decision is not None and decision.status == "edited" else "Proposal"
    out.append_text(section(heading))
    out.append("\n")
    if new_text != p.old_text:
        out.append_text(diff_text(p.old_text, new_text))
        out.append("\n\n")
        aratame, verification = _verification(draft, p, edited)
        out.append_text(section("改め文"))
        out.append(" ")
        out.append_text(verification)
        out.append("\n")
        out.append((aratame or "-") + "\n\n")
    else:
        # A decision without a text change (contracts: etsuran.covered, or a clause for manual drafting).
        out.append("No text change proposed", style="bold yellow")
        out.append(" (press e to draft a wording by hand)\n" if not edited else "\n")
        out.append(p.old_text + "\n\n", style="dim")
    if p.note and not edited:
        out.append_text(section("Tool's note"))
        out.append("\n" + p.note + "\n\n")

    out.append_text(section("Why"))
    out.append("\n")
    for rule_id in p.rules:
        info = explainer.rule(rule_id) if explainer is not None else None
        out.append(f"rule {rule_id}", style="bold")
        if info is None:
            reason = explainer.problem if explainer is not None and explainer.problem else None
            out.append(f" (not in the current rules folder{': ' + reason if reason else ''})\n", style="yellow")
            continue
        out.append(f"  [{info.category}] {info.source}\n", style="dim")
        out.append(f"  {info.description}\n")
    for cat, probability in p.opinion.items():
        out.append(f"second opinion {cat} {probability:.2f}", style="bold")
        out.append("  no rule found this category; the learned model did (no matched wording: read the whole text)\n")
    out.append("matched: " + "、".join(f"「{m}」" for m in p.matched) + "\n")
    for cat in cats:
        out.append(f"{cat}: ", style="bold")
        out.append(category_definition(cat) + "\n")
    if p.already_digital:
        out.append("already offers a digital way (already_digital)\n", style="yellow")
    if p.cites:
        # 根拠法令 to check before amending (domain-and-drafting d.7).
        out.append("cites: ", style="bold")
        out.append("、".join(p.cites) + "  (a duty another statute sets may not be this one's to change)\n")
    if p.basis:
        out.append("made under: ", style="bold")
        out.append("、".join(p.basis) + "  (the 例規's 根拠規定, its first article)\n")

    if decision is not None and decision.note:
        out.append("\n")
        out.append_text(section("Note"))
        out.append("\n" + decision.note + "\n")
    if history:
        out.append("\n")
        out.append_text(section("History"))
        out.append("\n")
        for h in history[-6:]:
            after = h.after.status if h.after is not None else "(none)"
            undone = "  (undone)" if h.undone_by is not None else ""
            out.append(f"{h.at.isoformat(sep=' ')}  {h.reviewer}  {h.action} -> {after}{undone}\n", style="dim")
    return out


class ContextPane(TextPane):
    """The provision with its article's 見出し and neighbouring units; the matched wording highlighted."""

    def show(self, content: Text) -> None:
        self.update(content)


class ProposalPane(TextPane):
    """What the tool proposes and why, and what has been decided."""

    def show(self, content: Text, *, keep_scroll: bool = False) -> None:
        self.update(content, keep_scroll=keep_scroll)
