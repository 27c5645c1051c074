"""FD等 on whole real ordinances: one 電磁的記録媒体 per run of media, the definition at the first amended use only,
defined terms renamed only where their definition is, and clauses that need a drafter left alone."""

from pathlib import Path

import pytest

from analogreg.amend import SUPPL, propose, propose_law, suppl_note
from analogreg.amend.check import grammar_problems, kept_outside
from analogreg.amend.fd import FdState, apply_medium, media_runs, renamed_caption
from analogreg.amend.insert import Unit
from analogreg.classify import classify_law
from analogreg.draft import draft_proposal
from analogreg.model import Article, Law, Paragraph, Sentence, SupplProvision, finalize
from analogreg.parse import parse_file
from analogreg.records import ARTICLE_DELETED, Finding
from analogreg.ruleset.templates import MediumTemplate, default_templates
from analogreg.settings import load_settings

NATIONAL = Path(__file__).resolve().parent.parent / "ordinances" / "national"
SETTINGS = load_settings()
MEDIUM = next(t for t in default_templates().by_category["FD等"] if isinstance(t, MediumTemplate))
MEDIA = tuple(MEDIUM.media)
DEFINITION = f"電磁的記録媒体（{MEDIUM.definition}）"


def _fd_proposals(name: str):
    law = parse_file(NATIONAL / name).law
    findings = [f for f in classify_law(law, doc=name) if "FD等" in f.categories and not f.already_digital]
    return law, findings, propose_law(findings, law, SETTINGS)


@pytest.fixture(scope="module")
def soon():
    return _fd_proposals("騒音規制法施行規則.xml")


def test_definition_goes_to_the_first_amended_use_only(soon):
    _, _, proposals = soon
    amended = [p for p in proposals if p is not None and p.new_text != p.old_text]
    assert len(amended) >= 2
    carrying = [p for p in amended if DEFINITION in p.new_text]
    assert len(carrying) == 1
    # The one carrying it comes first in document order among the amended units.
    assert carrying[0] is amended[0]
    for proposal in amended[1:]:
        assert "電磁的記録媒体（" not in proposal.new_text


def test_every_amended_unit_is_fully_renamed_and_reads_as_before(soon):
    _, _, proposals = soon
    for proposal in proposals:
        if proposal is None or proposal.new_text in (proposal.old_text, ARTICLE_DELETED):
            continue  # (an article rewritten as 削除 is no wording: tests/test_amend_spec.py)
        assert not any(m in proposal.new_text for m in MEDIA), proposal.new_text
        assert kept_outside(proposal.old_text, proposal.new_text, replaceable=MEDIA) == []
        assert grammar_problems(proposal.old_text, proposal.new_text) == []


def test_defined_term_and_form_name_follow_the_new_term(soon):
    _, _, proposals = soon
    first = next(p for p in proposals if p is not None and DEFINITION in p.new_text)
    assert "（以下「電磁的記録媒体等」という。）" in first.new_text
    assert "様式第十の電磁的記録媒体提出書" in first.new_text
    assert "様式も改めること" in first.note


def test_spec_articles_are_flagged_for_deletion(soon):
    _, _, proposals = soon
    spec = [p for p in proposals if p is not None and p.template == "fd.spec"]
    assert spec, "the JIS cartridge / ラベル articles must be recognised"
    for proposal in spec:
        # Rewritten as 削除 where the article is theirs alone (tests/test_amend_spec.py), else left to a drafter.
        assert proposal.new_text in (proposal.old_text, ARTICLE_DELETED)
        assert "削" in proposal.note


def test_a_defined_term_whose_definition_is_not_renamed_stays():
    # 建築基準法施行規則: 「磁気ディスク等」 is defined in a clause that delegates other media (needs a drafter), so
    # renaming its uses alone would leave 電磁的記録媒体等 undefined.
    law, findings, proposals = _fd_proposals("建築基準法施行規則.xml")
    uses = [
        (f, p) for f, p in zip(findings, proposals, strict=True) if p is not None and "磁気ディスク等" in p.old_text
    ]
    assert uses
    for _, proposal in uses:
        assert proposal.new_text == proposal.old_text
        assert "要手動起案" in proposal.note
    # propose() on one finding (as the review app calls it) decides the earlier units the same way.
    for finding, _ in uses[:3]:
        alone = propose(finding, law, SETTINGS)
        assert alone.new_text == alone.old_text


def test_propose_alone_agrees_with_propose_law_on_the_first_use(soon):
    law, findings, proposals = soon
    for finding, expected in zip(findings, proposals, strict=True):
        alone = propose(finding, law, SETTINGS)
        if expected is not None and expected.new_text == ARTICLE_DELETED:
            # Deleting a whole article is decided over the law's proposals (propose_law), not for one unit.
            assert alone is not None and alone.new_text == alone.old_text
            continue
        assert (alone.new_text if alone else None) == (expected.new_text if expected else None)


