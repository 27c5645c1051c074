"""The fast sentence splitters (regex over brackets and 。, bisect) agree with the plain definition on real law text.

The definition: split after a 。 at bracket depth 0, where an unmatched close bracket does not go below 0; on
tokens, only a token that is 。 itself ends a sentence. The scan relies on both splitters for which tokens it
builds and where a match may run, so they are held to the definition on every paragraph of the bundled laws,
and on the same texts cut at random places and with stray brackets around them.
"""

from __future__ import annotations

import random
from pathlib import Path

from lxml import etree

from analogreg.classify import sentence_spans, tokenize_provision
from analogreg.ruleset.matcher import UnitView, _first_token_at, compile_condition, sentence_ranges
from analogreg.ruleset.schema import Condition

_OPEN = "（(「『［["
_CLOSE = "）)」』］]"
NATIONAL = Path(__file__).resolve().parent.parent / "ordinances" / "national"


def reference_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch == "。" and depth == 0:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def reference_ranges(tokens) -> list[tuple[int, int]]:
    ranges, depth, start = [], 0, 0
    for i, token in enumerate(tokens):
        for ch in token.surface:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE and depth:
                depth -= 1
        if token.surface == "。" and depth == 0:
            ranges.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        ranges.append((start, len(tokens)))
    return ranges


def paragraphs() -> list[str]:
    texts = []
    for path in sorted(NATIONAL.glob("*.xml")):
        for el in etree.parse(str(path)).iter("Paragraph"):
            text = "".join(el.itertext()).replace("\n", "").replace(" ", "")
            if "。" in text:
                texts.append(text)
    return texts


TEXTS = paragraphs()


def test_the_bundled_laws_give_enough_cases() -> None:
    assert len(TEXTS) > 100
    assert sum("（" in t and "。）" in t for t in TEXTS) > 10  # 。 inside brackets: （以下同じ。）


def test_character_spans_follow_the_definition() -> None:
    rnd = random.Random(0)
    for text in TEXTS:
        cut = text[rnd.randrange(len(text)) :]
        for variant in (text, cut, "）" + cut + "（。", "「" + text):
            assert sentence_spans(variant) == reference_spans(variant), variant


def test_token_ranges_and_token_lookup_follow_the_definition() -> None:
    rnd = random.Random(1)
    split_inside_brackets = 0
    for text in TEXTS[::7]:
        tokens = tokenize_provision(text)
        tail = tokens[rnd.randrange(len(tokens)) :]  # may start inside a parenthetical, as a dropped sentence does
        for part in (tokens, tail):
            assert sentence_ranges(part) == reference_ranges(part), text
        split_inside_brackets += len(sentence_ranges(tokens)) < text.count("。")
        for char in (0, rnd.randrange(len(text) + 1), len(text), len(text) + 3):
            expected = next((i for i, t in enumerate(tokens) if t.begin >= char), len(tokens))
            assert _first_token_at(tokens, char) == expected
    assert split_inside_brackets > 0  # the cases where brackets hold a 。 were among them


def test_sentence_of_is_the_range_that_holds_the_token() -> None:
    text = "".join(
        "".join(n.itertext())
        for n in etree.parse(str(NATIONAL / sorted(p.name for p in NATIONAL.iterdir())[0])).iter("Sentence")
    )[:4000]
    view = UnitView(text=text, tokens=tokenize_provision(text))
    assert len(view.sentences) > 3
    for index in range(len(view.tokens)):
        lo, hi = next((lo, hi) for lo, hi in view.sentences if lo <= index < hi)
        assert view.sentence_of(index) == (lo, hi)


def test_a_condition_on_the_whole_paragraph_is_read_once_per_unit() -> None:
    # A unit with thousands of matches (a huge pasted article) must not search its paragraph once per match.
    text = "事業者は、見やすい場所に掲示しなければならない。" * 3
    view = UnitView(text=text, tokens=tokenize_provision(text), paragraph="事業所の掲示")
    condition = compile_condition(Condition(scope="paragraph", regex="事業所"))
    assert condition.holds(view, 0, 2)
    assert list(view.whole_scope.values()) == [True]
    view.paragraph = "no longer there"  # the cached answer is what the unit's paragraph said
    assert condition.holds(view, 5, 7)
    sentence = compile_condition(Condition(scope="sentence", regex="掲示"))
    assert sentence.holds(view, 0, 2)
    assert len(view.whole_scope) == 1  # a match-dependent scope is not cached
