"""Why a clause was flagged: each matched rule's description and source line, and each category's definition.

Rule files are read (and schema-checked) without compiling their token patterns, so the explanation needs no
tokenizer and costs a few milliseconds. A rule id the current rules folder no longer has is reported as such:
the proposal was made with other rules.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analogreg.categories import DEFINITIONS


@dataclass(frozen=True)
class RuleInfo:
    id: str
    category: str
    description: str
    source: str  # file:line
    example: str = ""


def category_definition(category: str) -> str:
    return DEFINITIONS.get(category, "(not one of the eight categories)")


def _signature(rules_dir: Path) -> tuple:
    """What the cache of a rules folder depends on: its files and their modification times."""
    if not rules_dir.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in rules_dir.glob("*.yaml")))


@lru_cache(maxsize=4)
def _load_rules(rules_dir: Path, signature: tuple) -> tuple[dict[str, RuleInfo], str | None]:
    try:
        from analogreg.ruleset.load import rule_files
        from analogreg.ruleset.schema import RuleFile
        from analogreg.ruleset.yamlload import line_of, load_yaml, validate
    except ImportError:
        return {}, "the rule engine is not installed"
    found: dict[str, RuleInfo] = {}
    problems: list[str] = []
    for path in rule_files(rules_dir) if rules_dir.is_dir() else []:
        data, errors = load_yaml(path)
        model = None
        if not errors and data is not None:
            model, errors = validate(RuleFile, data, path)
        if errors or model is None:
            problems.extend(str(e) for e in errors)
            continue
        for i, rule in enumerate(model.rules):
            line = line_of(data, ["rules", i, "id"])
            example = rule.examples.match[0].text if rule.examples.match else ""
            found[rule.id] = RuleInfo(
                id=rule.id,
                category=rule.category or model.category or "",
                description=rule.description,
                source=f"{path.name}:{line}" if line else path.name,
                example=example,
            )
    problem = f"{len(problems)} problem(s) in the rules folder, first: {problems[0]}" if problems else None
    return found, problem


class Explainer:
    """Rule descriptions from a rules folder, read on first use (and shared while the files are unchanged)."""

    def __init__(self, rules_dir: Path | None = None) -> None:
        self.rules_dir = rules_dir
        self._rules: dict[str, RuleInfo] | None = None
        self.problem: str | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[str, RuleInfo]:
        rules_dir = self.rules_dir
        if rules_dir is None:
            try:
                from analogreg.ruleset.load import RULES_DIR
            except ImportError:
                self.problem = "the rule engine is not installed"
                return {}
            rules_dir = RULES_DIR
        found, self.problem = _load_rules(rules_dir, _signature(rules_dir))
        return found

    def rule(self, rule_id: str) -> RuleInfo | None:
        with self._lock:
            if self._rules is None:
                self._rules = self._load()
            return self._rules.get(rule_id)
