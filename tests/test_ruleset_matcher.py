"""The token matcher on real Sudachi tokens: operators, POS prefixes, value tests, sentence ends, reported spans."""

from __future__ import annotations

import pytest

from analogreg.ruleset.matcher import UnitView, compile_token, find_all, match_at, sentence_ranges
from analogreg.ruleset.schema import TokenSpec
from analogreg.tokenize import tokenize


def compiled(*specs: dict):
    return [compile_token(TokenSpec.model_validate(s)) for s in specs]


def matched_text(text: str, *specs: dict) -> str | None:
    tokens = tokenize(text)
    bounds = find_all(compiled(*specs), tokens, 0, len(tokens))
    if bounds is None:
        return None
    lo = min(b[0] for b in bounds)
    hi = max(b[1] for b in bounds)
    return text[tokens[lo].begin : tokens[hi - 1].end]


TEXT = "事業者は、当該施設の見やすい場所に標識を掲示しなければならない。"


def test_lemma_matches_inflected_forms() -> None:
    assert matched_text("見やすい場所に掲げなければならない。", {"LEMMA": "掲げる"}) == "掲げ"
    specs = ({"LEMMA": "縦覧"}, {"SURFACE": "に"}, {"LEMMA": "供する"})
    assert matched_text("公衆の縦覧に供しなければならない。", *specs) == "縦覧に供し"


def test_in_not_in_regex() -> None:
    assert matched_text(TEXT, {"LEMMA": {"IN": ["標識", "看板"]}}, {"SURFACE": "を"}) == "標識を"
    assert matched_text(TEXT, {"LEMMA": {"NOT_IN": ["標識"]}, "POS": ["名詞"]}, {"SURFACE": "を"}) is None
    assert matched_text(TEXT, {"SURFACE": {"REGEX": "見[るた]?"}}, {"LEMMA": "やすい"}) == "見やすい"


def test_pos_prefix_with_wildcard() -> None:
    # 掲示 is 名詞-普通名詞-サ変可能; "*" skips the second level.
    assert matched_text(TEXT, {"POS": ["名詞", "*", "サ変可能"]}, {"LEMMA": "する"}) == "掲示し"
    assert matched_text(TEXT, {"POS": ["動詞", "一般"]}, {"LEMMA": "する"}) is None


def test_optional_and_repeat_operators() -> None:
    # ? is greedy: the optional token is taken when present.
    assert matched_text(TEXT, {"LEMMA": "標識"}, {"SURFACE": "を", "OP": "?"}, {"LEMMA": "掲示"}) == "標識を掲示"
    assert matched_text("標識掲示", {"LEMMA": "標識"}, {"SURFACE": "を", "OP": "?"}, {"LEMMA": "掲示"}) == "標識掲示"
    # * and + are lazy and bounded by MAX.
    assert matched_text(TEXT, {"LEMMA": "場所"}, {"OP": "*", "MAX": 3}, {"LEMMA": "掲示"}) == "場所に標識を掲示"
    assert matched_text(TEXT, {"LEMMA": "場所"}, {"OP": "*", "MAX": 2}, {"LEMMA": "掲示"}) is None
    assert matched_text(TEXT, {"LEMMA": "場所"}, {"OP": "+"}, {"LEMMA": "標識"}) == "場所に標識"
    assert matched_text(TEXT, {"LEMMA": "に"}, {"OP": "+"}, {"LEMMA": "標識"}) is None


def test_negated_token() -> None:
    specs = ({"LEMMA": "掲示"}, {"LEMMA": "する"}, {"SURFACE": "て", "OP": "!"})
    assert matched_text(TEXT, *specs) == "掲示しなけれ"
    assert matched_text("掲示してはならない。", *specs) is None


