"""Why a clause was flagged: each matched rule's description and source line, and each category's definition.

Rule files are read as plain YAML (the rule engine validates them; this only needs ids, descriptions and
lines), so the explanation needs no tokenizer and costs a few milliseconds. A rule id the current rules folder
no longer has is reported as such: the proposal was made with other rules.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from analogreg.categories import DEFINITIONS
from analogreg.settings import RULES_DIR

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([a-z][a-z0-9_.]*)", re.MULTILINE)


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
    """id → RuleInfo for every rule of ``rules_dir``; and the first problem met, if any.

    Read with libyaml (the rule engine's line-tracking loader takes seconds on the full rules folder, and the
    review must not wait for it); line numbers come from the ``id:`` line itself.
    """
    found: dict[str, RuleInfo] = {}
    problems: list[str] = []
    for path in sorted(rules_dir.glob("*.yaml")) if rules_dir.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
            data = yaml.load(text, Loader=_Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        if not isinstance(data, dict):
            continue
        lines = {m.group(1): text.count("\n", 0, m.start()) + 1 for m in _ID_LINE.finditer(text)}
        for rule in data.get("rules") or []:
            if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
                continue
            examples = (rule.get("examples") or {}).get("match") or [{}]
            example = examples[0].get("text", "") if isinstance(examples[0], dict) else ""
            line = lines.get(rule["id"])
            found[rule["id"]] = RuleInfo(
                id=rule["id"],
                category=str(rule.get("category") or data.get("category") or ""),
                description=" ".join(str(rule.get("description", "")).split()),
                source=f"{path.name}:{line}" if line else path.name,
                example=str(example),
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
        rules_dir = self.rules_dir or RULES_DIR
        found, self.problem = _load_rules(rules_dir, _signature(rules_dir))
        return found

    def rule(self, rule_id: str) -> RuleInfo | None:
        with self._lock:
            if self._rules is None:
                self._rules = self._load()
            return self._rules.get(rule_id)
