"""New wording per finding: the category's templates tried in order, grammar-aware insertion, FD等 terms.

``propose(finding, law, settings)`` returns a Proposal (no 改め文 yet; ``draft`` adds it) or None when there is
nothing to propose: every category of the finding already allows a digital way. A Proposal whose ``new_text``
equals ``old_text`` is a decision without a text change, and its ``note`` says which: ``etsuran.covered``
(往訪閲覧・縦覧 covered by the municipality's online ordinance) or a clause flagged for manual drafting (the
template that recognised it, or ``manual`` when none fits). Proposing on a proposal's ``new_text`` changes nothing.

``propose_law`` handles the findings of one ordinance together, so that the 電磁的記録媒体 definition goes to
the first amended use in document order and later uses get the bare term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analogreg.amend.fd import FdState, apply_medium, defines_record, defines_term, media_runs, renamed_caption
from analogreg.amend.insert import (
    Edit,
    Outcome,
    Unit,
    apply_alternative,
    apply_edits,
    apply_insert,
    apply_without_text,
    overlaps,
)
from analogreg.amend.spec import delete_spec_articles, next_articles
from analogreg.categories import CATEGORIES
from analogreg.lawnum import made_nationally
from analogreg.model import Item, Law, Paragraph, ProvisionUnit
from analogreg.records import Finding, Proposal
from analogreg.ruleset.templates import (
    AlternativeTemplate,
    InsertTemplate,
    ManualTemplate,
    MediumTemplate,
    NoChangeTemplate,
    TemplateSet,
    default_templates,
    fill,
)
from analogreg.settings import Settings

MANUAL = "manual"
# Said when no template of a category applies and its file gives no fallback_note (every bundled file does).
NO_TEMPLATE = "この類型の定型に当てはまる語句・述語の形が見つからない"
OPINION_NOTE = (
    "要手動起案：規則に当たる語句はなく、学習モデル（第二意見）がこの類型と判定した条項。"
    "条文を読み、該当するときは個別に起案すること"
)
SUPPL = "suppl.amending_act"
DIGITAL_WORDING_NOTE = (
    "要手動起案：同じ文が既に電磁的記録・電子計算機等の語に触れているため、定型は当てていない。走査はこの条項を書面・"
    "来庁による行為として検出した：デジタルの方法が同等に認められているかを確認し、認められていなければ個別に起案すること。"
)


def suppl_note(word: str = "附則") -> str:
    """The note on a clause of an amending act's 附則, named as the 例規 prints it (附則, or 付則 in many 規程)."""
    return (
        f"要手動起案：改正法令の{word}（経過措置等）であり、定型による改正はしない。現に効力を有する規定かどうかを確認し、"
        "改める必要があれば個別に起案すること。"
    )


__all__ = ["DIGITAL_WORDING_NOTE", "MANUAL", "SUPPL", "propose", "propose_law", "suppl_note", "unit_scope"]


@dataclass
class _Decision:
    category: str
    template: str | None
    outcome: Outcome
    note: str


def propose(
    finding: Finding,
    law: Law,
    settings: Settings,
    *,
    templates: TemplateSet | None = None,
    defined_earlier: bool | None = None,
) -> Proposal | None:
    """The proposal for one finding.

    FD等 needs to know what earlier units of the ordinance say (whether one carries the 電磁的記録媒体
    definition, which terms like 「磁気ディスク等」 were renamed): they are decided again here, as propose_law
    decides them; ``defined_earlier`` overrides the first. The pipeline uses propose_law, which does it once. An
    article rewritten as 削除 (amend/spec.py) is decided over the proposals of the whole law, by propose_law only:
    here its unit gets its own decision.
    """
    templates = templates or default_templates()
    index = _LawIndex(law)
    position = index.position(finding)
    state = _fd_state_before(index, position, settings, templates) if "FD等" in finding.categories else FdState()
    if defined_earlier is not None:
        state = replace(state, defined=defined_earlier)
    proposal, _ = _propose(finding, index, position, settings, templates, state)
    return proposal


