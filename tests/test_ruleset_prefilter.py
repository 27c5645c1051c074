"""The keyword prefilter loses no recall: with and without it, the classifier finds exactly the same matches on
every real provision of the dev set (copied to fixtures) and on every bundled ordinance."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from analogreg.classify import analyze, classify_law, sentence_spans
from analogreg.parse import parse_file
from analogreg.ruleset import prefilter as prefilter_module
from analogreg.ruleset.load import default_ruleset
from analogreg.ruleset.prefilter import (
    rule_edges,
    rule_near_requirements,
    rule_requirements,
    rule_sentence_conditions,
    rule_sequence,
    rule_token_groups,
)
from analogreg.ruleset.schema import Rule
from analogreg.ruleset.selftest import iter_examples

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "classify" / "dev_records.jsonl"
RULESET = default_ruleset()


def units(rec: dict) -> list[tuple[str, str, str]]:
    """(text, caption, holding text) of the record's paragraph and of each of its items."""
    return [(rec["text"], rec["caption"], "")] + [(item, rec["caption"], rec["text"]) for item in rec["items"]]


def signature(text: str, caption: str, ancestors: str, use_prefilter: bool) -> list[tuple]:
    result = analyze(text, RULESET, caption=caption, ancestors=ancestors, use_prefilter=use_prefilter)
    return [(h.rule, h.begin, h.end, tuple(h.digital)) for h in result.hits]


def test_dev_records_same_with_and_without_prefilter() -> None:
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 550
    checked = filtered = 0
    for rec in records:
        for text, caption, ancestors in units(rec):
            with_filter = signature(text, caption, ancestors, True)
            assert with_filter == signature(text, caption, ancestors, False), (rec["id"], text[:60])
            checked += 1
            filtered += not RULESET.prefilter.may_match(text)
    # The prefilter does real work on these texts (they were chosen for holding analog words, so most pass).
    assert filtered > 100, filtered
    assert checked > 1000


