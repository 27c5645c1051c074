"""Groups of near-identical clauses, on real provisions of the 2020 e-Gov archive."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from analogreg.grouping import DEFAULT_THRESHOLD, assign_groups, block_of, cluster, mask, wording_key
from analogreg.records import Finding

# 理容師法 and 消防法: the same inspection of a 指定試験機関, by different ministers, for different exams.
RIYOSHI_SHIKEN = (
    "厚生労働大臣は、試験事務の適正な実施を確保するため必要があると認めるときは、指定試験機関に対し、試験事務の"
    "状況に関し必要な報告を求め、又はその職員に、指定試験機関の事務所に立ち入り、試験事務の状況若しくは設備、帳簿、"
    "書類その他の物件を検査させることができる。"
)
SHOBO_SHIKEN = (
    "総務大臣は、危険物取扱者試験事務の適正な実施を確保するため必要があると認めるときは、指定試験機関に対し、"
    "危険物取扱者試験事務の状況に関し必要な報告を求め、又はその職員に、指定試験機関の事務所に立ち入り、危険物取扱者"
    "試験事務の状況若しくは設備、帳簿、書類その他の物件を検査させることができる。"
)
# 理容師法: an inspection of the barbershop itself, a different duty with the same matched wording.
RIYOSHI_RIYOSHO = (
    "都道府県知事は、必要があると認めるときは、当該職員に、理容所に立ち入り、第九条又は前条の規定による措置の"
    "実施の状況を検査させることができる。"
)
# 興行場法 and 公衆浴場法: the premises inspections, citing different articles.
KOGYOJO = (
    "都道府県知事は、必要があると認めるときは、営業者その他の関係者から必要な報告を求め、又は当該職員に、興行場に"
    "立ち入り、第三条第一項の規定による措置の実施の状況を検査させることができる。"
)
YOKUJO = (
    "都道府県知事は、必要があると認めるときは、営業者その他の関係者から必要な報告を求め、又は当該職員に公衆浴場に"
    "立ち入り、第二条第四項の規定により付した条件の遵守若しくは第三条第一項の規定による措置の実施の状況を検査させる"
    "ことができる。"
)
# 警備業法 第6条 and 自動車運転代行業の業務の適正化に関する法律 第6条: posting the 認定証.
KEIBI = "警備業者は、認定証をその主たる営業所の見やすい場所に掲示しなければならない。"
DAIKO = "自動車運転代行業者は、認定証を主たる営業所の見やすい場所に掲示しなければならない。"
# と畜場法 第12条第3項: posting the fees, another posting duty.
TOCHIKU = (
    "と畜場の設置者若しくは管理者又はと畜業者は、第一項の規定により認可を受けたと畜場使用料又はとさつ解体料を、"
    "と畜場内の見やすい場所に掲示しなければならない。"
)


def finding(doc: str, text: str, category: str, words: list[str]) -> Finding:
    spans = []
    for word in words:
        start = text.index(word)
        spans.append((start, start + len(word)))
    return Finding(
        finding_id=doc,
        doc=doc,
        law_title=doc,
        label="第1条",
        categories=[category],
        rules=["test"],
        matched=words,
        spans=spans,
        text=text,
    )


def inspection(doc: str, text: str) -> Finding:
    return finding(doc, text, "実地検査", ["立ち入り", "検査させる"])


def posting(doc: str, text: str) -> Finding:
    return finding(doc, text, "書面掲示", ["掲示しなければ"])


def corpus() -> list[Finding]:
    return [
        inspection("riyoshi/27", RIYOSHI_SHIKEN),
        inspection("shobo/16_44", SHOBO_SHIKEN),
        inspection("riyoshi/13", RIYOSHI_RIYOSHO),
        inspection("kogyojo/5", KOGYOJO),
        inspection("yokujo/6", YOKUJO),
        posting("keibi/6", KEIBI),
        posting("daiko/6", DAIKO),
        posting("tochiku/12", TOCHIKU),
    ]


def groups_by_doc(findings: list[Finding]) -> dict[str, str]:
    return {f.doc: f.group for f in findings}


def test_the_same_duty_in_two_laws_shares_a_group_and_different_duties_do_not() -> None:
    findings = corpus()
    assign_groups(findings)
    g = groups_by_doc(findings)
    assert g["riyoshi/27"] == g["shobo/16_44"]
    assert g["kogyojo/5"] == g["yokujo/6"]
    assert g["keibi/6"] == g["daiko/6"]
    # Same categories and matched wording, different duty: the 理容所 against the 指定試験機関.
    assert g["riyoshi/13"] != g["riyoshi/27"]
    assert g["kogyojo/5"] != g["riyoshi/27"]
    assert g["tochiku/12"] != g["keibi/6"]
    assert len(set(g.values())) == 5


def test_different_categories_never_share_a_group_even_with_the_same_text() -> None:
    a = finding("a", KEIBI, "書面掲示", ["掲示しなければ"])
    b = finding("b", KEIBI, "常駐専任", ["掲示しなければ"])
    assign_groups([a, b])
    assert a.group != b.group


def test_group_ids_do_not_depend_on_input_order_and_survive_unrelated_additions() -> None:
    findings = corpus()
    assign_groups(findings)
    expected = groups_by_doc(findings)

    shuffled = corpus()
    random.Random(7).shuffle(shuffled)
    assign_groups(shuffled)
    assert groups_by_doc(shuffled) == expected

    # A new law whose clause joins no existing group leaves every existing id as it was.
    unrelated = finding(
        "new/3",
        "事業者は、毎年一回以上、定期に、当該設備の自主検査を行わなければならない。",
        "定期検査・点検",
        ["定期に", "自主検査"],
    )
    grown = [*corpus(), unrelated]
    assign_groups(grown)
    assert {d: gid for d, gid in groups_by_doc(grown).items() if d != "new/3"} == expected
    assert groups_by_doc(grown)["new/3"] not in expected.values()


def test_mask_hides_references_numbers_definitions_and_authorities() -> None:
    masked = mask("都道府県知事は、第七十七条の二十八第二項の規定により（以下「特定施設」という。）三十日以内に")
    assert masked == "Ｎは、§の規定により（）〇日以内に"
    # 条項 references written in arabic numerals (例規集 style) mask the same way as 漢数字 ones.
    assert mask("市長は、第3条第1項の規定による") == mask("町長は、第十二条第三項の規定による")
    # Nested parentheses collapse entirely.
    assert mask("許可証（第十条の二第一項の認定（同条第三項）を受けた者にあつては、認定証）を") == "許可証（）を"


def test_wording_key_keeps_only_the_sentences_that_hold_a_match() -> None:
    text = "前項の規定は、適用しない。" + KEIBI + "この場合において、届け出るものとする。"
    start = text.index("掲示")
    key = wording_key(text, [(start, start + 2)])
    assert key == mask(KEIBI)


def test_wording_key_picks_every_sentence_a_span_touches_among_thousands() -> None:
    # A pasted article with thousands of duties: each sentence is tested by bisection, and a sentence counts
    # when any span overlaps it — also a span that starts in the sentence before and runs into it.
    duty, other = "事業者は、見やすい場所に掲示しなければならない。", "前項の規定は、適用しない。"
    sentences = [duty if i % 3 else other for i in range(3000)]
    text = "".join(sentences)
    starts = [sum(map(len, sentences[:i])) for i in range(len(sentences))]
    spans = [
        (s + duty.index("掲示"), s + duty.index("掲示") + 2)
        for s, t in zip(starts, sentences, strict=True)
        if t == duty
    ]
    spans.append((starts[4] - 3, starts[4] + 1))  # runs from sentence 3 (an other) into sentence 4 (a duty)
    spans.append((starts[6] - 1, starts[6]))  # ends exactly where sentence 6 starts: touches only sentence 5
    held = [t for s, t in zip(starts, sentences, strict=True) if any(a < s + len(t) and b > s for a, b in spans)]
    assert held.count(other) == 1  # sentence 3, reached only by the span running across the 。
    assert wording_key(text, list(reversed(spans))) == mask("".join(held))


def test_cluster_scales_by_blocks_and_identical_keys() -> None:
    # Many identical clauses (a common formula repeated across laws) collapse before any pairwise scoring.
    items = [(block_of(["書面掲示"], ["掲示"]), mask(KEIBI))] * 5000
    items += [(block_of(["実地検査"], ["立ち入り"]), mask(RIYOSHI_RIYOSHO))] * 5000
    groups = cluster(items)
    assert len(set(groups[:5000])) == 1
    assert len(set(groups[5000:])) == 1
    assert groups[0] != groups[-1]


def test_a_full_stop_inside_parentheses_does_not_end_the_sentence() -> None:
    # 消防法施行規則 第二十条第四項第四号ハ: the match follows a parenthesis that holds its own 。.
    text = (
        "その見やすい箇所に、充てん消火剤量、消火剤の種類、最高使用圧力（加圧式のものに限る。）、製造年月及び製造者名"
        "を記載した標示を付すること。"
    )
    start = text.index("標示")
    assert wording_key(text, [(start, start + 2)]) == mask(text)


def test_the_duty_bearer_is_masked_even_with_a_parenthesis() -> None:
    # Shortened from the 財務諸表 clauses of 登録講習機関 and 指定試験機関 in the 2020 archive.
    a = mask("登録講習機関（以下「機関」という。）は、財産目録を作成し、事務所に備えて置かなければならない。")
    b = mask("指定試験機関は、財産目録を作成し、事務所に備えて置かなければならない。")
    assert a == b == "Ｎは、財産目録を作成し、事務所に備えて置かなければならない。"


def test_a_group_does_not_chain_through_small_steps() -> None:
    # From the 理容師法 指定試験機関 clause to an ordinary business inspection, one phrase at a time: each step
    # reads like the one before (ratio ≥ 87), the last reads like the first no more (62).
    replacements = (
        ("試験事務の適正な実施を確保するため", "この法律の施行に必要な限度において"),
        ("指定試験機関に対し", "登録を受けた者に対し"),
        ("試験事務の状況に関し必要な報告を求め", "その業務に関し報告をさせ"),
        ("指定試験機関の事務所", "その者の営業所、倉庫その他の施設"),
        ("試験事務の状況若しくは設備、帳簿、書類その他の物件", "業務の状況若しくは帳簿その他の物件"),
    )
    steps = [RIYOSHI_SHIKEN]
    for old, new in replacements:
        steps.append(steps[-1].replace(old, new))
    findings = [inspection(f"law{i}", text) for i, text in enumerate(steps)]
    assign_groups(findings)
    keys = {f.doc: wording_key(f.text, f.spans) for f in findings}
    groups = {f.group for f in findings}
    assert len(groups) > 1
    assert findings[0].group != findings[-1].group
    for group in groups:
        members = [keys[f.doc] for f in findings if f.group == group]
        # Some member (the representative) reads close to every other member of its group.
        assert any(all(fuzz.ratio(rep, other) >= DEFAULT_THRESHOLD for other in members) for rep in members)


def test_a_condition_is_not_taken_for_the_duty_bearer() -> None:
    # 三郷市建築計画概要書等閲覧規程 第5条 (bundled in ordinances/misato).
    text = "建築計画概要書等の整理その他必要がある場合は、閲覧時間を変更し、又は臨時に休日を設けるものとし、"
    assert mask(text) == text
