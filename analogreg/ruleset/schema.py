"""The rule language: what a file in ``rules/`` may say, validated by pydantic with unknown keys rejected.

A rule file holds the rules of one category (``category:`` applies to every rule in it), or the shared
provision-level filters (``exclusions:``) and already-digital markers (``digital:``). Token constraints follow
the spaCy Matcher dict shape: ``{LEMMA: 掲示}``, ``{SURFACE: {IN: [...]}}``, ``{POS: [名詞, 普通名詞]}``,
``{LEMMA: {REGEX: "..."}, OP: "?"}``. Regexes are compiled here, so a bad one is reported with its line.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from analogreg.categories import Category
from analogreg.ruleset.regexes import compiled


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile(pattern: str) -> str:
    try:
        compiled(pattern)
    except re.error as exc:
        raise ValueError(f"bad regex {pattern!r}: {exc}") from None
    return pattern


Regex = Annotated[str, BeforeValidator(lambda v: _compile(v) if isinstance(v, str) else v)]


def _value_spec(value: Any) -> Any:
    # A bare string is the common case: an exact value.
    return {"EQ": value} if isinstance(value, str) else value


class ValueSpec(_Strict):
    """One attribute constraint: exactly one of an exact value, IN, NOT_IN or REGEX (full match)."""

    EQ: str | None = None
    IN: list[str] | None = None
    NOT_IN: list[str] | None = None
    REGEX: Regex | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> ValueSpec:
        given = [k for k in ("EQ", "IN", "NOT_IN", "REGEX") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of a value, IN, NOT_IN or REGEX")
        return self

    def literals(self) -> list[str]:
        """The values this constraint can take, when it is a closed set (EQ / IN); else empty."""
        if self.EQ is not None:
            return [self.EQ]
        return list(self.IN or [])


Value = Annotated[ValueSpec, BeforeValidator(_value_spec)]


class TokenSpec(_Strict):
    """One token of a pattern. Every key given must hold; ``{}`` matches any token.

    POS is a prefix of Sudachi's 6-tuple, e.g. [名詞, 普通名詞]; "*" in it matches any value at that place.
    OP: ``?`` optional, ``*`` any number, ``+`` one or more, ``!`` must NOT match here (consumes one token).
    MAX caps the repetitions of ``*`` / ``+`` (keeps a gap between two words short).
    BRACKET: true matches one whole parenthetical （…） (statutes put definitions and exceptions there:
    「講習（以下「定期講習」という。）を受けなければならない」); use it with OP ``?``.
    """

    SURFACE: Value | None = None
    LEMMA: Value | None = None
    POS: list[str] | None = None
    OP: Literal["?", "*", "+", "!"] | None = None
    MAX: int | None = Field(default=None, ge=1, le=50)
    BRACKET: bool = False

    @field_validator("POS", mode="before")
    @classmethod
    def _pos_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _max_needs_repeat(self) -> TokenSpec:
        if self.MAX is not None and self.OP not in ("*", "+"):
            raise ValueError("MAX is only meaningful with OP * or +")
        if self.BRACKET and (self.SURFACE or self.LEMMA or self.POS or self.OP not in (None, "?")):
            raise ValueError("BRACKET stands alone (no SURFACE, LEMMA or POS) with OP ? or none")
        return self


Scope = Literal["match", "before", "after", "sentence", "unit", "provision", "paragraph", "caption"]


class Condition(_Strict):
    """A test on the text around a match: a regex (searched) or a token pattern (found anywhere in scope).

    Scopes: ``match`` the matched words; ``before`` / ``after`` up to ``window`` characters of the unit's text
    on that side (anchor with ``^`` / ``$`` for adjacency); ``sentence`` the sentence (。) holding the match;
    ``unit`` the provision unit's own text; ``provision`` the unit with the article's 見出し and the texts of the
    paragraph (柱書) and items that hold it; ``caption`` the 見出し alone.
    """

    scope: Scope = "sentence"
    regex: Regex | None = None
    pattern: list[TokenSpec] | None = None
    window: int = Field(default=20, ge=1, le=400)

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if (self.regex is None) == (self.pattern is None):
            raise ValueError("give exactly one of regex or pattern")
        # Only the sentences that hold a keyword are tokenized: wider scopes are tested on their text.
        if self.pattern is not None and self.scope in ("unit", "provision", "paragraph", "article", "caption"):
            raise ValueError(f"a token pattern cannot test scope {self.scope!r}; use a regex")
        return self


class MatchExample(_Strict):
    """A text the rule must match; ``span`` is the exact wording the rule must report."""

    text: str = Field(min_length=1)
    span: str = Field(min_length=1)
    caption: str = ""
    context: str = Field(default="", description="text of the paragraph (柱書) holding this item, if any")
    paragraph: str = Field(default="", description="the whole paragraph (柱書 and all items), for `paragraph` scope")

    @model_validator(mode="after")
    def _span_in_text(self) -> MatchExample:
        if self.span not in self.text:
            raise ValueError(f"span {self.span!r} does not occur in the example text")
        return self


class PlainExample(_Strict):
    """A text (with optional caption and holding paragraph) used as a must-not-match or a trigger example."""

    text: str = Field(min_length=1)
    caption: str = ""
    context: str = ""
    paragraph: str = ""


def _plain(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


Plain = Annotated[PlainExample, BeforeValidator(_plain)]


class RuleExamples(_Strict):
    match: list[MatchExample] = Field(min_length=1)
    no_match: list[Plain] = Field(min_length=1)


RULE_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"


class Rule(_Strict):
    """A detection rule: a token pattern, its context, its exceptions and its examples."""

    id: str = Field(pattern=RULE_ID)
    category: Category | None = None
    description: str = Field(min_length=10)
    pattern: list[TokenSpec] = Field(min_length=1)
    report: tuple[int, int] | None = Field(
        default=None, description="token indexes [first, last] of the pattern to report as the span (default all)"
    )
    context: list[Condition] = Field(default_factory=list, description="every condition must hold")
    unless: list[Condition] = Field(default_factory=list, description="any condition holding rejects the match")
    keywords: list[str] = Field(default_factory=list, description="prefilter words; derived from the pattern if empty")
    examples: RuleExamples


class ExclusionExamples(_Strict):
    triggers: list[Plain] = Field(min_length=1, description="texts where a rule matches and this filter drops it")
    passes: list[Plain] = Field(default_factory=list, description="texts where this filter must not fire")


class Exclusion(_Strict):
    """A shared filter: when any condition holds (and no ``unless`` condition), matches of the listed categories
    (all if none) are dropped."""

    id: str = Field(pattern=RULE_ID)
    description: str = Field(min_length=10)
    categories: list[Category] = Field(default_factory=list)
    when: list[Condition] = Field(min_length=1)
    unless: list[Condition] = Field(
        default_factory=list, description="any condition holding keeps the match (the exclusion does not apply)"
    )
    examples: ExclusionExamples


class DigitalExamples(_Strict):
    digital: list[Plain] = Field(min_length=1, description="texts whose findings must come out already digital")
    analog: list[Plain] = Field(default_factory=list, description="texts whose findings must stay analog")


class DigitalMarker(_Strict):
    """Wording that offers a digital way on equal footing; a match of the listed categories near it is digital."""

    id: str = Field(pattern=RULE_ID)
    description: str = Field(min_length=10)
    categories: list[Category] = Field(default_factory=list, description="categories it makes digital (all if empty)")
    when: list[Condition] = Field(min_length=1, description="any condition holding marks the match digital")
    examples: DigitalExamples


class RuleFile(_Strict):
    """One YAML file of ``rules/``."""

    category: Category | None = None
    rules: list[Rule] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    digital: list[DigitalMarker] = Field(default_factory=list)
