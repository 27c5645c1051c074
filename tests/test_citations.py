"""引用法令: what the bundled real statutes cite, named in full; and what is left out rather than named wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest

from analogreg.citations import (
    basis,
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
        "「四十八月（当該船舶が船舶安全法第十条第一項ただし書（小"
        "型船等の船舶検査証書の有効期間）に規定する船舶である場合"
        "には、七十二月）」とする。…同日以後最初に行われる新所得税"
        "法施行令第百六十条第一号（特別修繕引当金の対象資産及び特別"
        "の修繕の範囲）に規定する定期検査を受けるための修繕（昭和"
        "四十九年一月一日以後に完了するものに限る。）に係る同令第百"
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
        "以下「法」という。）第十四条第一項に規定する学校法人」と"
        "あるのは「構造改革特別区域法（平成十四年法律第百八十九号）"
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


def test_dou_jo_is_the_reference_written_just_before_it():
    # Real: 法務局における遺言書の保管等に関する政令 第十条第二項. 同条第二項 is 法第八条第二項 (法制執務: 同条 is
    # the 条 referred to last).
    names = {"法": "法務局における遺言書の保管等に関する法律"}
    text = (
        "遺言者は、法第八条第一項の撤回をした場合において、特別の事由があるときは、当該撤回がされた遺言書保管所の遺言書"
        "保管官に対し、同条第二項の撤回書又はその添付書類（以下「"
        "撤回書等」と総称する。）の閲覧の請求をすることができる。"
    )
    assert cited_provisions(text, names) == [
        "法務局における遺言書の保管等に関する法律第八条第一項",
        "法務局における遺言書の保管等に関する法律第八条第二項",
    ]
    # Real: 三郷市廃棄物の処理及び再利用並びに資源物の持ち去り防止に関する条例 第22条: 同条 in an aside and twice after.
    names = {"法": "廃棄物の処理及び清掃に関する法律"}
    text = (
        "市長は、法第9条の3第2項 (同条第9項において準用する場合を含む。) の規定に基づき、同条第1項に規定する一般廃棄物"
        "処理施設の設置に係る届出又は同条第8項に規定する一般廃棄物処理施設の変更に係る届出をしようとするときは、"
    )
    assert cited_provisions(text, names) == [f"廃棄物の処理及び清掃に関する法律第9条の3第{n}項" for n in (2, 9, 1, 8)]
    # 同項 and 同号, with the references listed after them.
    assert cited_provisions("法第十条第一項に規定する同条第二項第一号及び第三号に掲げる同項第四号", {"法": "X法"}) == [
        "X法第十条第一項",
        "X法第十条第二項第一号",
        "X法第十条第二項第三号",
        "X法第十条第二項第四号",
    ]


def test_dou_jo_after_the_statutes_own_provision_names_nothing():
    # Real: ポリ塩化ビフェニル廃棄物の適正な処理の推進に関する特別措置法施行規則 第十二条. 「第九条第一項」 is the
    # 施行規則's own article, so 同条第二項 and 第四項 are its own too: only 法第九条 is another statute's.
    names = {"法": "ポリ塩化ビフェニル廃棄物の適正な処理の推進に関する特別措置法"}
    text = (
        "法第九条の規定による公表は、第九条第一項に規定する届出書の副本並びに同条第二項及び第四項に規定する添付書類を"
        "公衆の縦覧に供し、又はインターネットの利用その他の適切な方法により行うものとする。"
    )
    assert cited_provisions(text, names) == ["ポリ塩化ビフェニル廃棄物の適正な処理の推進に関する特別措置法第九条"]
    # 同条例 is the ordinance named last, never 同条; a range over several articles gives no one 条.
    assert cited_provisions("同条例第五条", {}) == []
    assert cited_provisions("法第五条から第八条までの同条第二項", {"法": "X法"}) == ["X法第五条から第八条まで"]


def test_references_listed_across_an_aside_and_ranges_keep_their_statute():
    # Real: 鉱山保安法施行規則 第四十六条第二項 (表): a range whose aside holds a 同条, and a 同条 after the range.
    text = (
        "坑廃水処理施設等に係る水質汚濁防止法第五条第一項第五号（"
        "当該坑廃水処理施設等が有害物質使用特定施設に該当しない場合"
        "又は同条第二項の規定に該当する場合を除く。）から第九号まで及び同条第二項第五号から第八号までの事項"
    )
    assert cited_provisions(text, {}) == [
        "水質汚濁防止法第五条第一項第五号から第九号まで",
        "水質汚濁防止法第五条第二項",
        "水質汚濁防止法第五条第二項第五号から第八号まで",
    ]
    # Real: 土地区画整理法施行令 第一条の二: the list goes on after each 「（…において準用する場合を含む。）」.
    text = (
        "市町村長は、法第九条第三項（法第十条第三項において準用する場合を含む。）、第二十一条第三項、第五十五条第八項"
        "（同条第十三項において準用する場合を含む。）の規定による図書の送付を受けた場合においては、"
    )
    assert cited_provisions(text, {"法": "土地区画整理法"}) == [
        "土地区画整理法第九条第三項",
        "土地区画整理法第二十一条第三項",
        "土地区画整理法第五十五条第八項",
        "土地区画整理法第十条第三項",
        "土地区画整理法第五十五条第十三項",
    ]


@pytest.mark.parametrize(
    ("title", "first_article", "expected"),
    [
        # Real first articles of 三郷市's 例規 (the shared extract).
        (
            "三郷市斎場条例",
            "この条例 は、地方自治法 (昭和22年法律第67号) 第244条の2の規定に基づき、墓地、埋葬等に関する法律 (昭和23年"
            "法律第48号) 第2条第7項に規定する施設及び葬儀に類する行"
            "事を行う施設 (以下「斎場」という。) の設置及び管理に関し、"
            "必要な事項を定めるものとする。",
            ["地方自治法第244条の2"],
        ),
        (
            # The 規定に基づき inside the aside says what a child is, not what the 条例 is made under.
            "三郷市地域型保育事業の設備及び運営の基準に関する条例",
            "この条例は、児童福祉法 (昭和22年法律第164号。以下「法"
            "」という。) 第34条の16第1項の規定に基づき、市長の監督に"
            "属する家庭的保育事業 (以下「地域型保育事業」という。)"
            " を利用している乳児又は幼児 (満3歳に満たない者に限り、"
            "法第6条の3第9項第2号、同条第10項第2号、同条第11項第"
            "2号又は同条第12項第2号の規定に基づき保育が必要と認められる"
            "児童であって、満3歳以上のものについて保育を行う場合にあ"
            "っては、当該児童を含む。以下「利用乳幼児」という。) が、"
            "心身ともに健やかに育成されることを保障するため、設備及び運営の基準を定めるものとする。",
            ["児童福祉法第34条の16第1項"],
        ),
        (
            # Listed together before the one 規定に基づき: each is a basis.
            "職員の特殊勤務手当に関する条例",
            "この条例は、地方公務員法 (昭和25年法律第261号) 第24条"
            "第5項及び 職員の給与に関する条例 (昭和31年条例第23号) "
            "第10条 の規定に基づき、職員の特殊勤務手当に関する事項を定めることを目的とする。",
            ["地方公務員法第24条第5項", "職員の給与に関する条例第10条"],
        ),
        (
            # A provision cited to say who is meant (に規定する), then 「…により」 of something else: no basis.
            "三郷市職員倫理規程",
            "この規程は、地方公務員法 (昭和25年法律第261号。以下「"
            "法」という。) 第3条第2項に規定する一般職に属する市職員 "
            "(以下「職員」という。) が、公費支出事務の処理に当たっ"
            "て留意すべき事項等を定めることにより、職務遂行の公正さに"
            "対する市民の疑惑や不信を招く行為の防止を図ることを目的とする。",
            [],
        ),
    ],
)
def test_a_reiki_is_made_under_the_provisions_its_first_sentence_is_based_on(title, first_article, expected):
    names = statute_names(title, defined_statutes([first_article], home_of(title)))
    assert basis(first_article, names, title) == expected