def _fd_state_before(index: _LawIndex, position: int, settings: Settings, templates: TemplateSet) -> FdState:
    """The FD等 state at ``position`` as propose_law would reach it: every earlier unit that names a medium and
    that the rules do not find already digital is decided in document order (FD等 templates only)."""
    from analogreg.classify import analyze
    from analogreg.ruleset.load import default_ruleset

    medium = _medium_template(templates)
    if medium is None:
        return FdState()
    state = FdState(defined=any(defines_term(medium, t) for t in index.texts))
    ruleset = default_ruleset()
    for earlier in range(min(position, len(index.texts))):
        text = index.texts[earlier]
        if not media_runs(medium, text):
            continue
        hits = [h for h in analyze(text, ruleset).hits if h.category == "FD等"]
        if not hits or all(h.digital for h in hits):
            continue
        unit = Unit.of(
            text,
            [(h.begin, h.end) for h in hits],
            settings,
            templates.markers.get("FD等", []),
            half_width_parens=index.half_width_parens,
        )
        record = replace(state, record_defined=defines_record(medium, index.texts[: earlier + 1]))
        decision = _decide("FD等", unit, templates, record)
        if decision.outcome.status == "amended":
            state = FdState(
                defined=state.defined or decision.outcome.used_definition,
                renamed_terms=state.renamed_terms | frozenset(decision.outcome.defined_terms),
            )
    return state


def propose_law(
    findings: Sequence[Finding], law: Law, settings: Settings, *, templates: TemplateSet | None = None
) -> list[Proposal | None]:
    """Proposals for the findings of one ordinance, aligned with ``findings``. They are made in document order,
    so that the 電磁的記録媒体 definition goes to the first amended use (法制執務: 定義は初出に置き「以下同じ。」)
    and a defined term holding a medium is renamed only where its own definition was renamed."""
    templates = templates or default_templates()
    index = _LawIndex(law)
    medium = _medium_template(templates)
    state = FdState(defined=medium is not None and any(defines_term(medium, t) for t in index.texts))
    order = sorted(range(len(findings)), key=lambda i: index.position(findings[i]))
    results: list[Proposal | None] = [None] * len(findings)
    captioned: set[tuple] = set()  # articles whose 見出し a proposal already renames
    for i in order:
        proposal, outcome = _propose(findings[i], index, index.position(findings[i]), settings, templates, state)
        if outcome is not None:
            state = FdState(
                defined=state.defined or outcome.used_definition,
                renamed_terms=state.renamed_terms | frozenset(outcome.defined_terms),
            )
            if proposal is not None and medium is not None:
                proposal = _with_caption(proposal, medium, captioned)
        results[i] = proposal
    if settings.fd_spec_articles == "delete":
        results = delete_spec_articles(results, law)
    return _with_next_articles(results, law)


def _with_next_articles(results: list[Proposal | None], law: Law) -> list[Proposal | None]:
    """Every proposal that cites a whole article (one of a single 項) knows the article right after it, as FD等's
    own deletions do: a reviewer who rewrites two such articles in a row as 削除 then gets them drafted as one
    (法制執務: 「第5条及び第6条を次のように改める。」 + 「第5条及び第6条　削除」), not as two sentences."""
    following = next_articles(law)
    after = {article.label: following[id(article)].label for article in law.all_articles() if id(article) in following}
    return [
        p.model_copy(update={"next_article": after[p.label]})
        if p is not None and not p.next_article and p.label in after
        else p
        for p in results
    ]


def _with_caption(proposal: Proposal, medium: MediumTemplate, captioned: set[tuple]) -> Proposal:
    """The first unit of an article whose media were renamed also renames them in the article's 見出し, once."""
    article = (proposal.part, proposal.suppl, proposal.article)
    new_caption = renamed_caption(medium, proposal.caption) if proposal.article else ""
    if not new_caption or article in captioned:
        return proposal
    captioned.add(article)
    line = f"見出し：{proposal.caption}を{new_caption}に改める（媒体名に合わせて）"
    note = f"{proposal.note}\n{line}" if proposal.note else line
    return proposal.model_copy(update={"new_caption": new_caption, "note": note})


def _medium_template(templates: TemplateSet) -> MediumTemplate | None:
    return next((t for t in templates.by_category.get("FD等", []) if isinstance(t, MediumTemplate)), None)


