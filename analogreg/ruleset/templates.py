"""Amendment templates (``rules/templates/*.yaml``): the schema, the settings placeholders and the loader.

One file per category holds that category's templates, tried in file order, and the wording that shows a clause
already allows a digital way (``digital_markers``: such a clause is never amended again). A template is one of:

- ``alternative`` — 「、又は」 after the analog verb: 掲示しなければならない → 掲示し、又は…公表しなければならない.
  The verb and the inserted phrase trade forms through the conjugation table; an optional ただし書 follows.
- ``insert`` — text put at a place of a token pattern: 実地に → 実地に、又は…方法により.
- ``medium`` — FD等: the named media become 電磁的記録媒体, with its definition at the first use in an ordinance.
- ``no_change`` — the clause stays as it is, for a stated reason (往訪閲覧・縦覧 covered by the online ordinance).
- ``manual`` — the clause needs a drafter: no text is generated, the note says why and what to consider.

Every template carries real before → after examples and texts where it must not apply; tests run them all.
An ``unless`` may give a ``reason``: where it alone keeps a template from a clause, the drafter's note says so
(not the bare 「定型に当てはまる…が見つからない」), and a ``must_not_apply`` text marked ``told`` shows it.
Where no template applies and none gave a reason, the drafter gets the category file's ``fallback_note``: what
the category's clauses need and the wording that would fit.
Token patterns use the detection rules' syntax (``analogreg.ruleset.schema.TokenSpec``).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from analogreg.categories import Category
from analogreg.ruleset.regexes import compiled
from analogreg.ruleset.schema import RULE_ID, Condition, Regex, Scope, TokenSpec
from analogreg.ruleset.yamlload import DataFileError, LoadProblem, line_of, load_yaml
from analogreg.settings import RULES_DIR, Settings

TEMPLATES_DIR = RULES_DIR / "templates"

# The wording choices a municipality makes (analogreg.settings), as template placeholders.
PLACEHOLDERS = ("video_and_audio", "video_method", "other_method", "online_ordinance", "or", "or_word")


def placeholder_values(settings: Settings, *, nested: bool = False) -> dict[str, str]:
    """Placeholder → text for one municipality's settings.

    ``{or}`` joins clauses (「、又は」) and ``{or_word}`` words (「又は」); 法制執務: inside a sentence whose
    clauses are already joined by 「、又は」 (``nested``), the lower level takes 「若しくは」.
    """
    video_and_audio = f"映像{settings.video_audio_connective}音声"
    return {
        "or": "若しくは" if nested else "、又は",
        "or_word": "若しくは" if nested else "又は",
        "video_and_audio": video_and_audio,
        # The statutory formula for a video call (民事訴訟法 line; 堺市's model uses 映像及び音声).
        "video_method": f"{video_and_audio}の送受信により相手の状態を相互に認識しながら通話をすることができる方法",
        "other_method": "その他の適切な方法" if settings.appropriate_method else "その他の方法",
        "online_ordinance": settings.online_ordinance_title,
    }


def fill(text: str, settings: Settings, *, nested: bool = False) -> str:
    """A template text with its placeholders filled in from the settings."""
    return text.format(**placeholder_values(settings, nested=nested))


def uses_connective(text: str) -> bool:
    """Whether a template text joins by {or} / {or_word}, whose level depends on the sentence."""
    return "{or}" in text or "{or_word}" in text


def _check_placeholders(text: str) -> str:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ValueError(f"bad placeholder in {text!r}: {exc}") from None
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        raise ValueError(f"unknown placeholder(s) {unknown}; known: {list(PLACEHOLDERS)}")
    return text


def join_lines(text: str) -> str:
    """A YAML folded Japanese text as one line: the spaces a line break left between two Japanese characters go."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text).strip()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A real sentence before → after the template; ``after`` omitted means the text must stay as it is."""

    before: str = Field(min_length=1)
    after: str | None = None
    matched: str | None = Field(
        default=None, description="the analog wording a finding reports (its first occurrence); default: all"
    )
    source: str = Field(min_length=3, description="where the sentence is from: law or 例規, article")
    settings: dict[str, Any] = Field(default_factory=dict, description="overrides of the default settings")
    term_defined_earlier: bool = Field(
        default=False, description="FD等: an earlier unit of the ordinance already carries the definition"
    )

    @model_validator(mode="after")
    def _matched_in_before(self) -> Example:
        if self.matched is not None and self.matched not in self.before:
            raise ValueError(f"matched {self.matched!r} does not occur in before")
        return self


