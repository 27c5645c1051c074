"""引用法令: what the bundled real statutes cite, named in full; and what is left out rather than named wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.citations import (
    cited_provisions,
    defined_statutes,
    defined_statutes_in_xml,
    home_of,
    law_num_key,
    national_titles,
    statute_names,
)
from analogreg.classify import classify_law
from analogreg.parse import Utf8Keep, parse_file
from analogreg.ruleset.load import default_ruleset

ORDINANCES = Path(__file__).resolve().parent.parent / "ordinances"


def _unit(path: Path, label: str):
    law = parse_file(path).law
    return law, next(u for u in law.units() if u.label == label)


def test_law_numbers_compare_whatever_their_numerals():
    assert law_num_key("昭和四十三年法律第百号") == law_num_key("昭和43年法律第100号") == "昭和43年法律第100号"
    assert law_num_key("令和元年内閣府令第1号") == "令和1年内閣府令第1号"
    assert law_num_key("人事院規則九―八") is None
    # The index the names come from: real e-Gov titles by number.
    assert national_titles()["昭和43年法律第100号"] == "都市計画法"
    assert national_titles()["平成9年法律第123号"] == "介護保険法"


def test_an_abbreviation_a_reiki_defines_is_named_by_the_title_of_its_number():
    # 三郷市地区計画等の案の作成手続に関する条例 第1条:
    # 「都市計画法 (昭和43年法律第100号。以下「法」という。) 第16条第2項」.
    law, unit = _unit(ORDINANCES / "misato" / "三郷市地区計画等の案の作成手続に関する条例.txt", "第1条")
    assert law.statute_names["法"] == "都市計画法"
    assert cited_provisions(unit.text, law.statute_names, law.title) == ["都市計画法第16条第2項"]


def test_a_rule_cites_the_ordinance_it_enforces():
    # 三郷市下水道条例施行規則: 「三郷市下水道条例 (昭和57年条例第20号。以下「条例」という。)」, a local name as
    # written.
    law, unit = _unit(ORDINANCES / "misato" / "三郷市下水道条例施行規則.txt", "第6条の6")
    assert law.statute_names["条例"] == "三郷市下水道条例"
    assert cited_provisions(unit.text, law.statute_names, law.title) == ["三郷市下水道条例第9条の5第3項"]


def test_an_enforcing_rule_reads_ho_and_rei_from_its_title():
    law = parse_file(ORDINANCES / "national" / "建築基準法施行規則.xml").law
    assert law.statute_names["法"] == "建築基準法" and law.statute_names["令"] == "建築基準法施行令"
    unit = next(u for u in law.units() if u.label == "第一条の三第四項第四号")
    cited = cited_provisions(unit.text, law.statute_names, law.title)
    # A range is kept as written; a listed 号 takes the article before it; 令 is the 施行令.
    assert cited[0] == "建築基準法第二十八条第二項から第四項まで"
    assert "建築基準法施行令第二十条の七第一項第二号" in cited
    # 環境省関係浄化槽法施行規則: 法 is 浄化槽法, not 「環境省関係浄化槽法」.
    assert statute_names("環境省関係浄化槽法施行規則", {})["法"] == "浄化槽法"
    assert statute_names("三郷市老人福祉法施行細則", {})["法"] == "老人福祉法"
    assert "法" not in statute_names("三郷市手話通訳者派遣事業実施要綱", {})


def test_full_titles_and_dou_ho_are_followed():
    # 旅館業法 第三条第四項: 「地方自治法（…）第二百五十二条の十九第一項の指定都市…及び同法第二百五十二条の二十二
    # 第一項」.
    law = parse_file(ORDINANCES / "national" / "旅館業法.xml").law
    unit = next(u for u in law.units() if u.label == "第三条第四項")
    cited = cited_provisions(unit.text, law.statute_names, law.title)
    assert "地方自治法第二百五十二条の十九第一項" in cited
    assert "地方自治法第二百五十二条の二十二第一項" in cited


def test_the_statutes_own_provisions_are_not_citations():
    # 温泉法施行規則 附則（平成十七年環境省令第二号）第二項 writes out 「温泉法施行規則第六条」: its own article.
    law = parse_file(ORDINANCES / "national" / "温泉法施行規則.xml").law
    unit = next(u for u in law.units() if u.label == "附則（平成十七年環境省令第二号）第二項")
    cited = cited_provisions(unit.text, law.statute_names, law.title)
    assert cited and not [c for c in cited if c.startswith("温泉法施行規則")]
    names = {"法": "都市計画法", "条例": "三郷市下水道条例"}
    # 第5条 alone, この条例, and a name inside a longer word (方法, 旧法) cite nothing else.
    text = "第5条の規定により、この条例第3条に定める方法第2号による。旧法第4条の例による。"
    assert cited_provisions(text, names) == []


def test_a_name_whose_beginning_is_not_known_is_not_guessed():
    # Real 三郷市 規則 (Z600RG00000111):
    # 「職員の勤務時間、休日及び休暇に関する条例 (平成7年条例第3号。以下「条例」という。)」.
    # The 読点 may belong to the name: rather than cite 「休日及び休暇に関する条例第3条第2項」, nothing is named.
    block = (
        "(勤務時間の割振り) 第2条 職員の勤務時間、休日及び休暇に関する条例 (平成7年条例第3号。以下「条例」という。)"
        " 第3条第2項 の勤務時間は、午前8時30分から午後5時15分までとする。"
    )
    defined = defined_statutes([block], home_of("職員の勤務時間、休日及び休暇に関する規則"))
    assert "条例" not in defined
    assert cited_provisions(block, statute_names("職員の勤務時間、休日及び休暇に関する規則", defined)) == []
    # After other words, a local name begins with the body's name.
    text = "規則及び三郷市企業職員の給与に関する規程 (平成14年企業管理規程第1号。以下「給与規程」という。)"
    assert defined_statutes([text], "三郷市") == {
        "給与規程": "三郷市企業職員の給与に関する規程",
        "三郷市企業職員の給与に関する規程": "三郷市企業職員の給与に関する規程",
    }


@pytest.mark.parametrize("name", ["建築基準法施行規則.xml", "環境省関係浄化槽法施行規則.xml"])
def test_a_partial_reading_knows_the_abbreviations_of_articles_it_did_not_build(name: str):
    ruleset = default_ruleset()
    path = ORDINANCES / "national" / name
    whole = parse_file(path).law
    partial = parse_file(path, keep=Utf8Keep(ruleset.prefilter.may_match_provision_utf8)).law
    assert partial.statute_names == whole.statute_names
    assert [f.cites for f in classify_law(partial, ruleset)] == [f.cites for f in classify_law(whole, ruleset)]
    assert any(f.cites for f in classify_law(whole, ruleset))


def test_dou_rei_is_the_last_cabinet_order_named_even_one_not_read():
    # Real: 昭和四十年政令第九十六号 附則（昭和四十九年政令第四十二号）第二条第二項. 同令 is 新所得税法施行令 (a 新
    # the index cannot name), not the 船舶安全法 named before it.
    text = (
        "「四十八月（当該船舶が船舶安全法第十条第一項ただし書（小型船等の船舶検査証書の有効期間）に規定する船舶である場合"
        "には、七十二月）」とする。…同日以後最初に行われる新所得税法施行令第百六十条第一号（特別修繕引当金の対象資産及び特別"
        "の修繕の範囲）に規定する定期検査を受けるための修繕（昭和四十九年一月一日以後に完了するものに限る。）に係る同令第百"
        "六十一条第一項第一号（特別修繕引当金勘定への繰入限度額）の"
    )
    assert cited_provisions(text, {}) == ["船舶安全法第十条第一項"]
    # 同法 after an amending act's name is that act, which is not named either.
    amending = "船舶安全法の一部を改正する法律（昭和四十八年法律第八十号）附則第二条及び同法第五条"
    assert cited_provisions(amending, {}) == []


def test_a_definition_quoted_from_another_statute_is_not_this_ones():
    # Real: 文部科学省関係構造改革特別区域法施行規則 (平成十五年文部科学省令第十七号) defines 法 without a number in
    # its first article, and quotes 私立学校振興助成法's own definition of 法 inside a 読替え.
    data = (
        "<Law><Sentence>構造改革特別区域法（以下「法」という。）第十二条第三項に規定する業務状況書類等は、"
        "貸借対照表、損益計算書及び事業報告書とする。</Sentence>"
        '<Sentence Num="2">この場合において、同令第一条第一項中「私立学校振興助成法（昭和五十年法律第六十一号。'
        "以下「法」という。）第十四条第一項に規定する学校法人」とあるのは「構造改革特別区域法（平成十四年法律第百八十九号）"
        "第二十条第十三項において読み替えて準用する私立学校振興助成法（昭和五十年法律第六十一号。以下「法」という。）"
        "第十四条第一項に規定する学校法人」と読み替えるものとする。</Sentence></Law>"
    ).encode()
    assert defined_statutes_in_xml(data)["法"] == "構造改革特別区域法"
    # Two statutes given one abbreviation outside quotes: neither is named for it, and no title stands in.
    texts = [
        "建築基準法（昭和二十五年法律第二百一号。以下「法」という。）",
        "消防法（昭和二十三年法律第百八十六号。以下「法」という。）",
    ]
    defined = defined_statutes(texts)
    assert defined["法"] == ""
    assert cited_provisions("法第六条の規定による", statute_names("建築基準法施行規則", defined)) == []


def test_a_reviewer_sees_and_finds_what_a_clause_cites():
    # 三郷市下水道条例施行規則 第6条の6 (更新講習): through the amend stage to the review pane and its search.
    from analogreg.amend import propose_law
    from analogreg.review.data import Filters, filter_ids
    from analogreg.review.widgets.detail import render_proposal
    from analogreg.settings import load_settings

    law = parse_file(ORDINANCES / "misato" / "三郷市下水道条例施行規則.txt").law
    findings = [f for f in classify_law(law, default_ruleset(), "gesui") if f.label == "第6条の6"]
    (proposal,) = [p for p in propose_law(findings, law, load_settings()) if p is not None]
    assert proposal.cites == ["三郷市下水道条例第9条の5第3項"]
    shown = render_proposal(proposal, None, None, None, [], 1).plain
    assert "cites: 三郷市下水道条例第9条の5第3項" in shown
    assert filter_ids([proposal], {}, Filters(query="三郷市下水道条例第9条の5")) == [proposal.finding_id]


def test_an_abbreviation_given_for_some_articles_only_names_nothing_else():
    # 「（昭和三十六年政令第三十七号。以下この条において「令」という。）」 in a 建築基準法施行規則: in that article 令
    # is 消防法施行令, elsewhere 建築基準法施行令 — which article a text is in is not read here, so 令 names nothing.
    scoped = "消防法施行令（昭和三十六年政令第三十七号。以下この条において「令」という。）"
    names = statute_names("建築基準法施行規則", defined_statutes([scoped]))
    assert names["令"] == "" and names["法"] == "建築基準法"
    assert cited_provisions("令第百十二条の規定による", names) == []
    # The same statute for some articles as everywhere: 令 keeps its meaning.
    same = "建築基準法施行令（昭和二十五年政令第三百三十八号。以下この条において「令」という。）"
    assert statute_names("建築基準法施行規則", defined_statutes([same]))["令"] == "建築基準法施行令"
    # Read from an e-Gov file's bytes too.
    data = f"<Law><Sentence>{scoped}第一条</Sentence></Law>".encode()
    assert statute_names("建築基準法施行規則", defined_statutes_in_xml(data))["令"] == ""


def test_a_finding_says_what_its_reiki_is_made_under():
    # 三郷市指定居宅介護支援等の事業の人員及び運営等に関する基準を定める条例 第1条: made under 介護保険法
    # 第47条第1項第1号 …; its 第24条 (掲示) cites nothing itself, but the standard it restates is the national one.
    ruleset = default_ruleset()
    name = "三郷市指定居宅介護支援等の事業の人員及び運営等に関する基準を定める条例.txt"
    law = parse_file(ORDINANCES / "misato" / name).law
    (posting,) = [f for f in classify_law(law, ruleset, name) if f.label == "第24条"]
    assert posting.cites == [] and posting.basis[0] == "介護保険法第47条第1項第1号"
    # A national law states its basis in its 制定文, which is not kept: none is given.
    law = parse_file(ORDINANCES / "national" / "騒音規制法施行規則.xml").law
    assert law.basis == [] and all(f.basis == [] for f in classify_law(law, ruleset))