def _propose(
    finding: Finding,
    index: _LawIndex,
    position: int,
    settings: Settings,
    templates: TemplateSet,
    state: FdState,
) -> tuple[Proposal | None, Outcome | None]:
    """The proposal, and the FD等 outcome when the medium template amended the unit (for the law's FD state)."""
    if finding.part == "suppl" and finding.suppl:
        # 法制執務: the 附則 of an amending act (経過措置 and the like) is not rewritten by a later 整備条例; what
        # is still in force is amended through the 本則 it refers to.
        # Named as the 例規 prints it (法制執務: cite as printed): a 規程 whose 付則 is cited 付則（…）第2条.
        word = "付則" if finding.label.startswith("付則") else "附則"
        decision = _Decision(word, SUPPL, Outcome("manual"), suppl_note(word))
        return _assemble(finding, index.unit(position), [decision])[0], None
    node = index.unit(position)
    context = "\n".join(index.ancestors(position) + list(unit_scope(node).values())) if node else ""
    base = Unit.of(
        finding.text,
        finding.spans,
        settings,
        context=context,
        article=index.article_text(position),
        half_width_parens=index.half_width_parens,
        national=index.national,
    )
    decisions: list[_Decision] = []
    for category in (c for c in CATEGORIES if c in finding.categories):
        if category in finding.opinion:
            # Only the learned second opinion found this category: there is no matched wording for a template to
            # rewrite, so the clause is drafted by hand.
            decisions.append(_Decision(category, None, Outcome("manual", reasons=[OPINION_NOTE]), OPINION_NOTE))
            continue
        unit = replace(base, markers=templates.markers.get(category, []))
        fd_state = state
        if category == "FD等":
            medium = _medium_template(templates)
            if medium is not None:
                record = defines_record(medium, [*index.texts[:position], finding.text])
                fd_state = replace(state, record_defined=record)
        decisions.append(_decide(category, unit, templates, fd_state))
    proposal, applied = _assemble(finding, node, decisions)
    fd_outcome = next((d.outcome for d in decisions if d.category == "FD等" and d.category in applied), None)
    return proposal, fd_outcome


def _decide(category: str, unit: Unit, templates: TemplateSet, fd_state: FdState) -> _Decision:
    """The first template of the category that applies, or a manual flag with every reason found on the way."""
    reasons: list[str] = []
    for template in templates.by_category.get(category, []):
        if not template.applies_under(unit.settings) or not template.applies_to(national=unit.national):
            continue
        if isinstance(template, AlternativeTemplate):
            outcome = apply_alternative(template, unit)
        elif isinstance(template, InsertTemplate):
            outcome = apply_insert(template, unit)
        elif isinstance(template, MediumTemplate):
            outcome = apply_medium(template, unit, fd_state)
        else:
            assert isinstance(template, NoChangeTemplate | ManualTemplate)
            outcome = apply_without_text(template, unit)
        if outcome.status == "not_applicable":
            reasons.extend(r for r in outcome.reasons if r not in reasons)
            continue
        if outcome.status in ("manual", "no_change"):
            note = "；".join(outcome.reasons)
            if outcome.status == "manual" and reasons:
                # What an earlier template found is not lost when a later one only flags the clause.
                note += "（定型を当てなかった理由：" + "；".join(reasons) + "）"
        else:
            note = fill(template.note, unit.settings)
        if outcome.status == "amended" and outcome.reasons:
            note += "（ただし、次の箇所は改めていない：" + "；".join(outcome.reasons) + "）"
        if outcome.remarks:
            note += "（" + "；".join(outcome.remarks) + "）"
        return _Decision(category, template.id, outcome, note)
    # No template applies: the reasons found on the way, or the category's own word to the drafter.
    why = "；".join(reasons) if reasons else fill(templates.fallback_notes.get(category, NO_TEMPLATE), unit.settings)
    return _Decision(category, None, Outcome("manual", reasons=[why]), f"要手動起案：{why}")


