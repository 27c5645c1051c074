"""The keyword prefilter: one compiled regex decides whether a unit can match any rule before it is tokenized.

Most provisions hold no analog wording at all, and a regex pass is ~50× faster than Sudachi. It must lose no
recall: every rule contributes the words of one token that its pattern requires, so a unit without any of them
cannot match that rule. ``tests/test_ruleset_prefilter.py`` proves it on real provisions.
"""

from __future__ import annotations

import re

from analogreg.ruleset.schema import Rule, TokenSpec

_HIRAGANA = re.compile(r"[\u3041-\u309f]+$")


def _token_words(token: TokenSpec) -> list[str]:
    """The words one of which must appear in the text wherever this token matches; [] if unknown."""
    if token.SURFACE is not None and token.SURFACE.literals():
        return token.SURFACE.literals()
    if token.LEMMA is not None and token.LEMMA.literals():
        words = []
        for lemma in token.LEMMA.literals():
            # An inflecting lemma (掲げる, 供する) appears in text by its stem (掲げ, 供し): drop the kana ending.
            stem = _HIRAGANA.sub("", lemma)
            if not stem:
                return []
            words.append(stem)
        return words
    return []


def rule_keywords(rule: Rule) -> list[str]:
    """The rule's prefilter words: its own ``keywords`` or those of its most selective required token."""
    if rule.keywords:
        return list(rule.keywords)
    best: list[str] = []
    for token in rule.pattern:
        if token.OP not in (None, "+"):
            continue
        words = _token_words(token)
        if words and (not best or min(map(len, words)) > min(map(len, best))):
            best = words
    return best


class Prefilter:
    """One alternation of every rule's keywords: whether a text can match at all, and which rules it can match."""

    def __init__(self, keywords: dict[str, list[str]]) -> None:
        self.keywords = keywords
        words = sorted({w for ws in keywords.values() for w in ws}, key=lambda w: (-len(w), w))
        self.regex = re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")
        # A rule is possible in a text when any of its words occurs; words can overlap (立入 / 立入検査), so
        # the rules of every keyword contained in a found word are possible too.
        self._rules_of: dict[str, frozenset[str]] = {}
        for word in words:
            self._rules_of[word] = frozenset(rid for rid, ws in keywords.items() if any(w in word for w in ws))

    def may_match(self, text: str) -> bool:
        return self.regex.search(text) is not None

    def possible_rules(self, text: str) -> frozenset[str]:
        """Ids of the rules one of whose keywords occurs in the text (a rule outside this set cannot match)."""
        found: set[str] = set()
        position = 0
        # Overlapping search: restart one character after each hit's start, so no shorter keyword is hidden.
        while (hit := self.regex.search(text, position)) is not None:
            found |= self._rules_of[hit.group()]
            position = hit.start() + 1
        return frozenset(found)
