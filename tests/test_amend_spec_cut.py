"""FD等: the last 項 of an article that only specify the medium are cut once the 例規 renames it, 「第八条第二項から
第五項までを削る。」 (amend/spec.py, b.3), on the real 外国等の行政庁等の免許に係る運転免許証の日本語による翻訳文を
作成する能力を有する法人の指定に関する規則 (平成六年国家公安委員会規則第五号, the 2020 archive), whose 第八条第一項
lets papers be handed in on a フレキシブルディスク and whose 第二項–第五項 prescribe its 規格, 記録方式 and ラベル."""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.amend import propose_law
from analogreg.classify import classify_law
from analogreg.draft import draft_proposal
from analogreg.draft.apply import ApplyError, apply_aratame
from analogreg.draft.aratame import DraftFailure, generate
from analogreg.draft.bill import build_bills
from analogreg.export.bill_text import render_text
from analogreg.model import Law
from analogreg.parse import parse_file
from analogreg.settings import load_settings

LAW = Path(__file__).resolve().parent / "fixtures" / "amend" / "平成六年国家公安委員会規則第五号.xml"
SETTINGS = load_settings()
CUT = ["第八条第二項", "第八条第三項", "第八条第三項第一号", "第八条第三項第二号", "第八条第三項第三号", "第八条第四項"]
CUT += ["第八条第五項", "第八条第五項第一号", "第八条第五項第二号"]


def _proposals(law: Law | None = None, settings=SETTINGS, keep=lambda finding: True):
    law = law or parse_file(LAW).law
    findings = [f for f in classify_law(law, doc="honyaku.xml") if "FD等" in f.categories and keep(f)]
    return [p for p in propose_law(findings, law, settings) if p is not None]


@pytest.fixture(scope="module")
def proposals():
    return {p.label: p for p in _proposals()}


def test_the_last_paragraphs_that_only_specify_the_medium_are_cut(proposals):
    head = proposals["第八条第二項"]
    assert head.cuts_last_paragraphs and head.new_text == ""
    # The 項 cut from the second on, with their items, are the cited provision's other units.
    assert list(head.scope) == CUT[1:]
    assert "その後の項（条の最後の項まで）を削る" in head.note and "要確認" not in head.note
    # 「定款　第二条第二項」 in 第一項第二号 cites 第二条's 第二項, not this article's: no reference to check.
    for label in ("第八条第三項", "第八条第五項"):
        assert proposals[label].new_text == proposals[label].old_text and not proposals[label].cuts_last_paragraphs
        assert "第八条第二項以下の項を削る改正に含まれる" in proposals[label].note
    # 第一項, the duty itself, is amended (the medium renamed), not cut.
    first = proposals["第八条第一項"]
    assert not first.cuts_last_paragraphs and "電磁的記録媒体" in first.new_text


def test_the_cut_is_drafted_as_one_sentence_and_verified(proposals):
    drafted = draft_proposal(proposals["第八条第二項"])
    assert drafted.verified, drafted.note
    assert drafted.aratame == "第八条第二項から第五項までを削る。"


def test_the_bill_amends_the_article_in_one_sentence_front_to_back_and_applies(proposals):
    drafted = [draft_proposal(p) for p in proposals.values() if p.new_text != p.old_text]
    bill = next(b for b in build_bills(drafted, SETTINGS))
    assert not bill.unverified
    sentences = [s for a in bill.articles for s in a.aratame]
    eighth = next(s for s in sentences if s.startswith("第八条"))
    # b.4: the 見出し, then 第一項, then the 項 cut, one sentence for the article.
    assert eighth.startswith("第八条の見出し中「フレキシブルディスク」を「電磁的記録媒体」に改め、同条第一項中")
    assert eighth.endswith("に改め、同条第二項から第五項までを削る。")
    before = {p.label: p.old_text for p in proposals.values()} | dict(proposals["第八条第二項"].scope)
    before = {k: v for k, v in before.items() if k.startswith("第八条")}
    after = apply_aratame(eighth, {**before, "第八条の見出し": proposals["第八条第一項"].caption})
    assert all(after[label].text == "" for label in CUT)
    assert "電磁的記録媒体" in after["第八条第一項"].text
    # The 新旧対照表: the 項 cut are shown before and are gone after, the first one's label with them.
    rows = {row.label: row for table in bill.tables for row in table.rows}
    assert all(rows[label].removed for label in CUT)
    text = render_text([bill], SETTINGS)
    assert "九十ミリメートルフレキシブルディスクカートリッジ" in text  # the 改正前 side keeps what goes


def test_a_reference_to_a_paragraph_cut_is_named_in_the_note():
    law = parse_file(LAW).law
    article = next(a for a in law.articles() if a.num == "8")
    first = article.paragraphs[0]
    first.sentences[0].text = first.sentences[0].text.replace("提出することにより", "提出することにより（次項参照）")
    head = next(p for p in _proposals(law) if p.label == "第八条第二項")
    assert head.cuts_last_paragraphs and "要確認" in head.note and "第八条第一項" in head.note
    # Another article citing a 項 cut by its full citation is named too.
    seventh = next(a for a in law.articles() if a.num == "7").paragraphs[1]
    seventh.sentences[0].text = seventh.sentences[0].text.replace("公示する", "第八条第三項の方式により公示する")
    head = next(p for p in _proposals(law) if p.label == "第八条第二項")
    assert "第七条第二項" in head.note