class Counterexample(_Strict):
    """A real sentence the template must leave alone, and why."""

    text: str = Field(min_length=1)
    matched: str | None = None
    reason: str = Field(min_length=3)
    source: str = ""
    told: str | None = Field(
        default=None, description="the ``reason`` of the template's ``unless`` that the drafter's note must carry"
    )

    @model_validator(mode="after")
    def _matched_in_text(self) -> Counterexample:
        if self.matched is not None and self.matched not in self.text:
            raise ValueError(f"matched {self.matched!r} does not occur in text")
        return self


class TemplateCondition(Condition):
    """An ``unless`` of a template: a detection rule's condition, with what the drafter is told when it holds.

    It may also read the whole ``article`` (every 項): a later 項 that names back what the template would rewrite
    (「前項の規定による掲示を始めた日から…」) is only there. The scan never reads that far, so rules cannot.
    """

    scope: Scope | Literal["article"] = "sentence"  # type: ignore[assignment]

    reason: str | None = Field(
        default=None,
        min_length=10,
        description="why the place is left to a drafter (Japanese, for the manual note); none: the place is "
        "simply not one the template is for",
    )


class BaseTemplate(_Strict):
    id: str = Field(pattern=RULE_ID)
    description: str = Field(min_length=40, description="what it rewrites and why (category, model phrase)")
    requires_settings: dict[str, str] = Field(
        default_factory=dict, description="settings that must hold for the template to be used, e.g. etsuran_mode"
    )
    statutes: Literal["any", "local", "national"] = Field(
        default="any",
        description="the statutes it is for: a local government's 例規 (a municipality's own ordinances cover only "
        "them), national laws and rules, or any",
    )
    context: list[Condition] = Field(default_factory=list, description="every condition must hold at a place")
    unless: list[TemplateCondition] = Field(
        default_factory=list, description="any condition holding: not at this place"
    )
    first_only: bool = Field(default=False, description="act on the first place only, not on every place")
    note: str = Field(default="", description="what the reviewer is told (placeholders allowed)")
    examples: list[Example] = Field(min_length=1)
    must_not_apply: list[Counterexample] = Field(default_factory=list)

    @field_validator("requires_settings")
    @classmethod
    def _known_settings(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(Settings.model_fields))
        if unknown:
            raise ValueError(f"unknown setting(s) {unknown}")
        return value

    @field_validator("note")
    @classmethod
    def _note_placeholders(cls, value: str) -> str:
        return _check_placeholders(join_lines(value))

    @model_validator(mode="after")
    def _reasons_exemplified(self) -> BaseTemplate:
        # Rules are data: what a drafter is told is shown by a real text it is told for, and names a reason given.
        reasons = {c.reason for c in self.unless if c.reason}
        told = {c.told for c in self.must_not_apply if c.told}
        if unknown := sorted(told - reasons):
            raise ValueError(f"must_not_apply tells {unknown}, which no unless gives as its reason")
        if missing := sorted(reasons - told):
            raise ValueError(f"no must_not_apply example is told the unless reason(s) {missing}")
        return self

    def applies_under(self, settings: Settings) -> bool:
        return all(str(getattr(settings, key)) == value for key, value in self.requires_settings.items())

    def applies_to(self, *, national: bool) -> bool:
        """Whether the template is for a statute of this kind (national, or a local government's 例規)."""
        return self.statutes == "any" or (self.statutes == "national") == national


