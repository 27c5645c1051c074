"""The literals a regex needs: what the prefilter may require of a text for an anchored context regex."""

from __future__ import annotations

import re

import pytest

from analogreg.ruleset.literals import necessary_literals
from analogreg.ruleset.load import default_ruleset
from analogreg.ruleset.selftest import iter_examples


@pytest.mark.parametrize(
    ("regex", "literals"),
    [
        # Lookbehinds and lookaheads consume nothing: the words around them are still needed.
        ("(?:検査|点検|(?<![者士])試験|(?<!健康)診断)(?!機関|員)", ["検査", "点検", "診断", "試験"]),
        # Anchors too; the longest needed literal of a sequence is the one kept.
        ("^に、?置くべき[^。]{0,30}(?:員数|人数|数)は", ["置くべき"]),
        # Alternatives pool their literals (re factors 置か|置く into 置[かく], so を置 is needed); an optional part
        # needs nothing.
        ("(?:者|員)を(?:置か|置く)|^に置くべき", ["に置くべき", "を置"]),
        ("(?:ab)?c", ["c"]),
        ("x+y", ["x"]),
    ],
)
def test_the_literals_every_match_holds(regex: str, literals: list[str]) -> None:
    assert necessary_literals(regex) == literals


@pytest.mark.parametrize("regex", ["(?i)keiji", "a|", "[あい]", ".*", "(?:掲示)?", r"(掲)\1"])
def test_no_literal_is_claimed_when_a_match_can_lack_it(regex: str) -> None:
    literals = necessary_literals(regex)
    assert literals is None or all(lit in "掲掲" for lit in literals)


def test_every_match_of_every_context_regex_in_the_rules_holds_one_of_its_literals() -> None:
    # On the rules' own example texts: wherever a context regex of any rule matches, a literal is inside the match.
    ruleset = default_ruleset()
    texts = [e.text for e in iter_examples(ruleset)]
    checked = 0
    for rule in ruleset.rules:
        for condition in (*rule.rule.context, *rule.rule.unless):
            if condition.regex is None or (literals := necessary_literals(condition.regex)) is None:
                continue
            pattern = re.compile(condition.regex)
            for text in texts:
                for start in range(0, len(text), 7):  # windows starting anywhere, as the before/after scopes do
                    match = pattern.search(text[start:])
                    if match:
                        checked += 1
                        assert any(lit in match.group() for lit in literals), (condition.regex, text)
    assert checked > 1000