def test_nothing_is_cut_while_a_later_paragraph_stays_or_without_the_rename():
    # Without the findings of 第五項 (the ラベル), 第二項–第四項 would leave it behind: nothing is cut.
    partial = _proposals(keep=lambda f: not f.label.startswith("第八条第五項"))
    assert not any(p.cuts_last_paragraphs for p in partial)
    # Without 第一項's finding the medium is not renamed: the specification stays.
    unnamed = _proposals(keep=lambda f: not f.label.startswith("第八条第一項"))
    assert not any(p.cuts_last_paragraphs for p in unnamed)
    manual = _proposals(settings=SETTINGS.model_copy(update={"fd_spec_articles": "manual"}))
    assert not any(p.cuts_last_paragraphs for p in manual)


# --- the generator and the applier on their own -------------------------------------------------------------


def test_the_forms_of_a_cut():
    assert generate("第13条第4項", "x", "", {}, cut=True) == "第13条第4項を削る。"
    assert generate("第13条第3項", "x", "", {"第13条第4項": "y", "第13条第3項第1号": "z"}, cut=True) == (
        "第13条第3項及び第4項を削る。"
    )
    # An emptied text that is no cut is still refused (a reviewer's blank edit is not a deletion).
    with pytest.raises(DraftFailure, match="規定全体の削除"):
        generate("第13条第3項", "x", "", {})
    # A gap in the 項 cut, or an item, is drafted by hand.
    with pytest.raises(DraftFailure, match="続いていません"):
        generate("第13条第2項", "x", "", {"第13条第4項": "y"}, cut=True)
    with pytest.raises(DraftFailure, match="条の項"):
        generate("第13条第2項第1号", "x", "", {}, cut=True)


def test_the_applier_reads_a_cut_and_refuses_one_that_would_renumber():
    provisions = {"第5条第1項": "a。", "第5条第2項": "b。", "第5条第2項第1号": "c", "第5条第3項": "d。"}
    after = apply_aratame("第5条第2項及び第3項を削る。", provisions)
    assert {label: p.text for label, p in after.items()} == {
        "第5条第1項": "a。",
        "第5条第2項": "",
        "第5条第2項第1号": "",
        "第5条第3項": "",
    }
    with pytest.raises(ApplyError, match="繰上げ"):
        apply_aratame("第5条第2項を削る。", provisions)
    with pytest.raises(ApplyError, match="本文・ただし書"):
        apply_aratame("第5条第3項ただし書及び第2項を削る。", provisions)


def test_a_reviewer_who_keeps_the_paragraph_with_a_wording_amends_it_instead(proposals):
    from analogreg.review.engine import redraft

    head = proposals["第八条第二項"]
    wording = head.old_text.replace("九十ミリメートルフレキシブルディスクカートリッジ", "電磁的記録媒体")
    redrafted = redraft(head, wording)
    assert redrafted.verified, redrafted.note
    assert redrafted.aratame.startswith("第八条第二項中「九十ミリメートルフレキシブルディスクカートリッジ」を")
    assert "削る" not in redrafted.aratame


# --- a term defined in what goes ------------------------------------------------------------------------------

DOSAN = Path(__file__).resolve().parent / "fixtures" / "amend" / "平成十年法務省令第三十九号.xml"


def test_a_term_defined_only_in_a_deleted_article_is_named_with_its_first_use():
    # 動産・債権譲渡登記規則 (平成十年法務省令第三十九号, 2020 archive): 第十一条, rewritten as 削除, defines
    # 「産業標準化法…に基づく日本産業規格（以下「日本産業規格」という。）」, and 第三十二条第二項, which stays, prints
    # 「日本産業規格Ａ列四番の用紙」: the definition has to move there (法制執務: defined where first used).
    law = parse_file(DOSAN).law
    findings = [f for f in classify_law(law, doc="dosan.xml") if "FD等" in f.categories]
    proposals = {p.label: p for p in propose_law(findings, law, SETTINGS) if p is not None}
    deleted = proposals["第十一条"]
    assert deleted.new_text == "削除"
    assert "定義をその初出に移す" in deleted.note and "「日本産業規格」（第三十二条第二項）" in deleted.note


def test_a_term_defined_for_its_own_article_only_goes_with_it(proposals):
    # 第八条第二項 defines 「日本産業規格」 「以下この条において」: nothing outside the article can lean on it.
    assert "定義をその初出に移す" not in proposals["第八条第二項"].note
    # Defined for the whole rule, and used after it (here by its 附則), it is named.
    law = parse_file(LAW).law
    eighth = next(a for a in law.articles() if a.num == "8").paragraphs[1]
    sentence = eighth.sentences[0]
    sentence.text = sentence.text.replace("以下この条において「日本産業規格」", "以下「日本産業規格」")
    after = next(u for u in law.units() if u.label.startswith("附則"))
    after.node.sentences[0].text += "用紙は、日本産業規格Ａ列四番とする。"
    head = next(p for p in _proposals(law) if p.label == "第八条第二項")
    assert f"「日本産業規格」（{after.label}）" in head.note