class AlternativeTemplate(BaseTemplate):
    """「、又は」 + a phrase after the analog verb, which takes the verb's form; the verb takes 連用形."""

    kind: Literal["alternative"]
    head: list[TokenSpec] = Field(min_length=1, description="the analog predicate, ending with the verb")
    preceded_by: list[TokenSpec] = Field(default_factory=list)
    followed_by: list[TokenSpec] = Field(default_factory=list, description="what must follow the verb group")
    phrase: str = Field(min_length=2, description="the alternative in dictionary form, ending with a verb")
    proviso: str | None = Field(
        default=None, description="ただし書 in dictionary form; its last verb takes the sentence's ending"
    )

    @field_validator("phrase", "proviso")
    @classmethod
    def _placeholders(cls, value: str | None) -> str | None:
        return None if value is None else _check_placeholders(value)


class InsertEdit(_Strict):
    """Text put before pattern element ``at`` (``len(pattern)`` = after the match; ``clause_start`` = at the
    start of the clause holding the match); with ``replace_to``, elements ``at`` … ``replace_to - 1`` are replaced."""

    at: int | Literal["clause_start"]
    text: str
    replace_to: int | None = None

    @field_validator("text")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        return _check_placeholders(value)


class InsertTemplate(BaseTemplate):
    """Text inserted (or a few tokens replaced) at fixed places of a token pattern."""

    kind: Literal["insert"]
    pattern: list[TokenSpec] = Field(min_length=1)
    edits: list[InsertEdit] = Field(min_length=1)

    @model_validator(mode="after")
    def _edit_places(self) -> InsertTemplate:
        n = len(self.pattern)
        for edit in self.edits:
            if isinstance(edit.at, int) and not 0 <= edit.at <= n:
                raise ValueError(f"edit at {edit.at} is outside the pattern (0..{n})")
            if edit.replace_to is not None and (not isinstance(edit.at, int) or not edit.at < edit.replace_to <= n):
                raise ValueError(f"replace_to {edit.replace_to} must follow at and be at most {n}")
        return self


class MediumTemplate(BaseTemplate):
    """FD等: a run of named media becomes one defined term, with its definition at the first use."""

    kind: Literal["medium"]
    media: list[str] = Field(min_length=1, description="media names, as written (longest are tried first)")
    joiners: list[str] = Field(min_length=1, description="what joins media in one run: 又は, 若しくは, 、 …")
    absorb: list[Regex] = Field(
        default_factory=list, description="regexes for what follows a run and goes with it (（これに準ずる…を含む。）)"
    )
    term: str = Field(min_length=2)
    definition: str = Field(min_length=10, description="the text inside （） at the first use")
    short_definition: str = Field(min_length=5, description="used instead when 電磁的記録 is already defined")
    defined_pattern: Regex = Field(description="finds an existing definition of the term in the ordinance")
    record_defined_pattern: Regex = Field(description="finds a definition of 電磁的記録 in the ordinance")


class NoChangeTemplate(BaseTemplate):
    """The clause needs no text change; ``note`` gives the reason (placeholders allowed)."""

    kind: Literal["no_change"]
    pattern: list[TokenSpec] = Field(default_factory=list, description="where it applies (empty: whole finding)")
    when: list[Condition] = Field(default_factory=list, description="any holding applies it; empty: always")
    note: str = Field(min_length=10)


class ManualTemplate(BaseTemplate):
    """The clause needs a drafter: no text is generated; ``note`` says why and what to consider."""

    kind: Literal["manual"]
    pattern: list[TokenSpec] = Field(default_factory=list, description="where it applies (empty: whole finding)")
    when: list[Condition] = Field(
        default_factory=list,
        description="any holding (around the pattern, or the analog wording's sentence) applies it; empty: always",
    )
    note: str = Field(min_length=10)