def _assemble(
    finding: Finding, node: ProvisionUnit | None, decisions: list[_Decision]
) -> tuple[Proposal | None, set[str]]:
    """One proposal from every category's decision; also the categories whose edits went into ``new_text``."""
    live = [d for d in decisions if d.outcome.status != "already_digital"]
    applied: set[str] = set()
    if not live and decisions:
        # The templates see digital wording in the sentence (電磁的記録 …) where the scan's markers saw none: the scan
        # reports the clause as analog, so the reviewer must get a proposal for it, never a silent gap.
        live = [
            _Decision(d.category, None, Outcome("manual", reasons=[DIGITAL_WORDING_NOTE]), DIGITAL_WORDING_NOTE)
            for d in decisions
        ]
    if not live:
        return None, applied
    edits: list[Edit] = []
    used: list[str] = []
    notes: list[str] = []
    for decision in live:
        outcome = decision.outcome
        label = f"{decision.category}（{decision.template or MANUAL}）"
        if outcome.status == "amended":
            if any(overlaps(e, x) for e in outcome.edits for x in edits):
                used.append(MANUAL)
                notes.append(f"{label}：他の類型の改正箇所と重なるため適用していない。個別に起案すること。")
                continue
            edits.extend(outcome.edits)
            applied.add(decision.category)
        elif outcome.status == "manual" and not decision.note.startswith("要手動起案"):
            decision.note = f"要手動起案：{decision.note}"
        used.append(decision.template or MANUAL)
        notes.append(f"{label}：{decision.note}")
    new_text = apply_edits(finding.text, edits)
    template_ids = list(dict.fromkeys(used))
    proposal = Proposal(
        **finding.model_dump(),
        template="+".join(template_ids),
        old_text=finding.text,
        new_text=new_text,
        note="\n".join(notes),
        scope=unit_scope(node) if node is not None else {},
    )
    return proposal, applied


# --- where a finding sits in its law ----------------------------------------------------------------------


def _finding_key(finding: Finding) -> tuple:
    return (
        finding.part,
        finding.suppl or "",
        finding.article or "",
        finding.paragraph or "",
        finding.item or "",
        tuple(finding.subitems),
    )


def _article_key(unit: ProvisionUnit) -> tuple:
    loc = unit.location
    return (loc.part, loc.suppl or "", loc.article or "")


def _unit_key(unit: ProvisionUnit) -> tuple:
    loc = unit.location
    return (loc.part, loc.suppl or "", loc.article or "", loc.paragraph or "", loc.item or "", tuple(loc.subitems))


class _LawIndex:
    """The law's provision units in document order, found by a finding's location."""

    def __init__(self, law: Law) -> None:
        self.units = list(law.units())
        self.texts = [u.text for u in self.units]
        # 横書き 例規 often write ( ) where statutes write （ ）; inserted text follows the document.
        half = sum(t.count("(") for t in self.texts)
        self.half_width_parens = half > sum(t.count("（") for t in self.texts)
        self.national = made_nationally(law.kind, law.law_num)
        self._by_key: dict[tuple, int] = {}
        for i, unit in enumerate(self.units):
            self._by_key.setdefault(_unit_key(unit), i)
        self._articles: dict[tuple, str] | None = None
        self._parent: dict[int, int] = {}
        for i, unit in enumerate(self.units):
            for child in _children(unit.node):
                self._parent[id(child)] = i

    def position(self, finding: Finding) -> int:
        """The finding's place in document order (past the end when the law has no such unit)."""
        return self._by_key.get(_finding_key(finding), len(self.units))

    def unit(self, position: int) -> ProvisionUnit | None:
        return self.units[position] if position < len(self.units) else None

    def article_text(self, position: int) -> str:
        """Every unit of the article holding the unit, a line each ("" for a unit outside any article)."""
        node = self.unit(position)
        if node is None or node.location.article is None:
            return ""
        key = _article_key(node)
        if self._articles is None:
            grouped: dict[tuple, list[str]] = {}
            for unit, text in zip(self.units, self.texts, strict=True):
                grouped.setdefault(_article_key(unit), []).append(text)
            self._articles = {k: "\n".join(v) for k, v in grouped.items()}
        return self._articles.get(key, "")

    def ancestors(self, position: int) -> list[str]:
        """Texts of the paragraph (柱書) and items that hold the unit, outermost first."""
        out: list[str] = []
        node = self.unit(position)
        while node is not None and id(node.node) in self._parent:
            parent = self._parent[id(node.node)]
            out.insert(0, self.texts[parent])
            node = self.units[parent]
        return out


def _children(node: Paragraph | Item) -> list[Item]:
    return list(node.items) if isinstance(node, Paragraph) else list(node.children)


def unit_scope(unit: ProvisionUnit | None) -> dict[str, str]:
    """label → text of every unit inside the cited provision (the items of a paragraph, the 細目 of an item)."""
    scope: dict[str, str] = {}
    if unit is None:
        return scope

    def visit(items: list[Item]) -> None:
        for item in items:
            scope[item.label] = item.text
            visit(item.children)

    visit(_children(unit.node))
    return scope
