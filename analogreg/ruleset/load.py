"""Load ``rules/*.yaml`` into a compiled Ruleset, reporting every problem with its file and line at once.

Checked here beyond the schema: a rule needs a category (its own or its file's); rule, exclusion and marker ids
are unique across all files; a rule that the prefilter could never let through (no keyword) is an error, since
it would silently never fire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analogreg import collector
from analogreg.categories import CATEGORIES
from analogreg.opinion import Opinion, load_opinion
from analogreg.ruleset.lexicon import LEXICON_FILE, load_lexicon, variant_map, widen
from analogreg.ruleset.matcher import (
    WHOLE_SCOPES,
    CompiledCondition,
    CompiledFilter,
    CompiledRule,
    RuleIndex,
    UnitView,
    compile_filter,
    compile_rule,
)
from analogreg.ruleset.prefilter import (
    Prefilter,
    rule_edges,
    rule_frame_requirements,
    rule_keywords,
    rule_near_requirements,
    rule_requirements,
    rule_sentence_conditions,
    rule_sentence_requirements,
    rule_sequence,
)
from analogreg.ruleset.schema import RuleFile
from analogreg.ruleset.yamlload import DataFileError, LoadProblem, line_of, load_yaml, validate

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
ALL_CATEGORIES = frozenset(CATEGORIES)


@dataclass
class Ruleset:
    """Compiled rules, shared exclusions, already-digital markers, the first-token index and the prefilter."""

    rules: list[CompiledRule]
    exclusions: list[CompiledFilter]
    digital: list[CompiledFilter]
    files: list[Path] = field(default_factory=list)
    lexicon_file: Path | None = None  # the lemma variants the rules were widened with (see lexicon.py)
    opinion: Opinion | None = None  # the learned second opinion of rules/opinion (see opinion.py)
    index: RuleIndex = field(init=False)
    prefilter: Prefilter = field(init=False)

    def __post_init__(self) -> None:
        self.index = RuleIndex(self.rules)
        # The tests that read no token (the 見出し, the unit's or paragraph's whole text): an ``unless`` of a rule, or
        # an exclusion's ``when``, that holds there rejects every match the rule (or category) could make in the unit.
        self._whole_unless: dict[str, tuple[CompiledCondition, ...]] = {
            r.id: whole for r in self.rules if (whole := tuple(c for c in r.unless if c.scope in WHOLE_SCOPES))
        }
        # An exclusion with exceptions rules out only where they too read no token (and none of them holds).
        self._whole_exclusions: list[
            tuple[frozenset[str], tuple[CompiledCondition, ...], tuple[CompiledCondition, ...]]
        ] = [
            (ex.categories, whole, ex.unless)
            for ex in self.exclusions
            if (whole := tuple(c for c in ex.when if c.scope in WHOLE_SCOPES))
            and all(c.scope in WHOLE_SCOPES for c in ex.unless)
        ]
        self._by_id = {r.id: r for r in self.rules}  # ids are unique: load_ruleset refuses a duplicate
        self.prefilter = Prefilter(
            {r.id: rule_keywords(r.rule) for r in self.rules},
            {r.id: rule_requirements(r.rule) for r in self.rules},
            {r.id: rule_frame_requirements(r.rule) for r in self.rules},
            {r.id: rule_sentence_requirements(r.rule) for r in self.rules},
            {r.id: rule_sequence(r.rule) for r in self.rules},
            {r.id: rule_near_requirements(r.rule) for r in self.rules},
            {r.id: rule_edges(r.rule) for r in self.rules},
            {r.id: rule_sentence_conditions(r.rule) for r in self.rules},
        )

    def ruled_out(self, possible: frozenset[str], view: UnitView) -> frozenset[str]:
        """The rules of ``possible`` that cannot keep a match in this unit whatever its tokens: an ``unless`` of the
        rule, or a shared exclusion of its category, holds on the unit's whole text, its 見出し or its paragraph.
        Such matches would be rejected after tokenizing (run_rules, then the exclusions), so the classifier need
        not tokenize for these rules. The results are cached in ``view`` for the matcher to reuse."""
        out_categories = self.excluded_everywhere(view)
        return frozenset(
            rid
            for rid in possible
            if self._by_id[rid].category in out_categories
            or any(c.holds(view, 0, 0) for c in self._whole_unless.get(rid, ()))
        )

    def excluded_everywhere(self, view: UnitView) -> frozenset[str]:
        """The categories a shared exclusion rules out in this unit whatever its tokens (all of them for an
        exclusion of every category): its test holds on the unit's whole text, 見出し or paragraph."""
        out: set[str] = set()
        for categories, conditions, exceptions in self._whole_exclusions:
            if any(c.holds(view, 0, 0) for c in conditions) and not any(c.holds(view, 0, 0) for c in exceptions):
                if not categories:  # an exclusion of every category
                    return ALL_CATEGORIES
                out |= categories
        return frozenset(out)

    def rule(self, rule_id: str) -> CompiledRule:
        return self._by_id[rule_id]