BUNDLED = sorted(p for p in (ROOT / "ordinances").rglob("*") if p.suffix in (".xml", ".txt", ".html"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_ordinances_same_with_and_without_prefilter(path: Path) -> None:
    law = parse_file(path).law
    with_filter = classify_law(law, RULESET, path.name)
    without = classify_law(law, RULESET, path.name, use_prefilter=False)
    assert [f.model_dump() for f in with_filter] == [f.model_dump() for f in without]


def test_every_match_example_passes_the_prefilter() -> None:
    examples = [e for e in iter_examples(RULESET) if e.kind == "match"]
    assert examples
    assert all(RULESET.prefilter.may_match(e.text) for e in examples)


def test_prefilter_rejects_text_without_analog_words() -> None:
    assert not RULESET.prefilter.may_match("この条例は、公布の日から施行する。")
    assert RULESET.prefilter.may_match("標識を掲示しなければならない。")


def test_possible_rules_sees_overlapping_keywords() -> None:
    # 立入検査 holds both 立入 and 検査: the rules of each are possible.
    possible = RULESET.prefilter.possible_rules("当該職員に、工事の現場に立入検査をさせることができる。")
    assert {"jitchi.tachiiri_noun", "jitchi.tachiiri_kensa", "jitchi.kensa_saseru"} <= possible
    assert "keiji.keiji_suru" not in possible
    assert RULESET.prefilter.possible_rules("この条例は、公布の日から施行する。") == frozenset()


def test_a_context_regex_on_the_units_own_text_is_required_too() -> None:
    # 「次に掲げる」 has keiji.kakageru's keyword (掲) but none of the place words of its context: no need to
    # tokenize the many list-introducing sentences of a statute for it.
    listing = "申請者は、次に掲げる事項を記載した申請書を提出する。"
    assert "keiji.kakageru" not in RULESET.prefilter.possible_rules(listing)
    text = "砂利採取業者は、砂利採取場の見やすい場所に、標識を掲げなければならない。"
    assert "keiji.kakageru" in RULESET.prefilter.possible_rules(text)
    # An anchored regex (context `after: ^なければ…`) holds on a slice only: what is required of the whole text
    # is one of the literals its every match holds, never the anchored regex itself.
    kakageru = RULESET.rule("keiji.kakageru").rule
    anchored = [c.regex for c in kakageru.context if c.regex and c.regex.startswith("^")]
    assert anchored
    assert not any(r in rule_requirements(kakageru) for r in anchored)
    assert all("^" not in r for r in rule_requirements(kakageru))


def test_caption_conditions_are_checked_when_the_caption_is_known() -> None:
    # koshu.kikan needs a 見出し about a course's period or hours; its keyword 期間は is everywhere in statutes.
    text = "法第十七条の六第一項の政令で定める期間は、三年とする。"
    assert "koshu.kikan" in RULESET.prefilter.possible_rules(text)  # caption unknown: not held against it
    assert "koshu.kikan" in RULESET.prefilter.possible_rules(text, "（定期講習の受講期間）", "")
    assert "koshu.kikan" not in RULESET.prefilter.possible_rules(text, "（登録の有効期間）", "")
    # Scope provision reads the 柱書 too: the same string the matcher builds.
    sonae = "当該書類を事務所に備え置くものとする。"
    assert "etsuran.sonaeoki" not in RULESET.prefilter.possible_rules(sonae, "（帳簿）", "")
    assert "etsuran.sonaeoki" in RULESET.prefilter.possible_rules(sonae, "", "次に掲げる書類を閲覧に供する。")


def bundled_article_texts() -> list[str]:
    """The whole text of every article and paragraph of the bundled national laws, as the parser asks about them."""
    texts = []
    for path in sorted((ROOT / "ordinances" / "national").glob("*.xml")):
        for el in etree.parse(str(path)).iter("Article", "Paragraph"):
            texts.append("".join(el.itertext()).replace("\n", ""))
    return texts


def test_may_match_is_whether_any_rule_is_possible() -> None:
    # may_match stops at the first possible rule; it must answer as the full search does, on whole articles
    # (what the parser asks it) of the bundled laws, including those whose keywords fail every rule's requirements.
    prefilter = default_ruleset().prefilter
    texts = bundled_article_texts()
    keyword_but_no_rule = 0
    for text in texts:
        assert prefilter.may_match(text) == bool(prefilter.possible_rules(text)), text
        keyword_but_no_rule += prefilter.holds_keyword(text) and not prefilter.possible_rules(text)
    assert len(texts) > 1000 and keyword_but_no_rule > 10


def test_every_required_token_of_a_rule_must_have_its_words_in_the_text() -> None:
    # jitchi.kanryo_kensa is 検査 + を/も + 受ける: without 受 no match is possible, so the unit is not tokenized
    # for it — however common its keyword 検査 is.
    prefilter = RULESET.prefilter
    assert "jitchi.kanryo_kensa" not in prefilter.possible_rules("工事の現場に立入検査をさせることができる。")
    assert "jitchi.kanryo_kensa" in prefilter.possible_rules("工事が完了したときは、完了検査を受けなければならない。")


def test_only_the_sentences_that_can_hold_a_match_are_read() -> None:
    # The first sentence has 検査 (a keyword) but no を, which both 検査 rules need next to it; the second has all.
    text = "市長は、検査の結果について公表する。工事が完了したときは、完了検査を受けなければならない。"
    spans = sentence_spans(text)
    possible = RULESET.prefilter.possible_rules(text)
    needed = RULESET.prefilter.sentences_to_read(text, spans, possible)
    assert [text[b:e] for b, e in needed] == ["工事が完了したときは、完了検査を受けなければならない。"]
    analysis = analyze(text, RULESET)
    assert {h.rule for h in analysis.hits} == {h.rule for h in analyze(text, RULESET, use_prefilter=False).hits}
    assert analysis.hits and all(t.begin >= spans[1][0] for t in analysis.tokens)


def test_a_rules_words_must_come_in_the_patterns_order() -> None:
    # jitchi.kanryo_kensa is 検査 + を/も + 受ける, side by side: a sentence holding 受, 検査 and を in another order
    # cannot match it and is not tokenized for it; the same words in the pattern's order are.
    sequence = re.compile(rule_sequence(RULESET._by_id["jitchi.kanryo_kensa"].rule) or "")
    assert sequence.search("工事が完了したときは、完了検査を受けなければならない。")
    # (the pattern allows a bracket between 検査 and を: there the words need not be side by side)
    assert sequence.search("当該設備について検査（変更に係るものに限る。）を受けなければならない。")
    assert not sequence.search("当該設備について、これを受けた者の検査は、…")
    assert not sequence.search("前回受けた検査の記録を保存しなければならない。")
    text = "前回受けた検査の記録を保存しなければならない。"
    possible = frozenset({"jitchi.kanryo_kensa"})
    assert RULESET.prefilter.sentences_to_read(text, sentence_spans(text), possible) == []


def test_the_word_sequence_of_optional_tokens() -> None:
    # An optional token known by its surface is there or not; one known by a literal inside a REGEX may begin with
    # any text, so only a gap is known of it (a match with 「特別の」 before 講習 must not be lost).
    def sequence(*pattern: dict) -> re.Pattern[str]:
        examples = {"match": [{"text": "講習等を受ける。", "span": "講習"}], "no_match": ["講習会を受ける。"]}
        rule = Rule.model_validate(
            {"id": "t.t", "description": "a test pattern", "pattern": list(pattern), "examples": examples}
        )
        return re.compile(rule_sequence(rule) or "")

    exact = sequence({"SURFACE": "講習"}, {"SURFACE": "等", "OP": "?"}, {"SURFACE": "を"}, {"LEMMA": "受ける"})
    assert exact.search("講習等を受け") and exact.search("講習を受け")
    assert not exact.search("講習会を受け")
    optional_inside = {"SURFACE": {"REGEX": ".*特別.*"}, "OP": "?"}
    inside = sequence({"SURFACE": "講習"}, optional_inside, {"SURFACE": "を"}, {"LEMMA": "受ける"})
    assert inside.search("講習最特別を受け")  # the optional token's word inside it, after other text
    assert inside.search("講習を受け")


def test_the_word_sequence_of_a_lemma_that_does_not_inflect() -> None:
    # A lemma ending in a kanji is its word as written (no inflected ending follows), so the next token begins right
    # after it — or after a reading in brackets that Sudachi takes into the word (「項（い）」 is one token).
    examples = {"match": [{"text": "標識は、次のとおりとする。", "span": "標識は"}], "no_match": ["標識を掲げる。"]}
    rule = Rule.model_validate(
        {
            "id": "t.t",
            "description": "a test pattern",
            "pattern": [{"LEMMA": "標識"}, {"SURFACE": "の", "OP": "?"}, {"SURFACE": "は"}],
            "examples": examples,
        }
    )
    sequence = re.compile(rule_sequence(rule) or "")
    assert sequence.search("標識は、") and sequence.search("標識の") is None
    assert sequence.search("標識のは") and sequence.search("標識（イ）は")
    assert not sequence.search("標識を掲げる場所は、")
    # an inflecting lemma keeps its unknown ending: only its stem is known, then anything
    verb = Rule.model_validate(
        {
            "id": "t.t",
            "description": "a test pattern",
            "pattern": [{"LEMMA": "掲げる"}, {"SURFACE": "は"}],
            "examples": {"match": [{"text": "掲げるは", "span": "掲げるは"}], "no_match": ["掲げる。"]},
        }
    )
    assert re.search(rule_sequence(verb) or "", "掲げるものは")


def test_every_match_holds_its_rules_words_in_order() -> None:
    # The sequence test is lossless on real tokens: every match of every rule (read without the prefilter) on the
    # dev set's 550 provisions and on the rules' own examples holds its rule's words in the pattern's order, within
    # the matched text itself.
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [(text, caption, ancestors) for rec in records for text, caption, ancestors in units(rec)]
    texts += [(e.text, e.caption or "", e.context or "") for e in iter_examples(RULESET) if e.kind == "match"]
    sequences = {r.id: re.compile(q) for r in RULESET.rules if (q := rule_sequence(r.rule))}
    checked = 0
    for text, caption, ancestors in texts:
        analysis = analyze(text, RULESET, caption=caption, ancestors=ancestors, use_prefilter=False, trace=True)
        for hit in [*analysis.hits, *(r.hit for r in analysis.rejected)]:
            if hit.rule in sequences:
                begin, end = analysis.tokens[hit.tok_lo].begin, analysis.tokens[hit.tok_hi - 1].end
                assert sequences[hit.rule].search(text, begin, end), (hit.rule, text[begin:end])
                checked += 1
    assert checked > 1500, checked


def test_every_match_begins_and_ends_where_its_rules_edges_say() -> None:
    # What the sentence test's look at the windows before and after a match relies on (MatchEdges): a rule whose
    # first token is required and known by its words begins every match with one of them, and one whose last token
    # is ends every match where that word's token can end — checked on the dev set and the rules' own examples,
    # read without the prefilter, the rejected matches too (a window test turned them down after they were found).
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [(text, caption, ancestors) for rec in records for text, caption, ancestors in units(rec)]
    texts += [(e.text, e.caption or "", e.context or "") for e in iter_examples(RULESET) if e.kind == "match"]
    edges = {r.id: rule_edges(r.rule) for r in RULESET.rules}
    starts = ends = 0
    for text, caption, ancestors in texts:
        analysis = analyze(text, RULESET, caption=caption, ancestors=ancestors, use_prefilter=False, trace=True)
        normalized = text.translate(str.maketrans("()", "（）"))
        for hit in [*analysis.hits, *(r.hit for r in analysis.rejected)]:
            edge = edges[hit.rule]
            first, last = analysis.tokens[hit.tok_lo], analysis.tokens[hit.tok_hi - 1]
            if edge.start_words:
                assert normalized.startswith(edge.start_words, first.begin), (hit.rule, text[first.begin :][:20])
                starts += 1
            if edge.end_words:
                assert last.end in possible_ends(edge, normalized, last.begin), (hit.rule, last.surface)
                ends += 1
    assert starts > 1000 and ends > 1000, (starts, ends)


def possible_ends(edge, text: str, at: int) -> set[int]:
    """Where the last token of a match, beginning at ``at``, may end by MatchEdges (written out plainly)."""
    out: set[int] = set()
    for word, shortest, longest in edge.end_words:
        if text.startswith(word, at):
            for stop in range(at + shortest, min(at + longest, len(text)) + 1):
                out.add(stop)
                if text[stop : stop + 1] == "（" and (close := text.find("）", stop)) >= 0:
                    out.add(close + 1)
    return out


# (rule, a sentence with the rule's keyword where no match of it could be kept, one where it is, the matched word)
WINDOW_CASES = [
    # keiji.kakageru (掲げる) needs a place or sign word in the 60 characters before the verb: the list's 「次に掲げる」
    # far from any is not tokenized for it. (The window may reach into the sentence before, as the matcher's does:
    # the sentence left unread comes first.)
    (
        "keiji.kakageru",
        "前項の申請書には、当該事業の開始の予定年月日その他の事項のほか、次に掲げる事項を記載しなければならない。",
        "事業者は、その事業所の見やすい場所に、標識を掲げなければならない。",
        "掲げなければ",
    ),
    # mokushi.tenken (点検, one word) needs what follows it to make a duty (「点検しなければ」「点検を行う」 …)
    (
        "mokushi.tenken",
        "前条の点検の結果は、帳簿に記録しておくものとする。",
        "事業者は、当該設備を毎日点検しなければならない。",
        "点検し",
    ),
    # mokushi.kanshi needs the watching done in the sentence (「監視し」「監視させ」 …): a condition on the sentence
    (
        "mokushi.kanshi",
        "政府は、水質の汚濁の状況の監視の実施その他必要な措置を講ずるものとする。",
        "事業者は、作業を行う間、監視人を置き、作業の状況を監視させなければならない。",
        "監視させ",
    ),
]


@pytest.mark.parametrize(("rule", "unread", "read", "word"), WINDOW_CASES, ids=[c[0] for c in WINDOW_CASES])
def test_a_sentence_is_read_for_a_rule_only_where_its_window_and_sentence_conditions_can_hold(
    rule: str, unread: str, read: str, word: str
) -> None:
    text = unread + read
    possible = frozenset({rule})
    needed = RULESET.prefilter.sentences_to_read(text, sentence_spans(text), possible)
    assert [text[b:e] for b, e in needed] == [read]
    assert RULESET.prefilter.sentences_to_read(unread, sentence_spans(unread), possible) == []
    found = {(h.rule, h.begin) for h in analyze(text, RULESET).hits}
    assert (rule, text.index(word)) in found
    assert found == {(h.rule, h.begin) for h in analyze(text, RULESET, use_prefilter=False).hits}


def test_keyword_automaton_finds_exactly_the_keywords_in_the_text() -> None:
    """The prefilter reads a text once with an Aho–Corasick automaton of every keyword; the rules it finds must be
    those whose keyword occurs in the text (checked with ``in``), on every unit of the dev records and on every
    keyword put in a sentence, where keywords of different rules hold one another (both must be found). The
    sentences it picks to tokenize must be exactly those where a possible rule's keyword and all its sentence
    conditions lie inside the sentence, its window conditions near it, and (where it says where a match begins)
    its conditions on the window before a match hold before one of those places."""
    prefilter = RULESET.prefilter
    words = prefilter.keywords

    def brute(text: str) -> set[str]:
        return {rid for rid, ws in words.items() if any(w in text for w in ws)}

    def near(rid: str, text: str, begin: int, end: int) -> bool:
        # each window regex somewhere from its reach before the sentence to its reach after
        return all(
            re.search(rx, text[max(0, begin - before) : end + after])
            for rx, before, after in rule_near_requirements(RULESET.rule(rid).rule)
        )

    def edges_hold(rid: str, text: str, begin: int, end: int) -> bool:
        # some place in the sentence where a match could begin and end, with its window tests passing there
        edge = rule_edges(RULESET.rule(rid).rule)

        def window_ok(pairs, unless_pairs, cut) -> bool:
            return all(re.search(rx, cut(w)) for rx, w in pairs) and not any(
                re.search(rx, cut(w)) for rx, w in unless_pairs
            )

        def begins(words) -> list[int]:
            return [at for at in range(begin, end) if any(text.startswith(w, at, end) for w in words)]

        starts = None
        if edge.start_words and (edge.before or edge.before_unless):
            starts = [
                at
                for at in begins(edge.start_words)
                if window_ok(edge.before, edge.before_unless, lambda w, at=at: text[max(0, at - w) : at])
            ]
            if not starts:
                return False
        if not (edge.end_words and (edge.after or edge.after_unless)):
            return True
        places = starts if edge.one_token and starts is not None else begins([w for w, _, _ in edge.end_words])
        sentence = text[:end]
        return any(
            window_ok(edge.after, edge.after_unless, lambda w, stop=stop: text[stop : stop + w])
            for at in places
            for stop in possible_ends(edge, sentence, at)
        )

    def sentence_ok(rid: str, sentence: str) -> bool:
        context, unless = rule_sentence_conditions(RULESET.rule(rid).rule)
        return all(re.search(rx, sentence) for rx in context) and not any(re.search(rx, sentence) for rx in unless)

    def brute_sentences(text: str, possible: frozenset[str]) -> list[tuple[int, int]]:
        return [
            (begin, end)
            for begin, end in sentence_spans(text)
            if any(
                any(w in text[begin:end] for w in words[rid])
                and all(r.search(text[begin:end]) for r in prefilter._in_sentence.get(rid, ()))
                and near(rid, text, begin, end)
                and edges_hold(rid, text, begin, end)
                and sentence_ok(rid, text[begin:end])
                for rid in possible
            )
        ]

    # Keywords that hold another keyword: both must be found where the longer one occurs.
    every_word = {w for ws in words.values() for w in ws}
    nested = [(w, v) for w in every_word for v in every_word if w != v and v in w]
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [text for rec in records for text, _, _ in units(rec)]
    texts += [f"この法律について検査を行う。毎年{w}の後に" for w in sorted(every_word)]
    with_keyword = several_sentences = 0
    for text in texts:
        index = prefilter._keyword_index
        found = {rid for word, _, _ in index.occurrences(text) for rid in index.rules_of(word)}
        assert found == brute(text), text[:60]
        # The byte automaton (which words, not where) finds the very same occurrences as the one on characters.
        assert sorted(index.words_in(text)) == sorted(w for w, _, _ in index.occurrences(text)), text[:60]
        with_keyword += bool(found)
        possible = prefilter.possible_rules(text)
        needed = prefilter.sentences_to_read(text, sentence_spans(text), possible)
        assert needed == brute_sentences(text, possible), text[:60]
        several_sentences += len(needed) > 1
    assert with_keyword > 500 and several_sentences > 10
    assert nested, "no keyword holds another: overlapping occurrences are not exercised"


def test_a_regex_token_requires_the_literals_it_cannot_match_without() -> None:
    """「{LEMMA: {REGEX: ".*(?:講習|研修)"}}」 needs 講習 or 研修 in the sentence: a sentence about 時間 that names
    no course (「…の時間行うものとする」 in a work rule) is not tokenized for koshu.jikan_okonau."""
    rule = RULESET.rule("koshu.jikan_okonau").rule
    assert ["研修", "研修会", "講習", "講習会"] in rule_token_groups(rule)
    text = "作業主任者は、同表の下欄に掲げる時間行うものとする。"
    assert "koshu.jikan_okonau" not in RULESET.prefilter.possible_rules(text)
    course = "管理者講習は、同表の中欄に掲げる講習事項について、同表の下欄に掲げる講習時間行うものとする。"
    assert "koshu.jikan_okonau" in RULESET.prefilter.possible_rules(course)
    assert "koshu.jikan_okonau" in {h.rule for h in analyze(course, RULESET).hits}


def _brute_possible(prefilter, text: str, requires: dict) -> set[str]:
    """The definition the trigger plans must keep: a keyword of the rule in the text and all its regexes holding."""
    return {
        rid
        for rid, words in prefilter.keywords.items()
        if any(w in text for w in words) and all(r.search(text) for r in requires.get(rid, ()))
    }


def test_rules_are_looked_at_by_their_rarest_condition_and_found_exactly_as_by_their_keywords() -> None:
    """Each rule is looked for by its most selective necessary condition (word_shares.json says how common each
    word is), not always by its keywords; on every article and paragraph of the bundled laws, the rules found are
    exactly those whose keyword occurs and whose every required regex holds."""
    prefilter = default_ruleset().prefilter
    plan = prefilter._provision_plan
    # 「もの」 (a keyword of etsuran.viewed_matters) is in two articles of five; its 見出し condition 閲覧|縦覧 is rare.
    estimated = {w: prefilter_module.estimated_share([w]) for w in ("もの", "閲覧")}
    assert estimated["もの"] > 10 * estimated["閲覧"]
    viewed = "etsuran.viewed_matters"
    trigger_words = set(plan.triggers[viewed])
    assert trigger_words and not trigger_words & set(prefilter.keywords[viewed])
    texts = bundled_article_texts()
    found_any = 0
    for text in texts:
        expected = _brute_possible(prefilter, text, prefilter._requires)
        assert set(prefilter.possible_rules(text)) == expected, text[:60]
        in_provision = _brute_possible(prefilter, text, prefilter._requires_in_provision)
        assert prefilter.may_match_provision(text) == bool(in_provision), text[:60]
        assert prefilter.may_match_provision_utf8(text.encode()) == bool(in_provision), text[:60]
        found_any += bool(expected)
    assert len(texts) > 1000 and found_any > 100


def test_the_exclusions_are_only_tested_where_a_sentence_could_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sentence test comes before the shared exclusions' tests on the whole unit (they only narrow it): a unit
    # whose keyword sits where no rule could match is let go without them, one with a readable sentence is not.
    calls: list[frozenset[str]] = []
    original = type(RULESET).ruled_out

    def spy(self, possible, view):
        calls.append(possible)
        return original(self, possible, view)

    monkeypatch.setattr(type(RULESET), "ruled_out", spy)
    policy = "政府は、水質の汚濁の状況の監視の実施その他必要な措置を講ずるものとする。"
    assert RULESET.prefilter.possible_rules(policy) and analyze(policy, RULESET).prefiltered_out
    assert calls == []
    posting = "事業者は、その事業所の見やすい場所に、標識を掲げなければならない。"
    assert analyze(posting, RULESET).hits and len(calls) == 1


def test_rules_that_the_whole_unit_rules_out_are_not_read_for() -> None:
    """旅館業法's 罰則: the items of 「次の各号のいずれかに該当する者は、…罰金に処する。」 name the duties
    (「…検査を拒み」) with the keywords of inspection rules, but the shared penalty exclusion, tested on the
    paragraph, rejects every match there: such units are not tokenized at all, and nothing is lost (the same as
    without the prefilter)."""
    law = parse_file(ROOT / "ordinances" / "national" / "旅館業法.xml").law
    from analogreg.classify import _ancestor_texts
    from analogreg.ruleset.matcher import UnitView

    ancestors = _ancestor_texts(law)
    ruled_out_units = 0
    for unit in law.units():
        caption = unit.article.caption if unit.article is not None else ""
        holding = ancestors[id(unit.node)]
        possible = RULESET.prefilter.possible_rules(unit.text, caption, holding)
        if not possible or not RULESET.prefilter.sentences_to_read(unit.text, sentence_spans(unit.text), possible):
            continue
        view = UnitView(text=unit.text, tokens=[], caption=caption, ancestors=holding)
        if RULESET.ruled_out(possible, view) != possible:
            continue
        ruled_out_units += 1
        analysis = analyze(unit.text, RULESET, caption=caption, ancestors=holding)
        assert analysis.prefiltered_out and not analysis.tokens, unit.label
        assert not analyze(unit.text, RULESET, caption=caption, ancestors=holding, use_prefilter=False).hits
    assert ruled_out_units >= 2, ruled_out_units


def test_a_rule_with_nothing_but_its_keywords_is_settled_by_a_keyword_alone() -> None:
    """A rule with no required regex has no condition left once a keyword is found: the byte test answers yes on
    the keyword, as the str test does, and no where a rule that does have conditions is triggered without them."""
    plan = prefilter_module._Plan({"bare": ["掲示"], "conditioned": ["閲覧"]}, {"conditioned": (re.compile("縦覧"),)})
    for text, expected in [
        ("許可証を見やすい場所に掲示しなければならない。", True),
        ("帳簿を閲覧に供しなければならない。", False),
        ("帳簿を閲覧及び縦覧に供しなければならない。", True),
        ("帳簿を備えなければならない。", False),
    ]:
        assert plan.any_possible(text) is expected, text
        assert plan.any_possible_utf8(text.encode()) is expected, text
