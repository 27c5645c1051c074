"""Run every template's examples through ``propose``, as a reviewer would check them.

An example is a real sentence put into a one-provision ordinance with a finding of the template's category at
its ``matched`` wording. It passes when the proposal comes from that template, gives exactly the expected new
wording, changes nothing but the inserted (or, for FD等, the replaced) phrase, and proposing again on the new
wording changes nothing. A counterexample passes when the template is not the one used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analogreg.amend import propose
from analogreg.amend.check import grammar_problems, kept_outside, replaceable_words
from analogreg.model import Article, Law, Paragraph, Sentence, finalize
from analogreg.records import Finding, finding_id
from analogreg.ruleset.templates import BaseTemplate, Counterexample, Example, TemplateSet
from analogreg.settings import Settings, load_settings


@dataclass
class CheckResult:
    """One example or counterexample: where it is, and what went wrong (nothing when it passed)."""

    template: str
    index: int
    kind: str  # "example" | "counterexample"
    problems: list[str] = field(default_factory=list)
    new_text: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def example_law(text: str, *, national: bool = False) -> Law:
    """A one-article, one-paragraph 条例 holding ``text`` (a 法律 when ``national``): the smallest place a template
    can act in."""
    law = Law(
        title="例示法" if national else "例示条例",
        kind="法律" if national else "条例",
        numbering="arabic",
        body=[Article(num="1", title="第1条", paragraphs=[Paragraph(num="1", sentences=[Sentence(text=text)])])],
    )
    return finalize(law)


def example_finding(law: Law, category: str, matched: str | None) -> Finding:
    """The finding a classifier would report on the law's one provision, at ``matched`` (or anywhere)."""
    unit = next(law.units())
    text = unit.text
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    if matched is not None:
        start = text.index(matched)
        spans, words = [(start, start + len(matched))], [matched]
    loc = unit.location
    return Finding(
        finding_id=finding_id("example", unit.label, [category], words),
        doc="example",
        law_title=law.title,
        law_kind=law.kind,
        numbering=law.numbering,
        article=loc.article,
        paragraph=loc.paragraph,
        label=unit.label,
        categories=[category],  # type: ignore[list-item]
        rules=["example"],
        matched=words,
        spans=spans,
        text=text,
    )


def _settings(base: Settings, overrides: dict) -> Settings:
    return Settings.model_validate(base.model_dump() | overrides) if overrides else base


def _used(proposal, template_id: str) -> bool:
    return proposal is not None and template_id in (proposal.template or "").split("+")


def check_example(
    templates: TemplateSet, category: str, template: BaseTemplate, index: int, example: Example, base: Settings
) -> CheckResult:
    result = CheckResult(template.id, index, "example")
    settings = _settings(base, example.settings)
    national = template.statutes == "national"  # a template for local 例規 (or any) is shown on a 条例
    law = example_law(example.before, national=national)
    finding = example_finding(law, category, example.matched)
    proposal = propose(finding, law, settings, templates=templates, defined_earlier=example.term_defined_earlier)
    if not _used(proposal, template.id):
        used = proposal.template if proposal is not None else "nothing (already digital)"
        note = f" — {proposal.note}" if proposal is not None else ""
        result.problems.append(f"the proposal comes from {used}, not from {template.id}{note}")
        return result
    assert proposal is not None
    result.new_text = proposal.new_text
    expected = example.after if example.after is not None else example.before
    if proposal.new_text != expected:
        result.problems.append(f"new wording differs:\n  expected {expected}\n  got      {proposal.new_text}")
    result.problems.extend(kept_outside(example.before, proposal.new_text, replaceable=replaceable_words([category])))
    result.problems.extend(grammar_problems(example.before, proposal.new_text))
    again_law = example_law(proposal.new_text, national=national)
    again = propose(
        example_finding(again_law, category, None), again_law, settings, templates=templates, defined_earlier=True
    )
    if again is not None and again.new_text != again.old_text:
        result.problems.append(f"not idempotent: proposing again gives {again.new_text}")
    return result


def check_counterexample(
    templates: TemplateSet, category: str, template: BaseTemplate, index: int, counter: Counterexample, base: Settings
) -> CheckResult:
    result = CheckResult(template.id, index, "counterexample")
    law = example_law(counter.text, national=template.statutes == "national")
    proposal = propose(example_finding(law, category, counter.matched), law, base, templates=templates)
    if _used(proposal, template.id):
        assert proposal is not None
        result.problems.append(f"{template.id} applied where it must not ({counter.reason}): {proposal.new_text}")
    elif counter.told and (proposal is None or counter.told not in proposal.note):
        note = proposal.note if proposal is not None else "no proposal"
        result.problems.append(f"the drafter is not told {counter.told!r}: {note}")
    return result


def check_templates(templates: TemplateSet, settings: Settings | None = None) -> list[CheckResult]:
    """Every example and counterexample of every template."""
    base = settings or load_settings()
    results: list[CheckResult] = []
    for category, items in templates.by_category.items():
        for template in items:
            for i, example in enumerate(template.examples):
                results.append(check_example(templates, category, template, i, example, base))
            for i, counter in enumerate(template.must_not_apply):
                results.append(check_counterexample(templates, category, template, i, counter, base))
    return results