def rule_files(rules_dir: Path) -> list[Path]:
    """The rule files of a folder: its own *.yaml, sorted (its subfolders templates/, settings/ and lexicon/ hold
    other data)."""
    return sorted(p for p in rules_dir.glob("*.yaml") if p.is_file())


def load_ruleset(rules_dir: Path | None = None) -> Ruleset:
    """Load and compile every rule file; raise DataFileError listing every problem found."""
    # The YAML, the validated rules and their compiled patterns make no reference cycles worth a collection: 0.2–0.3 s
    # of a 1.2 s load went to collections that found nothing (in the scan's parent, its fork server, every command).
    with collector.paused():
        return _load_ruleset(rules_dir)


def _load_ruleset(rules_dir: Path | None) -> Ruleset:
    rules_dir = rules_dir or RULES_DIR
    if not rules_dir.is_dir():
        raise DataFileError([LoadProblem(str(rules_dir), None, "no such rules folder")])
    files = rule_files(rules_dir)
    if not files:
        raise DataFileError([LoadProblem(str(rules_dir), None, "no rule files (*.yaml) in this folder")])
    lexicon, problems = load_lexicon(rules_dir)
    variants = variant_map(lexicon)
    rules: list[CompiledRule] = []
    exclusions: list[CompiledFilter] = []
    digital: list[CompiledFilter] = []
    seen: dict[str, str] = {}
    for path in files:
        data, found = load_yaml(path)
        problems.extend(found)
        if found:
            continue
        if data is None:
            problems.append(LoadProblem(str(path), None, "empty rule file"))
            continue
        model, found = validate(RuleFile, data, path)
        problems.extend(found)
        if model is None:
            continue
        assert isinstance(model, RuleFile)
        for kind, items in (("rules", model.rules), ("exclusions", model.exclusions), ("digital", model.digital)):
            for i, item in enumerate(items):
                line = line_of(data, [kind, i, "id"])
                where = f"{path}:{line}"
                if item.id in seen:
                    problems.append(
                        LoadProblem(str(path), line, f"duplicate id {item.id!r} (first at {seen[item.id]})")
                    )
                    continue
                seen[item.id] = where
                item = widen(item, variants)  # LEMMA values also accept their old spellings (行う: 行なう)
                if kind == "rules":
                    category = item.category or model.category
                    if category is None:
                        problems.append(LoadProblem(str(path), line, f"rule {item.id!r} has no category"))
                        continue
                    if not rule_keywords(item):
                        problems.append(
                            LoadProblem(
                                str(path),
                                line,
                                f"rule {item.id!r}: no prefilter keyword can be derived; add `keywords:`",
                            )
                        )
                        continue
                    rules.append(compile_rule(item, category, where))
                elif kind == "exclusions":
                    exclusions.append(compile_filter(item, where))
                else:
                    digital.append(compile_filter(item, where))
    opinion = None
    try:
        opinion = load_opinion(rules_dir)
    except DataFileError as err:
        problems.extend(err.problems)
    if problems:
        raise DataFileError(problems)
    lexicon_file = rules_dir / LEXICON_FILE
    return Ruleset(
        rules=rules,
        exclusions=exclusions,
        digital=digital,
        files=files,
        lexicon_file=lexicon_file if lexicon_file.is_file() else None,
        opinion=opinion,
    )


@lru_cache(maxsize=4)
def default_ruleset(rules_dir: Path | None = None) -> Ruleset:
    """The ruleset of ``rules_dir`` (the project's rules/ by default), loaded once per process."""
    return load_ruleset(rules_dir)