def _two_unit_law(first: str, second: str) -> Law:
    article = Article(
        num="1",
        title="第一条",
        paragraphs=[
            Paragraph(num="1", sentences=[Sentence(text=first)]),
            Paragraph(num="2", title="２", sentences=[Sentence(text=second)]),
        ],
    )
    return finalize(Law(title="二つの規定", kind="省令", body=[article]))


def test_short_definition_when_electronic_record_is_defined_before():
    # Two real provisions put in one law to test the placement: 屋外広告物法 第二十条第一項 defines 電磁的記録,
    # 狂犬病予防法施行規則 第十八条第一項 names フレキシブルディスク.
    law = parse_file(NATIONAL / "屋外広告物法.xml").law
    defining = next(u.text for u in law.units() if "電磁的記録（電子的方式" in u.text)
    fd_text = (
        "次の各号に掲げる書類の提出については、これらの書類に記載すべき事項を記録したフレキシブルディスク並びに"
        "申請者又は届出者の氏名及び住所並びに申請又は届出の趣旨及びその年月日を記載した書類を提出することによつて"
        "行うことができる。"
    )
    two = _two_unit_law(defining, fd_text)
    unit = list(two.units())[1]
    start = fd_text.index("フレキシブルディスク")
    finding = Finding(
        finding_id="t",
        doc="t",
        law_title=two.title,
        article="1",
        paragraph="2",
        label=unit.label,
        categories=["FD等"],
        rules=["t"],
        matched=["フレキシブルディスク"],
        spans=[(start, start + len("フレキシブルディスク"))],
        text=fd_text,
    )
    proposal = propose(finding, two, SETTINGS)
    assert "記録した電磁的記録媒体（電磁的記録に係る記録媒体をいう。以下同じ。）並びに" in proposal.new_text


def test_a_run_of_media_becomes_one_term():
    text = (
        "法第五十三条第四十六項ただし書に規定する総務省令で定める記録用の媒体は、同項に規定する添付書類記載事項の"
        "法第二十六条第一項に規定する電磁的記録を記録した光ディスク、磁気テープ又は磁気ディスクとする。"
    )
    unit = Unit.of(text, [], SETTINGS)
    outcome = apply_medium(MEDIUM, unit, FdState(defined=True))
    assert outcome.status == "amended"
    assert len(outcome.edits) == 1
    assert text[outcome.edits[0].start : outcome.edits[0].end] == "光ディスク、磁気テープ又は磁気ディスク"


def test_delegating_run_is_refused_whole():
    text = (
        "当該記載事項を記録した光ディスク、磁気テープその他の財務省令で定める記録用の媒体（以下この条において"
        "「光ディスク等」という。）を提出する方法"
    )
    outcome = apply_medium(MEDIUM, Unit.of(text, [], SETTINGS), FdState())
    assert outcome.status == "not_applicable"
    assert outcome.edits == []
    assert any("委任" in r for r in outcome.reasons)


@pytest.mark.parametrize("word", ["附則", "付則"])
def test_a_suppl_of_an_amending_act_is_not_rewritten(word: str):
    # 風俗営業等…許可申請書の添付書類等に関する内閣府令 附則（平成十二年総理府令第八十九号）第二項: a 経過措置
    # citing the old forms; a later 整備 does not rewrite it (and it cites another 府令's form by name). Many 規程
    # print the heading 付則: the note then names it so, as the clause is cited.
    text = (
        "道路交通法施行規則第四十三条に規定する納付書、核燃料物質等の運搬の届出等に関する総理府令第二条第一項に規定する"
        "運搬届出書、放射性同位元素等の運搬の届出等に関する総理府令第二条第一項に規定する届出書及び風俗営業等の規制及び"
        "業務の適正化等に関する法律に基づく許可申請書の添付書類等に関する総理府令第十六条第一項に規定するフレキシブル"
        "ディスク提出票の様式については、改正後の道路交通法施行規則別記様式第二十八、核燃料物質等の運搬の届出等に関する"
        "内閣府令別記様式第一、放射性同位元素等の運搬の届出等に関する内閣府令別記様式第一及び風俗営業等の規制及び業務の"
        "適正化等に関する法律に基づく許可申請書の添付書類等に関する内閣府令別記様式第二号の様式にかかわらず、当分の間、"
        "なお従前の例によることができる。"
    )
    amending = "平成十二年総理府令第八十九号"
    suppl = SupplProvision(
        title=word,
        amend_law_num=amending,
        paragraphs=[
            Paragraph(num="1", sentences=[Sentence(text="この府令は、公布の日から施行する。")]),
            Paragraph(num="2", title="２", sentences=[Sentence(text=text)]),
        ],
    )
    law = finalize(Law(title="許可申請書の添付書類等に関する内閣府令", kind="府令", suppl=[suppl]))
    unit = list(law.units())[1]
    start = text.index("フレキシブル")
    finding = Finding(
        finding_id="s",
        doc="s",
        law_title=law.title,
        part="suppl",
        suppl=amending,
        paragraph="2",
        label=unit.label,
        categories=["FD等"],
        rules=["s"],
        matched=["フレキシブルディスク"],
        spans=[(start, start + len("フレキシブルディスク"))],
        text=text,
    )
    proposal = propose(finding, law, SETTINGS)
    assert proposal.new_text == text
    assert unit.label == f"{word}（{amending}）第二項"
    assert proposal.template == SUPPL
    assert proposal.note == f"{word}（{SUPPL}）：{suppl_note(word)}"
    assert ("附則" in proposal.note) is (word == "附則") and ("付則" in proposal.note) is (word == "付則")


