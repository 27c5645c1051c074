"""YAML loading that remembers line numbers, and pydantic errors turned into ``file:line: message`` lines.

Every rule and template file is validated in full before anything is reported, so that a person fixing a rules
folder sees every problem at once, each with its file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class LoadProblem:
    """One problem in a data file, printable as ``path:line: message``."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class DataFileError(Exception):
    """Every problem found in one or more rule, template or settings files; one ``file:line: message`` per line."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class LinedDict(dict):
    """A mapping from YAML that knows the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LinedList(list):
    """A sequence from YAML that knows the line of itself and of each element (1-based)."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser when PyYAML was built with it (the wheels are): the rules load in every scan worker, and the
# pure-Python scanner took most of that time. Both are safe loaders and give the same marks (lines).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LinedList:
    seq = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    seq.line = node.start_mark.line + 1
    seq.item_lines = [child.start_mark.line + 1 for child in node.value]
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> tuple[Any, list[LoadProblem]]:
    """Parse a YAML file keeping line numbers. Syntax errors come back as problems, not exceptions."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [LoadProblem(str(path), None, f"cannot read: {exc}")]
    try:
        # _LineLoader is a SafeLoader subclass: no arbitrary objects.
        return yaml.load(text, Loader=_LineLoader), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [LoadProblem(str(path), line, f"YAML syntax: {reason}")]


def line_of(data: Any, loc: Sequence[str | int]) -> int | None:
    """The line of the deepest element of ``data`` reachable along a pydantic error location."""
    line = getattr(data, "line", None) or None
    node = data
    for part in loc:
        if isinstance(node, LinedDict) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LinedList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
        line = getattr(node, "line", None) or line
    return line


def validate(model: type[BaseModel], data: Any, path: Path) -> tuple[BaseModel | None, list[LoadProblem]]:
    """Validate YAML data against a pydantic model; every error becomes a problem with its line."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            problems.append(LoadProblem(str(path), line_of(data, error["loc"]), f"{where}: {error['msg']}"))
        return None, problems
