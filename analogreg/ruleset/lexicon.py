"""Lemma variants (``rules/lexicon/lemma_variants.yaml``): old spellings that Sudachi keeps as lemmas of their own.

A rule names the usual lemma (行う); loading widens its LEMMA constraints to the variant spellings (行なう) before
the rule is compiled and before the prefilter derives its words, so both see the same widened values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import Field, model_validator

from analogreg.ruleset.schema import Condition, DigitalMarker, Exclusion, Rule, TokenSpec, ValueSpec, _Strict
from analogreg.ruleset.yamlload import LoadProblem, line_of, load_yaml, validate

LEXICON_FILE = Path("lexicon") / "lemma_variants.yaml"
_Item = TypeVar("_Item", Rule, Exclusion, DigitalMarker)


class VariantExample(_Strict):
    text: str = Field(min_length=1, description="a statute sentence holding the spelling")
    spelling: str = Field(description="the lemma Sudachi gives a word of the text: one of the entry's spellings")


class Variant(_Strict):
    lemma: str = Field(min_length=1, description="the usual lemma, as rules name it")
    spellings: list[str] = Field(min_length=1)
    examples: list[VariantExample] = Field(min_length=1)

    @model_validator(mode="after")
    def _examples_name_spellings(self) -> Variant:
        if self.lemma in self.spellings:
            raise ValueError(f"{self.lemma!r} is the lemma itself, not a variant of it")
        for example in self.examples:
            if example.spelling not in self.spellings:
                raise ValueError(f"example spelling {example.spelling!r} is not among the spellings")
        return self


class Lexicon(_Strict):
    variants: list[Variant] = Field(default_factory=list)


def load_lexicon(rules_dir: Path) -> tuple[Lexicon, list[LoadProblem]]:
    """The rules folder's lexicon (an empty one if the folder has none), with every problem found."""
    path = rules_dir / LEXICON_FILE
    if not path.is_file():
        return Lexicon(), []
    data, problems = load_yaml(path)
    if problems:
        return Lexicon(), problems
    model, problems = validate(Lexicon, data or {}, path)
    if model is None:
        return Lexicon(), problems
    assert isinstance(model, Lexicon)
    seen: dict[str, int] = {}
    for i, variant in enumerate(model.variants):
        for word in (variant.lemma, *variant.spellings):
            if word in seen and seen[word] != i:
                line = line_of(data, ["variants", i, "lemma"])
                problems.append(LoadProblem(str(path), line, f"{word!r} is listed in two entries"))
            seen[word] = i
    return model, problems


def variant_map(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Usual lemma → its variant spellings."""
    return {v.lemma: tuple(v.spellings) for v in lexicon.variants}


def _widen_values(values: list[str], variants: dict[str, tuple[str, ...]]) -> list[str]:
    widened = list(values)
    for value in values:
        widened += [s for s in variants.get(value, ()) if s not in widened]
    return widened


def _widen_value(spec: ValueSpec, variants: dict[str, tuple[str, ...]]) -> ValueSpec:
    # REGEX is left as written: its author sees every spelling it can match.
    if spec.EQ is not None and spec.EQ in variants:
        return ValueSpec(IN=_widen_values([spec.EQ], variants))
    if spec.IN is not None:
        return spec.model_copy(update={"IN": _widen_values(spec.IN, variants)})
    if spec.NOT_IN is not None:
        return spec.model_copy(update={"NOT_IN": _widen_values(spec.NOT_IN, variants)})
    return spec


def _widen_tokens(tokens: list[TokenSpec], variants: dict[str, tuple[str, ...]]) -> list[TokenSpec]:
    return [t if t.LEMMA is None else t.model_copy(update={"LEMMA": _widen_value(t.LEMMA, variants)}) for t in tokens]


def _widen_conditions(conditions: list[Condition], variants: dict[str, tuple[str, ...]]) -> list[Condition]:
    return [
        c if c.pattern is None else c.model_copy(update={"pattern": _widen_tokens(c.pattern, variants)})
        for c in conditions
    ]


def widen(item: _Item, variants: dict[str, tuple[str, ...]]) -> _Item:
    """A rule, exclusion or marker whose LEMMA constraints also accept the variant spellings (the same object
    when there are no variants)."""
    if not variants:
        return item
    update = {}
    if isinstance(item, Rule):
        update["pattern"] = _widen_tokens(item.pattern, variants)
        update["context"] = _widen_conditions(item.context, variants)
        update["unless"] = _widen_conditions(item.unless, variants)
    else:
        update["when"] = _widen_conditions(item.when, variants)
    return item.model_copy(update=update)