Template = Annotated[
    AlternativeTemplate | InsertTemplate | MediumTemplate | NoChangeTemplate | ManualTemplate,
    Field(discriminator="kind"),
]


class TemplateFile(_Strict):
    """One file of ``rules/templates/``: the templates of one category, tried in order."""

    category: Category
    digital_markers: list[Regex] = Field(
        default_factory=list,
        description="wording that shows the clause already allows a digital way (searched per sentence)",
    )
    templates: list[Template] = Field(min_length=1)
    fallback_note: str = Field(
        min_length=20,
        description="what the drafter is told when no template applies and none gave a reason (placeholders "
        "allowed): what this category's clauses need and the wording that would fit",
    )

    @field_validator("fallback_note")
    @classmethod
    def _fallback_placeholders(cls, value: str) -> str:
        return _check_placeholders(join_lines(value))


@dataclass
class TemplateSet:
    """Every template, by category in file order, with each category's already-digital markers compiled."""

    by_category: dict[str, list[BaseTemplate]] = field(default_factory=dict)
    markers: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # template id → file:line
    fallback_notes: dict[str, str] = field(default_factory=dict)  # category → note when nothing applies

    def get(self, template_id: str) -> BaseTemplate:
        for templates in self.by_category.values():
            for template in templates:
                if template.id == template_id:
                    return template
        raise KeyError(template_id)

    def all(self) -> list[BaseTemplate]:
        return [t for templates in self.by_category.values() for t in templates]


_KINDS = ("alternative", "insert", "medium", "no_change", "manual")


def _validate(data: Any, path: Path) -> tuple[TemplateFile | None, list[LoadProblem]]:
    """Validate one file; each error's line is found with the template kind (pydantic's union tag) left out."""
    try:
        return TemplateFile.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = [part for part in error["loc"] if part not in _KINDS]
            where = ".".join(str(part) for part in loc)
            problems.append(LoadProblem(str(path), line_of(data, loc), f"{where}: {error['msg']}"))
        return None, problems


def template_files(templates_dir: Path) -> list[Path]:
    return sorted(p for p in templates_dir.glob("*.yaml") if p.is_file())


def load_templates(templates_dir: Path | None = None) -> TemplateSet:
    """Load every template file; raise DataFileError listing every problem (file:line) at once."""
    templates_dir = templates_dir or TEMPLATES_DIR
    files = template_files(templates_dir) if templates_dir.is_dir() else []
    if not files:
        raise DataFileError([LoadProblem(str(templates_dir), None, "no template files (*.yaml) in this folder")])
    problems: list[LoadProblem] = []
    result = TemplateSet()
    for path in files:
        data, found = load_yaml(path)
        problems.extend(found)
        if found:
            continue
        model, found = _validate(data or {}, path)
        problems.extend(found)
        if model is None:
            continue
        assert isinstance(model, TemplateFile)
        if model.category in result.markers:
            problems.append(LoadProblem(str(path), None, f"a second file for category {model.category}"))
            continue
        result.markers[model.category] = [compiled(m) for m in model.digital_markers]
        result.by_category[model.category] = list(model.templates)
        result.fallback_notes[model.category] = model.fallback_note
        for index, template in enumerate(model.templates):
            line = line_of(data, ["templates", index, "id"])
            if template.id in result.sources:
                problems.append(
                    LoadProblem(
                        str(path), line, f"duplicate template id {template.id} (first at {result.sources[template.id]})"
                    )
                )
            result.sources[template.id] = f"{path}:{line}"
    if problems:
        raise DataFileError(problems)
    return result


@lru_cache(maxsize=4)
def default_templates(templates_dir: Path | None = None) -> TemplateSet:
    """The templates of ``rules/templates`` (or another folder), loaded once per process."""
    return load_templates(templates_dir)