def test_a_medium_before_a_form_of_the_same_name_is_kept_apart():
    # 宅地建物取引業法施行規則 第三十三条第二項 (egov 2020): the medium itself and the form that goes with it are
    # two things to submit. One run over 「フレキシブルディスク並びにフレキシブルディスク」 renamed both as the form
    # (「電磁的記録媒体提出票の正本」) and the medium dropped out of the duty.
    text = (
        "前項の規定によるフレキシブルディスク等の提出については、第二条の規定にかかわらず、フレキシブルディスク並びに"
        "フレキシブルディスク提出票の正本及びその写し一通を提出することにより行うことができる。"
    )
    state = FdState(defined=True, renamed_terms=frozenset({"フレキシブルディスク等"}))
    outcome = apply_medium(MEDIUM, Unit.of(text, [], SETTINGS), state)
    assert outcome.status == "amended"
    assert [text[e.start : e.end] for e in outcome.edits] == ["フレキシブルディスク"] * 3
    new = text
    for edit in reversed(outcome.edits):
        new = new[: edit.start] + edit.new + new[edit.end :]
    assert "電磁的記録媒体並びに電磁的記録媒体提出票の正本" in new


def test_a_run_closed_by_to_stays_one_term():
    # 「…等」 after the last name closes the whole run (one term, as before); a form's name does not.
    assert [m.group(0) for m in media_runs(MEDIUM, "光ディスク又は磁気ディスク等を提出する。")] == [
        "光ディスク又は磁気ディスク"
    ]
    assert [m.group(0) for m in media_runs(MEDIUM, "光ディスク又は磁気ディスク提出書を提出する。")] == [
        "光ディスク",
        "磁気ディスク",
    ]


def test_the_caption_of_a_renamed_article_is_renamed_once(soon):
    # 第十一条（フレキシブルディスクによる手続）: both paragraphs are renamed; the 見出し follows, carried by the first.
    _, _, proposals = soon
    amended = [p for p in proposals if p is not None and p.new_text != p.old_text]
    eleven = [p for p in amended if p.article == "11"]
    assert len(eleven) >= 2
    assert eleven[0].caption == "（フレキシブルディスクによる手続）"
    assert eleven[0].new_caption == "（電磁的記録媒体による手続）"
    assert "見出し" in eleven[0].note.splitlines()[-1]
    assert [p.new_caption for p in eleven[1:]] == [""] * (len(eleven) - 1)
    # A 見出し that names no medium stays; so does that of an article left to a drafter (the JIS specification).
    for proposal in proposals:
        if proposal is not None and proposal.new_caption:
            assert media_runs(MEDIUM, proposal.caption) and proposal.new_text != proposal.old_text


def test_a_caption_is_renamed_bare():
    # No definition in a 見出し: it goes to the article's text (法制執務: 定義は本文の初出に置く).
    assert renamed_caption(MEDIUM, "（フレキシブルディスクの構造）") == "（電磁的記録媒体の構造）"
    assert renamed_caption(MEDIUM, "（フレキシブルディスク提出票）") == "（電磁的記録媒体提出票）"
    assert renamed_caption(MEDIUM, "（立入検査の身分証明書）") == ""


def test_a_caption_stays_when_the_reviewer_keeps_the_medium_in_the_text(soon):
    # The reviewer keeps 「フレキシブルディスク提出書」 (the form is not renamed yet): the 見出し keeps its medium.
    _, _, proposals = soon
    first = next(p for p in proposals if p is not None and p.new_caption)
    assert "電磁的記録媒体提出書" in first.new_text
    edited = first.model_copy(
        update={"new_text": first.new_text.replace("電磁的記録媒体提出書", "フレキシブルディスク提出書")}
    )
    drafted = draft_proposal(edited)
    assert drafted.verified and "見出し" not in drafted.aratame
    assert "見出しは改めていない（本文に「フレキシブルディスク」が残るため）" in drafted.note
    # As proposed, the 見出し goes with the text.
    assert draft_proposal(first).aratame.startswith(
        "第十一条の見出し中「フレキシブルディスク」を「電磁的記録媒体」に改め"
    )
