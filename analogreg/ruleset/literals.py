"""The literal strings a regex cannot match without: one of them occurs inside every match.

A rule's context regex often holds anchors or lookarounds (「^に、?置くべき…」, 「(?<![者士])試験」), so the prefilter
cannot search the regex itself in the whole text: an anchor that holds at the start of a window fails elsewhere.
But the literals the regex needs are in every match, wherever the window lies, so they are necessary conditions
that a plain search can test (the idea of a trigram / literal prefilter, as in RE2 and code search engines).

Built on the standard library's own regex parser (``re._parser``; ``sre_parse`` before Python 3.11), so the
regex is read exactly as ``re`` reads it. Anything not understood yields no literal — never a wrong one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Zero-width tests (anchors, lookarounds) consume nothing: the literals around one are still needed and still
# adjacent in the match (「(?<!健康)診断」 needs 診断; 「^に、?置くべき」 needs 置くべき).
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def necessary_literals(regex: str) -> list[str] | None:
    """Strings one of which occurs in every match of ``regex``; None when no such set is known.

    Case-insensitive regexes give None (the text's spelling could differ from the literal's)."""
    literals = _necessary_literals(regex)
    return list(literals) if literals is not None else None  # a new list: callers may change theirs


@lru_cache(maxsize=4096)
def _necessary_literals(regex: str) -> tuple[str, ...] | None:
    # Building the prefilter asks for the same few hundred regexes about four times each (keywords, requirements,
    # both whole-text plans, their ordering): parse each once.
    try:
        parsed = _sre_parse.parse(regex)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    literals = _sequence(list(parsed))
    return tuple(literals) if literals is not None else None


def _better(current: list[str] | None, candidate: list[str] | None) -> list[str] | None:
    """The more selective of two necessary sets: the longer shortest literal, then the fewer literals."""
    if not candidate or min(map(len, candidate)) == 0:
        return current
    if current is None:
        return candidate
    key = (min(map(len, candidate)), -len(candidate))
    return candidate if key > (min(map(len, current)), -len(current)) else current


def _sequence(items: list[tuple[Any, Any]]) -> list[str] | None:
    """Every element of a sequence is matched, so any element's necessary set is the sequence's."""
    best: list[str] | None = None
    run: list[str] = []
    for op, arg in items:
        name = op.name
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if name in _ZERO_WIDTH:
            continue  # a zero-width test between two literals leaves them adjacent in the match
        best = _better(best, ["".join(run)] if run else None)
        run = []
        if name == "SUBPATTERN":
            _group, add_flags, _del_flags, inner = arg
            if not add_flags & re.IGNORECASE:
                best = _better(best, _sequence(list(inner)))
        elif name == "ATOMIC_GROUP":
            best = _better(best, _sequence(list(arg)))
        elif name in _REPEATS:
            low, _high, inner = arg
            if low >= 1:  # matched at least once
                best = _better(best, _sequence(list(inner)))
        elif name == "BRANCH":
            _, branches = arg
            alternatives = [_sequence(list(branch)) for branch in branches]
            if all(alternatives):
                best = _better(best, sorted({lit for alt in alternatives for lit in alt or ()}))
        # Anything else (a class, any character, a back-reference) matches text we cannot name.
    return _better(best, ["".join(run)] if run else None)
