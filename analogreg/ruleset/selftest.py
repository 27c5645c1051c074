"""Run every example embedded in the rule files: rules, shared exclusions and already-digital markers, and the
lemma variants' examples (rules/lexicon/).

A rule's ``match`` example must give a kept hit of that rule with exactly the expected wording; a ``no_match``
example must give none. Examples run through the whole classifier (prefilter, exclusions, markers), so a rule
example also proves that the prefilter lets its wording through and that no exclusion eats it. The sentence that
holds a match example's hit must also be one the scan reads for that rule: it holds one of the rule's keywords and
what its sentence must hold (the rules language's contract, rules/README.md), which the traced run does not test.
A lemma variant's example must hold a word to which Sudachi gives that spelling as its lemma: the entry is needed
only if it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analogreg.classify import UnitAnalysis, analyze, sentences_read
from analogreg.ruleset.lexicon import Lexicon
from analogreg.ruleset.load import Ruleset
from analogreg.ruleset.matcher import Hit
from analogreg.ruleset.schema import PlainExample, RuleFile
from analogreg.ruleset.yamlload import line_of, load_yaml, validate
from analogreg.tokenize import tokenize


@dataclass(frozen=True)
class Example:
    """One embedded example, where it is written, and what it must show."""

    owner: str  # rule / exclusion / marker id, or lexicon:<lemma>
    kind: str  # match | no_match | trigger | pass | digital | analog | spelling
    index: int
    path: str
    line: int | None
    text: str
    caption: str
    context: str
    span: str | None = None
    paragraph: str = ""

    @property
    def test_id(self) -> str:
        return f"{self.owner}:{self.kind}{self.index}"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Failure:
    example: Example
    message: str

    def __str__(self) -> str:
        return f"{self.example.where}: {self.example.owner} {self.example.kind}[{self.example.index}]: {self.message}"


def iter_examples(ruleset: Ruleset) -> Iterator[Example]:
    """Every example of every rule file of the ruleset, then of its lemma variants, with its file and line."""
    for path in ruleset.files:
        data, _ = load_yaml(path)
        model, _ = validate(RuleFile, data, path)
        if not isinstance(model, RuleFile):
            continue
        for i, rule in enumerate(model.rules):
            for j, ex in enumerate(rule.examples.match):
                line = line_of(data, ["rules", i, "examples", "match", j])
                yield Example(
                    rule.id, "match", j, str(path), line, ex.text, ex.caption, ex.context, ex.span, ex.paragraph
                )
            for j, ex in enumerate(rule.examples.no_match):
                yield _plain(rule.id, "no_match", j, path, line_of(data, ["rules", i, "examples", "no_match", j]), ex)
        for i, exc in enumerate(model.exclusions):
            for j, ex in enumerate(exc.examples.triggers):
                yield _plain(
                    exc.id, "trigger", j, path, line_of(data, ["exclusions", i, "examples", "triggers", j]), ex
                )
            for j, ex in enumerate(exc.examples.passes):
                yield _plain(exc.id, "pass", j, path, line_of(data, ["exclusions", i, "examples", "passes", j]), ex)
        for i, marker in enumerate(model.digital):
            for j, ex in enumerate(marker.examples.digital):
                yield _plain(marker.id, "digital", j, path, line_of(data, ["digital", i, "examples", "digital", j]), ex)
            for j, ex in enumerate(marker.examples.analog):
                yield _plain(marker.id, "analog", j, path, line_of(data, ["digital", i, "examples", "analog", j]), ex)

    if ruleset.lexicon_file is not None:
        yield from _lexicon_examples(ruleset.lexicon_file)


def _lexicon_examples(path: Path) -> Iterator[Example]:
    data, _ = load_yaml(path)
    model, _ = validate(Lexicon, data or {}, path)
    if not isinstance(model, Lexicon):
        return
    for i, variant in enumerate(model.variants):
        for j, ex in enumerate(variant.examples):
            line = line_of(data, ["variants", i, "examples", j])
            yield Example(f"lexicon:{variant.lemma}", "spelling", j, str(path), line, ex.text, "", "", ex.spelling)


def _plain(owner: str, kind: str, index: int, path: Path, line: int | None, ex: PlainExample) -> Example:
    return Example(owner, kind, index, str(path), line, ex.text, ex.caption, ex.context, paragraph=ex.paragraph)


def check_example(example: Example, ruleset: Ruleset) -> str | None:
    """None if the example holds, else why not."""
    if example.kind == "spelling":
        lemmas = [t.lemma for t in tokenize(example.text)]
        return None if example.span in lemmas else f"Sudachi gives no word the lemma {example.span!r} here"
    result = analyze(
        example.text,
        ruleset,
        caption=example.caption,
        ancestors=example.context,
        paragraph=example.paragraph,
        trace=True,
    )
    owner = example.owner
    own_hits = [h for h in result.hits if h.rule == owner]
    if example.kind == "match":
        if hit := next((h for h in own_hits if h.wording == example.span), None):
            if _scan_reads(example.text, hit, ruleset):
                return None
            return "the scan would not read the matched sentence (it lacks the rule's keywords or a sentence condition)"
        if result.prefiltered_out:
            return "the prefilter drops this text (add a keyword)"
        if own_hits:
            return f"matched {[h.wording for h in own_hits]}, expected {example.span!r}"
        why = sorted({r.by for r in result.rejected if r.hit.rule == owner})
        return f"no match (rejected by: {', '.join(why)})" if why else "no match"
    if example.kind == "no_match":
        return f"matched {[h.wording for h in own_hits]}" if own_hits else None
    if example.kind == "trigger":
        if any(r.by == owner for r in result.rejected):
            return None
        return f"did not fire ({_summary(result)})"
    if example.kind == "pass":
        dropped = [r.hit.wording for r in result.rejected if r.by == owner]
        return f"fired, dropping {dropped}" if dropped else None
    marked = [h for h in result.hits if owner in h.digital]
    if example.kind == "digital":
        if not result.hits:
            return f"no rule matched ({_summary(result)})"
        if not marked:
            return "the marker did not fire"
        return None if result.already_digital else f"still analog: {[h.wording for h in result.analog_hits]}"
    # analog
    if not result.hits:
        return f"no rule matched ({_summary(result)})"
    return f"marked digital: {[h.wording for h in marked]}" if marked else None


def _scan_reads(text: str, hit: Hit, ruleset: Ruleset) -> bool:
    """Whether the scan's prefilter picks the sentence holding ``hit`` to tokenize for its rule. Tracing reads every
    sentence that holds any keyword, so a match found there may lie where the scan never looks."""
    return any(begin <= hit.begin < end for begin, end in sentences_read(text, frozenset({hit.rule}), ruleset))


def _summary(result: UnitAnalysis) -> str:
    if result.prefiltered_out:
        return "prefiltered out"
    kept = [f"{h.rule}={h.wording}" for h in result.hits]
    dropped = [f"{r.hit.rule}={r.hit.wording} by {r.by}" for r in result.rejected]
    return f"hits {kept}, rejected {dropped}"


def run_selftest(ruleset: Ruleset) -> tuple[int, list[Failure]]:
    """Check every example; return how many ran and the failures."""
    failures: list[Failure] = []
    count = 0
    for example in iter_examples(ruleset):
        count += 1
        message = check_example(example, ruleset)
        if message is not None:
            failures.append(Failure(example, message))
    return count, failures
