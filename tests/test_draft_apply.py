"""The applier reads 改め文 on its own: real e-Gov wording, every location form, and every refusal with a reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analogreg.draft.apply import ApplyError, apply_aratame

FIXTURES = Path(__file__).parent / "fixtures" / "draft"
# 60 real AmendProvision sentences drawn at random from the 2020 e-Gov archive (any form) …
REAL = [line for line in (FIXTURES / "egov_amend_sentences.txt").read_text(encoding="utf-8").splitlines() if line]
# … and 40 real sentences of plain replacements (第N条(第M項)中「A」を「B」に…改める。).
REPLACEMENTS = (FIXTURES / "egov_amend_replacements.txt").read_text(encoding="utf-8").splitlines()


def _texts(aratame: str, provisions: dict[str, str]) -> dict[str, str]:
    return {label: p.text for label, p in apply_aratame(aratame, provisions).items()}


# --- real wording --------------------------------------------------------------------------------------------

_K = "[一二三四五六七八九十百千]+"
_SIMPLE = re.compile(rf"^(第{_K}条(?:の{_K})*(?:第{_K}項)?)中")
_PAIR = re.compile(r"「([^「」]*)」を「([^「」]*)」に")


def _simple_real_sentences():
    """Real sentences of the form 第N条(第M項)中「A」を「B」に(、「C」を「D」に)改める。 without nested quotes."""
    for sentence in REPLACEMENTS:
        location = _SIMPLE.match(sentence)
        if not location:
            continue
        body = sentence[location.end() :]
        pairs = _PAIR.findall(body)
        rebuilt = "、".join(f"「{a}」を「{b}」に" for a, b in pairs) + "改める。"
        if pairs and body == rebuilt:
            yield location.group(1), pairs, sentence


SIMPLE = list(_simple_real_sentences())


def test_fixture_holds_enough_simple_real_sentences():
    assert len(SIMPLE) >= 30


@pytest.mark.parametrize(("label", "pairs", "sentence"), SIMPLE, ids=[s[2][:20] for s in SIMPLE])
def test_real_replacement_sentences_apply(label, pairs, sentence):
    # A provision that holds each quoted string once, separated by a character no quote contains.
    old = "／".join(a for a, _ in pairs) + "。"
    expected = "／".join(b for _, b in pairs) + "。"
    if any(old.count(a) != 1 for a, _ in pairs):
        pytest.skip("quotes overlap in the synthetic provision")
    assert _texts(sentence, {label: old})[label] == expected


def test_real_sentences_are_read_or_refused_with_a_reason():
    read = refused = 0
    for sentence in REAL:
        try:
            apply_aratame(sentence, {})
        except ApplyError as err:
            assert err.reason
            if err.reason.startswith("改正箇所が見つかりません"):
                read += 1  # parsed to the end; only the (empty) provision map stopped it
            else:
                refused += 1
    assert read >= 0.8 * len(REAL)


# --- forms -----------------------------------------------------------------------------------------------------


def test_grouped_and_mixed_operations():
    old = "市長は、書面を掲示し、書類を備え、帳簿を保存する。"
    aratame = (
        "第3条中「掲示し」を「公表し」に、「書類」を「電磁的記録」に改め、「帳簿を」を削り、"
        "「保存」の次に「及び公開」を加える。"
    )
    assert _texts(aratame, {"第3条": old})["第3条"] == "市長は、書面を公表し、電磁的記録を備え、保存及び公開する。"


def test_list_forms_of_quotes():
    old = "甲、乙、丙及び丁を置く。"
    assert _texts("第1条中「甲、」、「乙、」及び「丙及び」を削る。", {"第1条": old})["第1条"] == "丁を置く。"
    assert _texts("第1条中「甲」及び「丙」を「戊」に改める。", {"第1条": old})["第1条"] == "戊、乙、戊及び丁を置く。"


def test_dou_jou_and_dou_kou_follow_the_last_citation():
    provisions = {
        "第3条第1項": "書面を掲示する。",
        "第3条第2項": "前項の書面は、縦覧に供する。",
        "第3条第2項第1号": "掲示の場所",
        "第3条第2項第2号": "掲示の期間",
    }
    aratame = (
        "第3条第1項中「掲示」を「公表」に改め、同条第2項中「縦覧」を「閲覧」に改め、"
        "同項第1号中「場所」を「方法」に改め、同項第2号中「掲示」を「公表」に改める。"
    )
    after = _texts(aratame, provisions)
    assert after == {
        "第3条第1項": "書面を公表する。",
        "第3条第2項": "前項の書面は、閲覧に供する。",
        "第3条第2項第1号": "掲示の方法",
        "第3条第2項第2号": "公表の期間",
    }


def test_locations_of_suppl_appendix_subitem_and_kanji_numbers():
    provisions = {
        "附則第2項": "この規則は、公布の日から施行する。",
        "別表第1": "掲示場に掲示する事項",
        "第七条第一項第二号イ": "書面を掲示すること",
        "附則（平成10年条例第5号）第3項": "書面の掲示",
    }
    aratame = "\n".join(
        [
            "附則第2項中「公布の日」を「令和7年4月1日」に改める。",
            "別表第1中「掲示する」を「公表する」に改める。",
            "第7条第1項第2号イ中「書面」を「電磁的記録」に改める。",
            "附則（平成10年条例第5号）第3項中「掲示」を「公表」に改める。",
        ]
    )
    after = _texts(aratame, provisions)
    assert after["附則第2項"] == "この規則は、令和7年4月1日から施行する。"
    assert after["別表第1"] == "掲示場に公表する事項"
    assert after["第七条第一項第二号イ"] == "電磁的記録を掲示すること"
    assert after["附則（平成10年条例第5号）第3項"] == "書面の公表"


def test_several_locations_get_the_same_operation():
    provisions = {"第3条": "書面を掲示する。", "第5条第2項": "書面を備える。"}
    after = _texts("第3条及び第5条第2項中「書面」を「電磁的記録」に改める。", provisions)
    assert after == {"第3条": "電磁的記録を掲示する。", "第5条第2項": "電磁的記録を備える。"}


def test_nested_quotes_are_read_whole():
    old = "この条例において「法」という。"
    after = _texts("第2条中「「法」という」を「「条例」という」に改める。", {"第2条": old})
    assert after["第2条"] == "この条例において「条例」という。"


def test_qualified_locations():
    provisions = {"第6条": "書類を掲示する。", "第6条第1号": "書類を掲示した日"}
    after = _texts("第6条各号列記以外の部分中「掲示」を「公表」に改める。", provisions)
    assert after == {"第6条": "書類を公表する。", "第6条第1号": "書類を掲示した日"}
    old = "書類を掲示する。ただし、書類を掲示することが困難なときは、この限りでない。"
    after = _texts("第5条ただし書中「掲示」を「公表」に改める。", {"第5条": old})
    assert after["第5条"] == "書類を掲示する。ただし、書類を公表することが困難なときは、この限りでない。"
    after = _texts("第5条本文中「掲示」を「公表」に改める。", {"第5条": old})
    assert after["第5条"] == "書類を公表する。ただし、書類を掲示することが困難なときは、この限りでない。"


def test_sentences_added_and_removed():
    old = "市長は、書類を掲示しなければならない。"
    after = _texts("第5条に次のただし書を加える。\n\u3000ただし、この限りでない。", {"第5条": old})
    assert after["第5条"] == old + "ただし、この限りでない。"
    after = _texts("第5条に後段として次のように加える。\n\u3000この場合において、公表する。", {"第5条": old})
    assert after["第5条"] == old + "この場合において、公表する。"
    assert _texts("第5条ただし書を削る。", {"第5条": old + "ただし、この限りでない。"})["第5条"] == old


def test_origins_record_what_changed():
    provision = apply_aratame("第1条中「甲」を「乙丙」に改め、「丁」を削る。", {"第1条": "甲と丁。"})["第1条"]
    assert provision.text == "乙丙と。"
    assert provision.origin == [None, None, 1, 3]


# --- refusals ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aratame", "provisions", "reason"),
    [
        ("第3条中「公表」を「掲示」に改める。", {"第3条": "書面を掲示する。"}, "ありません"),
        ("第3条中「書面」を「記録」に改める。", {"第3条": "書面を書面で掲示する。"}, "2箇所"),
        # The cited paragraph covers its items: a second occurrence in an item is ambiguous too (b.2).
        (
            "第3条第2項中「掲示」を「公表」に改める。",
            {"第3条第2項": "掲示する。", "第3条第2項第1号": "掲示の日"},
            "2箇所",
        ),
        ("第9条中「書面」を「記録」に改める。", {"第3条": "書面を掲示する。"}, "見つかりません"),
        ("第3条中「書面を「記録」に改める。", {"第3条": "書面を掲示する。"}, ""),
        ("第3条中「書面」を「記録」に改める。余計な文", {"第3条": "書面を掲示する。"}, "読めません"),
        ("第3条中「書面」を「記録」に改める", {"第3条": "書面を掲示する。"}, "。"),
        ("同項中「書面」を「記録」に改める。", {"第3条": "書面を掲示する。"}, "同項"),
        ("第3条中「書面」を「記録」に削る。", {"第3条": "書面を掲示する。"}, ""),
        ("第3条中「書面」を「記録」に、「掲示」を削る。", {"第3条": "書面を掲示する。"}, ""),
        ("第3条に次のただし書を加える。", {"第3条": "書面を掲示する。"}, "次の行"),
        (
            "第3条中「掲示」の次に「し、又は公表」を加える。",
            {"第3条第1項": "掲示する。", "第3条第2項": "掲示"},
            "2箇所",
        ),
    ],
)
def test_refusals_carry_a_reason(aratame, provisions, reason):
    with pytest.raises(ApplyError) as caught:
        apply_aratame(aratame, provisions)
    assert reason in caught.value.reason
    assert caught.value.reason


def test_unbalanced_quote_is_refused():
    with pytest.raises(ApplyError, match="閉じていません"):
        apply_aratame("第3条中「書面を「記録」に改める。", {"第3条": "書面を掲示する。"})


def test_refusal_leaves_no_half_applied_state_to_the_caller():
    provisions = {"第3条": "書面を掲示する。"}
    with pytest.raises(ApplyError):
        apply_aratame("第3条中「書面」を「記録」に改め、「公表」を削る。", provisions)
    assert provisions == {"第3条": "書面を掲示する。"}


def test_rewriting_a_whole_article():
    after = _texts("第10条を次のように改める。\n\u3000第10条\u3000削除", {"第10条": "旧規定。"})
    assert after["第10条"] == "削除"
    with pytest.raises(ApplyError, match="合いません"):
        apply_aratame("第10条を次のように改める。\n第11条\u3000削除", {"第10条": "旧規定。"})
    # An article with items: rewritten as 削除 it takes them with it; rewritten as anything else it cannot be.
    with_items = {"第10条": "次に掲げる方式とする。", "第10条第1号": "甲", "第10条第2号": "乙", "第11条": "丙"}
    after = _texts("第10条を次のように改める。\n\u3000第10条\u3000削除", with_items)
    assert after == {"第10条": "削除", "第10条第1号": "", "第10条第2号": "", "第11条": "丙"}
    with pytest.raises(ApplyError, match="号など"):
        apply_aratame("第10条を次のように改める。\n第10条\u3000次に掲げる方式とする。", with_items)
    # An article of a 附則 is numbered within it: the new line is 「第2条　削除」, not 「附則第2条　削除」.
    assert _texts("附則第2条を次のように改める。\n第2条\u3000削除", {"附則第2条": "旧規定。"}) == {"附則第2条": "削除"}
    with pytest.raises(ApplyError, match="合いません"):
        apply_aratame("附則第2条を次のように改める。\n附則第2条\u3000削除", {"附則第2条": "旧規定。"})


def test_rewriting_consecutive_articles_as_deleted_together():
    """「第12条から第14条までを次のように改める。」 + 「第12条から第14条まで　削除」: every article of the range (a
    branch article among them) and all their parts; the first becomes 削除, the others are left no text of their own."""
    provisions = {
        "第11条": "媒体を提出する。",
        "第12条": "規格は、次のとおりとする。",
        "第12条第1号": "甲",
        "第12条の2": "乙。",
        "第13条": "丙。",
        "第14条": "丁。",
    }
    after = _texts("第12条から第14条までを次のように改める。\n第12条から第14条まで\u3000削除", provisions)
    assert after == {
        "第11条": "媒体を提出する。",
        "第12条": "削除",
        "第12条第1号": "",
        "第12条の2": "",
        "第13条": "",
        "第14条": "",
    }
    two = _texts("第13条及び第14条を次のように改める。\n第13条及び第14条\u3000削除", provisions)
    assert two["第13条"] == "削除" and two["第14条"] == "" and two["第12条"] == provisions["第12条"]
    # A range reads in a 中 clause too: the operations apply in every article of it.
    texts = {"第1条": "書面を掲示する。", "第2条": "書面を備える。", "第3条": "書面を送る。"}
    assert _texts("第1条から第2条まで中「書面」を「記録」に改める。", texts)["第2条"] == "記録を備える。"
    refusals = [
        ("第12条から第14条までを次のように改める。\n第12条及び第13条\u3000削除", "合いません"),
        ("第12条及び第13条を次のように改める。\n第12条及び第13条\u3000次のとおりとする。", "削除"),
        ("第12条から第15条までを次のように改める。\n第12条から第15条まで\u3000削除", "見つかりません"),
        ("第14条から第12条までを次のように改める。\n第14条から第12条まで\u3000削除", "前です"),
        ("第12条から第14条第1項までを次のように改める。\n第12条\u3000削除", "同じ種類"),
        ("第12条第1号イからハまで中「甲」を「乙」に改める。", "範囲は読めません"),
    ]
    for aratame, reason in refusals:
        with pytest.raises(ApplyError, match=reason):
            apply_aratame(aratame, provisions)


def test_roman_numbered_subitems_of_national_ordinances():
    # A real label from the 2020 archive (昭和四十六年総理府令第十号): 細目 numbered in full-width roman letters.
    label = "第十六条の三第二項第九号ロ（１）（ｉｉｉ）"
    after = _texts(f"{label}中「書面」を「電磁的記録」に改める。", {label: "書面を備えること"})
    assert after[label] == "電磁的記録を備えること"
    assert _texts("第16条の3第2項第9号ロ(1)(iii)中「書面」を「記録」に改める。", {label: "書面"})[label] == "記録"
    # …and lettered ones (昭和二十七年運輸省令第五十六号 第百十七条第一項第三号ハ（二）ｊ).
    lettered = "第百十七条第一項第三号ハ（二）ｊ"
    assert _texts(f"{lettered}中「書面」を「記録」に改める。", {lettered: "書面"})[lettered] == "記録"


# --- listed locations that continue the one before (b.2) --------------------------------------------------------


def test_a_listed_location_continues_the_one_before():
    # 倉庫業法 (e-Gov AmendProvision, shared corpus): the second 号 is 第二十九条第五号, not a 第五号 of its own.
    provisions = {
        "第二十九条": "次の各号のいずれかに該当する者は、五十万円以下の罰金に処する。",
        "第二十九条第四号": "倉庫証券の発行に関する規定に違反した者",
        "第二十九条第五号": "倉庫証券の記載事項に関する規定に違反した者",
    }
    after = _texts("第二十九条第四号及び第五号中「倉庫証券」を「倉荷証券」に改める。", provisions)
    assert after["第二十九条第四号"] == "倉荷証券の発行に関する規定に違反した者"
    assert after["第二十九条第五号"] == "倉荷証券の記載事項に関する規定に違反した者"
    # An article-less 附則: 第3項 there is 附則第3項.
    suppl = {"附則第2項": "書面で通知する。", "附則第3項": "書面で報告する。", "第3項": "書面を備える。"}
    after = _texts("附則第2項及び第3項中「書面」を「電磁的記録」に改める。", suppl)
    assert after["附則第2項"] == "電磁的記録で通知する。" and after["附則第3項"] == "電磁的記録で報告する。"
    assert after["第3項"] == "書面を備える。"


def test_mixed_level_lists_of_a_real_bill_sentence():
    # 所得税法等の一部を改正する法律案 (令和2年, shared corpus), 第四十一条: items of two paragraphs and paragraphs
    # in one list (「同条第三項第二号及び第五号並びに第四項第二号中」), and 同条 after a list.
    sentence = (
        "第四十一条第一項中「平成三十三年十二月三十一日」を「令和三年十二月三十一日」に改め、同条第三項第二号及び第五号"
        "並びに第四項第二号中「平成三十三年」を「令和三年」に改め、同条第十項中「平成三十三年十二月三十一日」を"
        "「令和三年十二月三十一日」に改め、同条第十一項第一号及び第三号並びに第十二項中「平成三十三年」を「令和三年」に"
        "改め、同条第十三項及び第十六項中「平成三十一年十月一日」を「令和元年十月一日」に、「平成三十二年十二月三十一日」"
        "を「令和二年十二月三十一日」に改め、同条第二十一項中「翌年又は翌々年」を「翌年以後三年以内の各年」に改める。"
    )
    quotes = {
        "第四十一条第一項": ["平成三十三年十二月三十一日"],
        "第四十一条第三項第二号": ["平成三十三年"],
        "第四十一条第三項第五号": ["平成三十三年"],
        "第四十一条第四項第二号": ["平成三十三年"],
        "第四十一条第十項": ["平成三十三年十二月三十一日"],
        "第四十一条第十一項第一号": ["平成三十三年"],
        "第四十一条第十一項第三号": ["平成三十三年"],
        "第四十一条第十二項": ["平成三十三年"],
        "第四十一条第十三項": ["平成三十一年十月一日", "平成三十二年十二月三十一日"],
        "第四十一条第十六項": ["平成三十一年十月一日", "平成三十二年十二月三十一日"],
        "第四十一条第二十一項": ["翌年又は翌々年"],
    }
    # A provision holding each quoted string once, the others unchanged (第三項第三号 is not in the list).
    provisions = {label: "／".join(texts) + "。" for label, texts in quotes.items()}
    provisions["第四十一条第三項第三号"] = "平成三十三年。"
    after = _texts(sentence, provisions)
    assert after["第四十一条第三項第五号"] == after["第四十一条第十一項第三号"] == "令和三年。"
    assert after["第四十一条第十二項"] == "令和三年。"
    assert after["第四十一条第十六項"] == "令和元年十月一日／令和二年十二月三十一日。"
    assert after["第四十一条第二十一項"] == "翌年以後三年以内の各年。"
    assert after["第四十一条第三項第三号"] == "平成三十三年。"


# --- 見出し ----------------------------------------------------------------------------------------------------

# A real 改め文 (e-Gov AmendProvision, amending 森林環境税及び森林環境譲与税に関する法律施行規則) that changes the
# same words in an article's 見出し and in its text; the texts after are the article as the 2020 archive prints it,
# the texts before are those with the sentence's changes undone.
_FOREST_SENTENCE = (
    "附則第三条の見出し中「平成三十一年度から平成三十三年度まで」を「令和元年度から令和三年度まで」に改め、同条中"
    "「平成三十一年度から平成三十三年度まで」を「令和元年度から令和三年度まで」に改め、「附則第三条第一項」の下に"
    "「又は第二項」を加える。"
)
_FOREST_CAPTION = "（令和元年度から令和三年度までの各年度における法第二十八条第一項の私有林人工林の面積）"
_FOREST_TEXT = (
    "令和元年度から令和三年度までの各年度において法附則第三条第一項又は第二項の規定により読み替えて適用される法第二十八"
    "条第一項に規定する統計法第二条第四項に規定する基幹統計である農林業構造統計の最近に公表された結果又は林野庁長官が"
    "実施した調査のうち総務省令で定める調査の最近に公表された結果による私有林かつ人工林の面積は、前条に規定する調査の"
    "結果による平成二十九年三月三十一日現在における私有林かつ人工林の面積（以下この条において「私有林人工林面積」と"
    "いう。）とする。"
)


def _forest_before(text: str) -> str:
    return text.replace("令和元年度から令和三年度まで", "平成三十一年度から平成三十三年度まで").replace(
        "附則第三条第一項又は第二項", "附則第三条第一項"
    )


def test_a_real_sentence_amends_a_caption_and_then_its_article():
    # 「附則第三条の見出し中」 reaches the 見出し alone; 「同条中」 then the article's text, front to back (b.4).
    before = {"附則第三条の見出し": _forest_before(_FOREST_CAPTION), "附則第三条": _forest_before(_FOREST_TEXT)}
    after = _texts(_FOREST_SENTENCE, before)
    assert after == {"附則第三条の見出し": _FOREST_CAPTION, "附則第三条": _FOREST_TEXT}


def test_a_quote_found_only_in_the_caption_is_not_in_the_article():
    # 法制執務: 「第三条中」 is the article's text, not its 見出し, which is cited on its own (「第三条の見出し中」) or
    # added in words (「第三条（見出しを含む。）中」).
    before = {"附則第三条の見出し": _forest_before(_FOREST_CAPTION), "附則第三条": _forest_before(_FOREST_TEXT)}
    with pytest.raises(ApplyError, match="私有林人工林の面積）"):
        apply_aratame("附則第三条中「私有林人工林の面積）」を「私有林人工林面積）」に改める。", before)
    changed = _texts("附則第三条の見出し中「私有林人工林の面積」を「私有林人工林面積」に改める。", before)
    assert changed["附則第三条の見出し"].endswith("の私有林人工林面積）")
    assert changed["附則第三条"] == before["附則第三条"]


# 「（見出しを含む。）」: a real sentence of e-Gov (amending 青少年が安全に安心してインターネットを利用できる
# 環境の整備等に関する法律) on the texts the 2020 archive prints after it; before, the joint 省令 had its old name.
_JOINT = "総務省令・経済産業省令"
_YOUTH_SENTENCE = (
    "第二十四条第二項及び第六項、第二十五条第一項並びに第二十九条（見出しを含む。）中「総務省令及び経済産業省令」を"
    "「総務省令・経済産業省令」に改める。"
)
_YOUTH_AFTER = {
    "第二十四条の見出し": "（フィルタリング推進機関の登録）",
    "第二十四条第二項": "前項の登録（以下単に「登録」という。）を受けようとする者は、総務省令・経済産業省令で"
    "定めるところにより、総務大臣及び経済産業大臣に申請をしなければならない。",
    "第二十四条第六項": "フィルタリング推進機関は、前項第二号又は第三号に掲げる事項を変更しようとするときは、"
    "総務省令・経済産業省令で定めるところにより、その旨を総務大臣及び経済産業大臣に届け出なければならない。",
    "第二十五条の見出し": "（業務の休廃止）",
    "第二十五条第一項": "フィルタリング推進機関は、フィルタリング推進業務を休止し、又は廃止したときは、"
    "総務省令・経済産業省令で定めるところにより、その旨を総務大臣及び経済産業大臣に届け出なければならない。",
    "第二十九条の見出し": "（総務省令・経済産業省令への委任）",
    "第二十九条": "この節に規定するもののほか、フィルタリング推進機関及びフィルタリング推進業務に関し必要な"
    "事項は、総務省令・経済産業省令で定める。",
}


def _youth_before() -> dict[str, str]:
    return {label: text.replace(_JOINT, "総務省令及び経済産業省令") for label, text in _YOUTH_AFTER.items()}


def test_with_caption_reaches_the_heading_of_the_article_it_follows():
    # b.2: the 見出し of 第二十九条 changes with its text; the 項 listed before it have no 見出し of their own, and
    # the 見出し of 第二十四条 and 第二十五条 are not cited.
    assert _texts(_YOUTH_SENTENCE, _youth_before()) == _YOUTH_AFTER


def test_without_the_words_the_heading_is_left_and_the_quote_is_then_once():
    before = _youth_before()
    plain = _YOUTH_SENTENCE.replace("（見出しを含む。）", "")
    after = _texts(plain, before)
    assert after["第二十九条の見出し"] == before["第二十九条の見出し"]
    assert after["第二十九条"] == _YOUTH_AFTER["第二十九条"]


def test_with_caption_after_a_list_of_articles_reaches_each_heading():
    # The joureikun form 「第8条及び第9条（見出しを含む。）中」: the words written once, after the list.
    before = {
        "第二十九条の見出し": "（総務省令及び経済産業省令への委任）",
        "第二十九条": "必要な事項は、総務省令及び経済産業省令で定める。",
        "第三十条の見出し": "（総務省令及び経済産業省令の制定）",
        "第三十条": "総務省令及び経済産業省令は、関係行政機関の長に協議して定める。",
    }
    sentence = "第二十九条及び第三十条（見出しを含む。）中「及び経済産業省令」を「・経済産業省令」に改める。"
    after = _texts(sentence, before)
    assert after == {label: text.replace("及び経済産業省令", "・経済産業省令") for label, text in before.items()}


def test_with_caption_still_wants_each_place_unambiguous():
    before = _youth_before()
    before["第二十九条"] += "ただし、総務省令及び経済産業省令に別段の定めがあるときは、この限りでない。"
    with pytest.raises(ApplyError, match="第二十九条中に「総務省令及び経済産業省令」が2箇所あります"):
        apply_aratame(_YOUTH_SENTENCE, before)
    with pytest.raises(ApplyError, match="条ではありません"):
        apply_aratame("第二十九条第一項（見出しを含む。）中「総務省令」を「省令」に改める。", before)


def test_a_real_sentence_replaces_a_heading_whole():
    # 倉庫業法 第二十二条, as the 2020 archive prints it, with the sentence's word 倉荷証券 put back to 倉庫証券.
    caption = "（倉荷証券の発行の停止及び許可の取消）"
    text = (
        "国土交通大臣は、発券倉庫業者が第十三条第三項第二号に該当することとなつたとき、又は前条第一号若しくは第三号に"
        "該当するときは、六月以内において期間を定めて倉荷証券の発行の停止を命じ、又は第十三条第一項の許可を取り消す"
        "ことができる。"
    )
    before = {"第二十二条の見出し": caption.replace("倉荷", "倉庫"), "第二十二条": text.replace("倉荷", "倉庫")}
    sentence = (
        "第二十二条の見出しを「（倉荷証券の発行の停止及び許可の取消し）」に改め、"
        "同条中「倉庫証券」を「倉荷証券」に改める。"
    )
    after = _texts(sentence, before)
    assert after == {"第二十二条の見出し": "（倉荷証券の発行の停止及び許可の取消し）", "第二十二条": text}
    with pytest.raises(ApplyError, match="改正箇所が見つかりません"):
        apply_aratame(sentence, {"第二十二条": text})


def test_a_range_written_as_the_provisions_of_it():
    # A real form of the 所得税法等改正法案: 「附則第十三条から第十五条までの規定中」.
    before = {f"附則第{n}条": f"平成三十二年一月一日から{n}を適用する。" for n in ("十三", "十四", "十五", "十六")}
    sentence = "附則第十三条から第十五条までの規定中「平成三十二年一月一日」を「令和二年一月一日」に改める。"
    after = _texts(sentence, before)
    changed = [label for label in after if after[label] != before[label]]
    assert changed == ["附則第十三条", "附則第十四条", "附則第十五条"]
    assert after["附則第十四条"] == "令和二年一月一日から十四を適用する。"


def test_a_real_insertion_in_an_article_and_its_heading():
    # e-Gov: 森林環境税及び森林環境譲与税に関する法律施行規則 附則第二条, as the 2020 archive prints it after the
    # sentence.
    caption = (
        "（法附則第三条第一項又は第二項の規定により読み替えて適用される法第二十八条第一項の林野庁長官が実施した調査）"
    )
    text = (
        "法附則第三条第一項又は第二項の規定により読み替えて適用される法第二十八条第一項に規定する林野庁長官が実施した"
        "調査のうち総務省令で定める調査は、平成二十九年度において森林法（昭和二十六年法律第二百四十九号）第四条第一項に"
        "規定する全国森林計画をたてるために林野庁長官が実施した調査とする。"
    )
    before = {"附則第二条の見出し": caption.replace("又は第二項", ""), "附則第二条": text.replace("又は第二項", "")}
    after = _texts("附則第二条（見出しを含む。）中「附則第三条第一項」の下に「又は第二項」を加える。", before)
    assert after == {"附則第二条の見出し": caption, "附則第二条": text}
