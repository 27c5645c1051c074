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
    """One alternation of every rule's keywords."""

    def __init__(self, keywords: dict[str, list[str]]) -> None:
        self.keywords = keywords
        words = sorted({w for ws in keywords.values() for w in ws}, key=lambda w: (-len(w), w))
        self.regex = re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")

    def may_match(self, text: str) -> bool:
        return self.regex.search(text) is not None