def test_match_at_reports_each_element_range() -> None:
    tokens = tokenize(TEXT)
    start = next(i for i, t in enumerate(tokens) if t.surface == "標識")
    pattern = compiled({"LEMMA": "標識"}, {"SURFACE": "は", "OP": "?"}, {"SURFACE": "を"})
    bounds = match_at(pattern, tokens, start, len(tokens))
    assert bounds == [(start, start + 1), (start + 1, start + 1), (start + 1, start + 2)]


def test_sentences_split_outside_brackets_only() -> None:
    text = "帳簿（以下同じ。）を備え置き、閲覧させなければならない。前項の規定は、準用する。"
    tokens = tokenize(text)
    ranges = sentence_ranges(tokens)
    assert len(ranges) == 2
    first = text[tokens[ranges[0][0]].begin : tokens[ranges[0][1] - 1].end]
    assert first == "帳簿（以下同じ。）を備え置き、閲覧させなければならない。"


def test_no_match_across_sentence_end() -> None:
    text = "標識を作成する。掲示しなければならない。"
    tokens = tokenize(text)
    view = UnitView(text=text, tokens=tokens)
    tests = compiled({"LEMMA": "標識"}, {"OP": "*"}, {"LEMMA": "掲示"})
    assert all(find_all(tests, tokens, lo, hi) is None for lo, hi in view.sentences)


@pytest.mark.parametrize("bad", [{"LEMMA": {"IN": ["a"], "REGEX": "b"}}, {"LEMMA": {}}, {"OP": "?", "MAX": 2}])
def test_invalid_token_specs(bad: dict) -> None:
    with pytest.raises(ValueError):
        TokenSpec.model_validate(bad)


def test_bracket_skips_one_whole_parenthetical() -> None:
    text = "講習（以下「定期講習（第二回）」という。）を受けなければならない。"
    specs = ({"LEMMA": "講習"}, {"BRACKET": True, "OP": "?"}, {"SURFACE": "を"}, {"LEMMA": "受ける"})
    assert matched_text(text, *specs) == "講習（以下「定期講習（第二回）」という。）を受け"
    assert matched_text("講習を受けなければならない。", *specs) == "講習を受け"
    # Without ?, the parenthetical is required.
    required = ({"LEMMA": "講習"}, {"BRACKET": True}, {"SURFACE": "を"})
    assert matched_text("講習を受ける。", *required) is None
    # An unclosed parenthetical within the sentence is not skipped.
    assert matched_text("講習（以下同じを受ける。", *specs) is None
    with pytest.raises(ValueError):
        TokenSpec.model_validate({"BRACKET": True, "LEMMA": "講習"})


def test_a_condition_on_the_sentence_is_read_once_per_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every match in a sentence shares the sentence's answer: a table read as one long sentence with thousands of
    # matches must not have the sentence searched again for each (stop 37: 98 s → 0.7 s on 82,000 characters).
    # Each sentence still gets its own answer: the policy's 監視 is turned down, the duty's is kept.
    from analogreg.classify import analyze
    from analogreg.ruleset.load import default_ruleset
    from analogreg.ruleset.matcher import CompiledCondition

    reads: list[tuple[int, int]] = []
    original = CompiledCondition._holds

    def counting(self, view, tok_lo, tok_hi):
        if self.scope == "sentence":
            reads.append((id(self), view.sentence_of(tok_lo)[0]))
        return original(self, view, tok_lo, tok_hi)

    monkeypatch.setattr(CompiledCondition, "_holds", counting)
    duty = "事業者は、作業の状況を監視させ、" * 30 + "記録しなければならない。"
    policy = "政府は、水質の汚濁の状況の監視の実施その他必要な措置を講ずるものとする。"
    analysis = analyze(policy + duty, default_ruleset(), use_prefilter=False)
    kanshi = [h for h in analysis.hits if h.rule == "mokushi.kanshi"]
    assert len(kanshi) == 30 and all(h.begin >= len(policy) for h in kanshi)
    assert reads and len(reads) == len(set(reads))
