"""The omnibus bills: which 例規 go where, the layout of b.1, merged 改め文 that still apply, held-back proposals.

Inputs are real: the amend pipeline's proposals for the bundled 三郷市 例規 (tests/fixtures/draft/
proposals_misato.jsonl, 閲覧 amended explicitly), and units of the bundled かつらぎ町駐車場等設置条例
(平成9年11月14日条例第25号) with new wording written for these tests.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from patent_support import PATENT_CAPTION, patent_proposal

from analogreg.amend import propose_law
from analogreg.classify import classify_law
from analogreg.draft.apply import apply_aratame
from analogreg.draft.bill import OTHER_TITLE, Bill, build_bills
from analogreg.draft.shinkyu import plain
from analogreg.export.bill_docx import render_docx
from analogreg.export.bill_text import render_markdown, render_text
from analogreg.export.shinkyu_html import render_html
from analogreg.parse import parse_bytes, parse_file
from analogreg.records import Proposal
from analogreg.ruleset.yamlload import DataFileError
from analogreg.settings import Settings, load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "draft"
NATIONAL = Path(__file__).resolve().parent.parent / "ordinances" / "national"
MISATO = [
    Proposal.model_validate(json.loads(line))
    for line in (FIXTURES / "proposals_misato.jsonl").read_text(encoding="utf-8").splitlines()
]
SETTINGS = Settings(municipality="かつらぎ町", effective="令和8年4月1日")

KATSURAGI_UNITS = {
    # label: (article, paragraph, item, old text, new text)
    "第4条第1項": (
        "4",
        "1",
        None,
        "駐車場に駐車できるものは、法第2条第1項第8号に規定する車両とする。",
        "駐車場に駐車できるものは、法第2条第1項第9号に規定する車両とする。",
    ),
    "第4条第2項": (
        "4",
        "2",
        None,
        "駐輪場に駐車できるものは、次の各号に掲げるものとする。",
        "駐輪場に駐車できるものは、次の各号に掲げるもの（電動のものを含む。）とする。",
    ),
    "第4条第2項第4号": (
        "4",
        "2",
        "4",
        "前3号に掲げるもののほか、町長が特に認めたもの",
        "前3号に掲げるもののほか、町長が特に認め、その旨を公表したもの",
    ),
    "第6条": (
        "6",
        "1",
        None,
        "町長は、管理上必要があると認めるときは、駐車場等の使用を制限することができる。",
        "町長は、管理上必要があると認めるときは、駐車場等の使用を制限することができる。この場合において、"
        "町長は、その旨を掲示し、又はインターネットの利用その他の方法により公表するものとする。",
    ),
}
KATSURAGI_ITEMS = {
    "第4条第2項第1号": "法第2条第1項第10号に規定する原動機付自転車",
    "第4条第2項第2号": "法第2条第1項第11号の2に規定する自転車",
    "第4条第2項第3号": "法第3条に規定する自動二輪車",
    "第4条第2項第4号": "前3号に掲げるもののほか、町長が特に認めたもの",
}


def _proposal(old: str, new: str, **fields) -> Proposal:
    """A 書面掲示 proposal of a 横書き 例規 that rewrites ``old`` as ``new``; ``fields`` place it (doc, law, unit)."""
    return Proposal(
        numbering="arabic",
        categories=["書面掲示"],
        rules=["test"],
        matched=[],
        spans=[],
        text=old,
        old_text=old,
        new_text=new,
        **fields,
    )


def _katsuragi(label: str, *, new_text: str | None = None, finding: str | None = None) -> Proposal:
    article, paragraph, item, old, new = KATSURAGI_UNITS[label]
    scope = {k: v for k, v in KATSURAGI_ITEMS.items() if label == "第4条第2項" and k.startswith(label)}
    return _proposal(
        old,
        new if new_text is None else new_text,
        finding_id=finding or f"k-{label}",
        doc="katsuragi/k518RG00000080.html",
        law_title="かつらぎ町駐車場等設置条例",
        law_num="平成9年11月14日条例第25号",
        law_kind="条例",
        article=article,
        paragraph=paragraph,
        item=item,
        label=label,
        caption="（駐車対象）" if article == "4" else "（使用の制限）",
        scope=scope,
    )


def _all_katsuragi() -> list[Proposal]:
    # Deliberately out of document order: the bill must put them back in order.
    return [_katsuragi(label) for label in ("第6条", "第4条第2項第4号", "第4条第1項", "第4条第2項")]


def _by_kind(bills: list[Bill]) -> dict[str, Bill]:
    return {bill.kind: bill for bill in bills}


def test_ordinances_rules_and_others_go_to_separate_drafts():
    bills = _by_kind(build_bills([*MISATO, *_all_katsuragi()], SETTINGS))
    assert list(bills) == ["条例", "規則", "その他"]
    assert {a.law_title for a in bills["条例"].articles} == {
        "三郷市地区計画等の案の作成手続に関する条例",
        "三郷市指定居宅介護支援等の事業の人員及び運営等に関する基準を定める条例",
        "かつらぎ町駐車場等設置条例",
    }
    assert {a.law_title for a in bills["規則"].articles} == {
        "三郷市下水道条例施行規則",
        "三郷市開発登録簿閲覧規則",
    }
    # A 例規 whose every proposal is left to manual drafting (公職選挙法及び同法施行令執行細則: the 表示板 of a campaign
    # vehicle, a poster with its 証紙, 収支報告書 viewed at the committee's office) changes nothing: no bill amends it.
    election = "公職選挙法及び同法施行令執行細則"
    assert any(p.law_title == election for p in MISATO)
    assert all(p.new_text == p.old_text for p in MISATO if p.law_title == election)
    assert all(a.law_title != election for bill in bills.values() for a in bill.articles)
    # 要綱 and 規程 cannot be amended by a 条例 or 規則: listed apart, without enacting formula numbers or 附則.
    other = bills["その他"]
    assert other.title == OTHER_TITLE and not other.enacting
    assert {a.law_title for a in other.articles} == {
        "三郷市市民農園開設支援補助金交付要綱",
        "三郷市庁舎防火管理規程",
        "三郷市建築計画概要書等閲覧規程",
    }
    assert other.suppl == [] and all(a.number == "" for a in other.articles)


def test_omnibus_layout_and_citation():
    bill = _by_kind(build_bills([*MISATO, *_all_katsuragi()], SETTINGS))["条例"]
    assert bill.title == SETTINGS.ordinance_bill_title
    assert [a.number for a in bill.articles] == ["第1条", "第2条", "第3条"]
    # Ordered by enactment: the numbered 平成9年 ordinance before the two whose number is unknown.
    first, second, third = bill.articles
    assert first.caption == "（かつらぎ町駐車場等設置条例の一部改正）"
    assert first.enacting == "かつらぎ町駐車場等設置条例（平成9年かつらぎ町条例第25号）の一部を次のように改正する。"
    assert {second.law_title, third.law_title} == {
        "三郷市地区計画等の案の作成手続に関する条例",
        "三郷市指定居宅介護支援等の事業の人員及び運営等に関する基準を定める条例",
    }
    assert all(a.enacting.startswith(f"{a.law_title}（○○年○○市条例第○号）") for a in (second, third))
    assert any("例規番号が分からない" in w for w in bill.warnings)
    assert bill.suppl == ["この条例は、令和8年4月1日から施行する。"]


def test_units_of_one_article_merge_with_dou_and_still_apply():
    bill = build_bills(_all_katsuragi(), SETTINGS)[0]
    article = bill.articles[0]
    assert article.aratame[0].startswith("第4条第1項中「第2条第1項第8号」を「第2条第1項第9号」に改め、同条第2項中")
    assert article.aratame[0].endswith("、同項第4号中「認め」を「認め、その旨を公表し」に改める。")
    assert article.aratame[1] == (
        "第6条に後段として次のように加える。\n\u3000この場合において、町長は、その旨を掲示し、"
        "又はインターネットの利用その他の方法により公表するものとする。"
    )
    # The merged text, read by the applier, gives every new wording and leaves the other items alone.
    before = {**KATSURAGI_ITEMS, **{label: unit[3] for label, unit in KATSURAGI_UNITS.items()}}
    after = apply_aratame("\n".join(article.aratame), before)
    for label, unit in KATSURAGI_UNITS.items():
        assert after[label].text == unit[4]
    assert after["第4条第2項第1号"].text == KATSURAGI_ITEMS["第4条第2項第1号"]


def test_single_ordinance_bill_is_titled_after_it():
    bill = build_bills(_all_katsuragi(), SETTINGS)[0]
    assert bill.title == "かつらぎ町駐車場等設置条例の一部を改正する条例"
    assert bill.articles[0].number == "" and bill.articles[0].caption == ""


def test_tables_follow_the_applied_text():
    bill = build_bills(_all_katsuragi(), SETTINGS)[0]
    rows = bill.tables[0].rows
    assert [r.label for r in rows] == ["第4条第1項", "第4条第2項", "第4条第2項第4号", "第6条"]
    # The 見出し is shown once per article.
    assert [r.caption for r in rows] == ["（駐車対象）", "", "", "（使用の制限）"]
    added = rows[3]
    marked_new = "".join(s.text for s in added.new if s.changed)
    assert marked_new.startswith("この場合において")
    # Text only on the new side: the old side has blanks of the same length, marked.
    padding = [s for s in added.old if s.blank]
    assert len(padding) == 1 and len(padding[0].text) == len(marked_new) and set(padding[0].text) == {"\u3000"}


def test_no_change_proposals_are_skipped_and_failures_held_back():
    broken = _katsuragi(
        "第6条", new_text="町長は、「管理上必要があると認めるときは、駐車場等の使用を制限することができる。"
    )
    bills = _by_kind(build_bills([*MISATO, broken], SETTINGS))
    no_change = [p for p in MISATO if p.new_text == p.old_text]
    assert no_change, "the fixture holds decisions without a text change"
    held = bills["条例"].unverified
    assert [(i.law_title, i.label) for i in held] == [("かつらぎ町駐車場等設置条例", "第6条")]
    assert "引用" in held[0].reason or "適用" in held[0].reason
    assert all(a.law_title != "かつらぎ町駐車場等設置条例" for a in bills["条例"].articles)
    listed = {(i.doc, i.label) for b in bills.values() for i in b.unverified}
    assert not listed & {(p.doc, p.label) for p in no_change}


def test_conflicting_proposals_for_one_provision_are_both_held_back():
    one = _katsuragi("第6条", finding="a")
    other = _katsuragi("第6条", finding="b", new_text=KATSURAGI_UNITS["第6条"][3].replace("制限", "停止"))
    bill = build_bills([one, other, _katsuragi("第4条第1項")], SETTINGS)[0]
    assert [i.label for i in bill.unverified] == ["第6条", "第6条"]
    assert all("第6条" not in s for a in bill.articles for s in a.aratame)
    assert any("2通り" in w for w in bill.warnings)


def test_rule_bill_enacts_as_a_rule():
    bill = _by_kind(build_bills(MISATO, Settings(municipality="三郷市")))["規則"]
    assert bill.title == Settings().rule_bill_title
    assert bill.suppl == ["この規則は、公布の日から施行する。"]
    assert all(a.enacting.endswith("の一部を次のように改正する。") for a in bill.articles)


@pytest.mark.parametrize("settings", [SETTINGS, Settings(table_order="old_new")])
def test_bills_are_deterministic(settings):
    proposals = [*MISATO, *_all_katsuragi()]
    first = [b.model_dump_json() for b in build_bills(proposals, settings)]
    second = [b.model_dump_json() for b in build_bills(list(reversed(proposals)), settings)]
    assert first == second


# --- 規則 of other bodies and national rules ---------------------------------------------------------------------

# 三郷市 教育委員会事務局職員の勤務時間、休日及び休暇に関する規則 (shared corpus, misato extract): 三郷市's own 例規
# cite it as 「(平成2年教委規則第3号)」. Its 第3条, with new wording written for these tests.
KYOUI_OLD = "職員の休憩時間は、午後0時から60分間とする。"
KYOUI_NEW = "職員の休憩時間は、午後0時から45分間とする。"


def _rule(title: str, law_num: str | None, old: str, new: str, *, kind: str = "規則", doc: str = "") -> Proposal:
    return _proposal(
        old,
        new,
        finding_id=f"r-{title}",
        doc=doc or f"{title}.txt",
        law_title=title,
        law_num=law_num,
        law_kind=kind,
        article="3",
        label="第3条",
    )


def _kyoui(law_num: str | None = "平成2年教委規則第3号") -> Proposal:
    return _rule("教育委員会事務局職員の勤務時間、休日及び休暇に関する規則", law_num, KYOUI_OLD, KYOUI_NEW)


def test_a_committees_rule_gets_its_own_bill_and_full_citation():
    bills = build_bills([*MISATO, _kyoui()], Settings(municipality="三郷市"))
    rules = [bill for bill in bills if bill.kind == "規則"]
    assert [bill.body for bill in rules] == ["", "教育委員会"]
    head, board = rules
    # The mayor's 規則 bill does not amend the 教育委員会's 規則: that has a bill of its own, enacted by the board.
    assert all(a.law_title != _kyoui().law_title for a in head.articles)
    assert [a.law_title for a in board.articles] == [_kyoui().law_title]
    assert board.articles[0].enacting == (
        "教育委員会事務局職員の勤務時間、休日及び休暇に関する規則（平成2年三郷市教育委員会規則第3号）の一部を次のように改正する。"
    )
    assert board.title == "教育委員会事務局職員の勤務時間、休日及び休暇に関する規則の一部を改正する規則"
    assert board.note == "（三郷市教育委員会規則）"
    assert board.suppl == ["この規則は、公布の日から施行する。"]
    # The bundled 三郷市 規則 have no number: taken as the mayor's, with a warning that says so.
    assert any("長の規則として扱い" in w for w in head.warnings)


@pytest.mark.parametrize(
    ("law_num", "body"),
    [
        ("平成12年3月31日公委規則第3号", "公安委員会"),  # 公委規則: the 公安委員会's, not the mayor's
        ("平成12年3月31日甲県公安委員会規則第3号", "公安委員会"),
        ("昭和32年教委規則第6号", "教育委員会"),  # 三郷市立小・中学校管理規則 as 三郷市's 例規 cite it
        ("平成12年3月31日選挙管理委員会規則第1号", "選挙管理委員会"),
        ("平成18年9月29日規則第129号", ""),  # 横浜市 (tests/fixtures/parse): the mayor's
        ("平成18年横浜市規則第129号", ""),
    ],
)
def test_the_body_is_read_from_the_number(law_num, body):
    bills = build_bills([_kyoui(law_num)], SETTINGS)
    assert [(bill.kind, bill.body) for bill in bills] == [("規則", body)]


def test_the_public_safety_commission_rule_is_cited_with_its_body():
    bill = build_bills([_kyoui("平成12年3月31日公委規則第3号")], Settings(municipality="甲県"))[0]
    assert bill.articles[0].enacting.endswith("（平成12年甲県公安委員会規則第3号）の一部を次のように改正する。")
    # A 市 has no 公安委員会 (警察法第38条): the settings are questioned.
    bill = build_bills([_kyoui("平成12年3月31日公委規則第3号")], SETTINGS)[0]
    assert any("公安委員会は都道府県" in w for w in bill.warnings)


def test_national_rules_go_to_the_other_section():
    parse = Path(__file__).parent / "fixtures" / "parse"
    # 人事院規則一八―〇 (e-Gov, LawType Rule): a national 規則 that no 規則 of a municipality can amend.
    jinji = parse_file(parse / "num_typo_item.xml").law
    unit = next(iter(jinji.units()))
    national = _rule(jinji.title, jinji.law_num, unit.text, unit.text.replace("次に掲げる", "次の各号に掲げる"))
    # 旅館業法施行規則 copied as text: its number makes it a 省令, whatever its title ends with.
    text = (
        "○旅館業法施行規則\n昭和23年厚生省令第28号\n"
        "第4条 旅館業を営む者は、第1条、第2条及び前条の申請書に記載した事項(営業の種別を除く。)に変更があったとき"
        "又は営業の全部若しくは一部を停止し若しくは廃止したときは、10日以内に、その営業施設所在地を管轄する"
        "都道府県知事にその旨を届け出なければならない。\n"
    )
    ryokan = parse_bytes(text.encode(), "旅館業法施行規則.txt").law
    assert (ryokan.kind, ryokan.law_num) == ("省令", "昭和23年厚生省令第28号")
    old = next(iter(ryokan.units())).text
    shorei = _rule(ryokan.title, ryokan.law_num, old, old.replace("届け出", "届出をし"), kind=ryokan.kind)
    # An older proposals file (or an HTML page) may still call it a 規則 by its title: the number decides.
    by_title = shorei.model_copy(update={"finding_id": "old", "doc": "old.txt", "law_kind": "規則"})
    bills = build_bills([national, shorei, by_title], SETTINGS)
    assert [bill.kind for bill in bills] == ["その他"]
    enacting = {a.doc: a.enacting for a in bills[0].articles}
    assert enacting[national.doc].startswith(f"{jinji.title}（昭和四十五年人事院規則一八―〇）")
    assert enacting[shorei.doc].startswith("旅館業法施行規則（昭和23年厚生省令第28号）")
    assert not any("例規番号が分からない" in w for w in bills[0].warnings)

    # A 復興庁令 (the 2020 archive's 平成二十四年復興庁令第二号) is cited by its own number too, as a 府令 or 省令 is.
    old = "大臣等が、貸付物品について、必要に応じて実地調査を行い、若しくは所要の報告を求めること。"
    fukko = _rule(
        "復興庁所管に属する物品の無償貸付及び譲与に関する復興庁令",
        "平成二十四年復興庁令第二号",
        old,
        old.replace("実地調査を", "実地調査（映像及び音声の送受信により…を含む。）を"),
        kind="省令",
    )
    (bill,) = build_bills([fukko], SETTINGS)
    assert bill.kind == "その他" and not bill.warnings
    assert bill.articles[0].enacting.startswith(f"{fukko.law_title}（平成二十四年復興庁令第二号）の一部を")


# --- the order of a bill's articles (settings bill_numbering) ------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _unit_proposal(path: str, label: str, old: str, new: str, law_num: str | None = None) -> Proposal:
    """A proposal on a real unit of a bundled 例規 (the new wording written for these tests)."""
    law = parse_file(ROOT / path).law
    unit = next(u for u in law.units() if u.label == label)
    return _rule(law.title, law_num or law.law_num, unit.text, unit.text.replace(old, new), kind=law.kind, doc=path)


def _ordinances() -> list[Proposal]:
    """Three 条例 of 平成9年, in the order their files sort in: 第20号, 第25号, then 第3号."""
    return [
        # かつらぎ町例規集の改版に伴う条例の整備に関する条例: 平成9年9月24日条例第20号
        _unit_proposal("ordinances/katsuragi/k518RG00000055.html", "第3条", "については", "に関しては"),
        # かつらぎ町駐車場等設置条例: 平成9年11月14日条例第25号
        _unit_proposal("ordinances/katsuragi/k518RG00000080.html", "第6条", "制限する", "制限し、又は停止する"),
        # 三郷市空き缶等の散乱防止に関する条例: 平成9年条例第3号, as its 施行規則 cites it (the extract has no number).
        _unit_proposal(
            "ordinances/misato/三郷市空き缶等の散乱防止に関する条例.txt",
            "第9条",
            "立ち入り",
            "立ち入り、又は映像と音声の送受信により",
            "平成9年条例第3号",
        ),
    ]


def test_articles_follow_the_amended_ordinances_numbers_by_default():
    proposals = _ordinances()
    assert all(p.new_text != p.old_text for p in proposals)
    assert load_settings().bill_numbering == "enactment"
    bill = build_bills(proposals, SETTINGS)[0]
    # 平成9年: 第3号, 第20号, 第25号 — year, then number, whatever the order of the files.
    assert [(a.number, a.law_num) for a in bill.articles] == [
        ("第1条", "平成9年条例第3号"),
        ("第2条", "平成9年9月24日条例第20号"),
        ("第3条", "平成9年11月14日条例第25号"),
    ]
    # By file instead (a 例規集 saved in its own order): katsuragi/…055, katsuragi/…080, misato/….
    by_file = build_bills(proposals, Settings(municipality="かつらぎ町", bill_numbering="files"))[0]
    assert [a.law_num for a in by_file.articles] == [
        "平成9年9月24日条例第20号",
        "平成9年11月14日条例第25号",
        "平成9年条例第3号",
    ]


def test_an_unknown_numbering_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("municipality: 三郷市\nbill_numbering: title\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_settings(path)
    # The problem names the file, the line and the two orders there are.
    assert f"{path}:2: bill_numbering" in str(err.value)
    assert "'enactment' or 'files'" in str(err.value)


def test_an_amended_caption_is_cited_first_and_marked_in_the_table():
    # 騒音規制法施行規則 第十一条（フレキシブルディスクによる手続）: its two paragraphs are renamed, and its 見出し.
    law = parse_file(NATIONAL / "騒音規制法施行規則.xml").law
    findings = [f for f in classify_law(law, doc="騒音規制法施行規則.xml") if not f.already_digital]
    proposals = [p for p in propose_law(findings, law, load_settings()) if p is not None]
    (bill,) = [b for b in build_bills(proposals, SETTINGS) if b.articles]
    sentence = next(s for s in bill.articles[0].aratame if s.startswith("第十一条"))
    assert sentence.startswith("第十一条の見出し中「フレキシブルディスク」を「電磁的記録媒体」に改め、同条第一項中")
    assert sentence.count("見出し") == 1 and "同条第二項中" in sentence
    assert not [u for u in bill.unverified if u.label.startswith("第十一条")]
    rows = [r for t in bill.tables for r in t.rows if r.label.startswith("第十一条")]
    assert plain(rows[0].caption_new) == "（電磁的記録媒体による手続）"
    assert plain(rows[0].caption_old) == "（フレキシブルディスクによる手続）"
    assert [s.text for s in rows[0].caption_new if s.changed] == ["電磁的記録媒体"]
    assert all(not r.caption and not r.caption_new for r in rows[1:])
    html = render_html([bill], SETTINGS)
    assert "（<u>電磁的記録媒体</u>による手続）" in html and "（<u>フレキシブルディスク</u>による手続）" in html
    markdown = render_markdown([bill], SETTINGS)
    assert "（<u>電磁的記録媒体</u>による手続）<br>**第十一条第一項**" in markdown
    text = render_text([bill], SETTINGS)
    assert "改正後\u3000（［電磁的記録媒体］による手続）\n改正前\u3000（［フレキシブルディスク］による手続）" in text
    cell = docx.Document(io.BytesIO(render_docx(bill, SETTINGS))).tables[0].rows[1].cells[0]
    assert [(r.text, bool(r.font.underline)) for r in cell.paragraphs[0].runs] == [
        ("（", False),
        ("電磁的記録媒体", True),
        ("による手続）", False),
    ]


def test_a_heading_changed_with_its_article_of_one_paragraph_is_cited_with_it():
    # 特許法施行規則 第五十条の十一（磁気ディスクの提出）, the 2020 text: 見出し and text take the same change, so the
    # bill cites them together (b.2 「（見出しを含む。）」), and the table still marks the 見出し as changed.
    proposal = patent_proposal()
    caption = PATENT_CAPTION
    (bill,) = [b for b in build_bills([proposal], SETTINGS) if b.articles]
    assert bill.articles[0].aratame == [
        "第五十条の十一（見出しを含む。）中「磁気ディスク」を「電磁的記録媒体」に改める。"
    ]
    assert not bill.unverified
    (row,) = [r for t in bill.tables for r in t.rows]
    assert plain(row.caption_old) == caption and plain(row.caption_new) == "（電磁的記録媒体の提出）"
    assert [s.text for s in row.caption_new if s.changed] == ["電磁的記録媒体"]


def test_a_reviewers_deletion_of_two_articles_in_a_row_is_one_sentence():
    # 三郷市庁舎防火管理規程 第13条 and 第14条 (the bundled extract), both with a proposal: a reviewer who decides to
    # rewrite both as 削除 gets them drafted together (法制執務), as FD等's own deletions are, with 第15条 untouched.
    title = "三郷市庁舎防火管理規程"
    edited = [
        p.model_copy(update={"new_text": "削除"}) if p.law_title == title and p.label in ("第13条", "第14条") else p
        for p in MISATO
        if p.law_title == title
    ]
    assert [p.next_article for p in edited if p.label in ("第13条", "第14条")] == ["第14条", "第15条"]
    (bill,) = [b for b in build_bills(edited, SETTINGS) if b.articles]
    (article,) = bill.articles
    assert "第13条及び第14条を次のように改める。\n\u3000第13条及び第14条\u3000削除" in article.aratame
    assert not bill.unverified
    rows = {r.label: r for t in bill.tables for r in t.rows}
    assert plain(rows["第13条"].new) == "削除" and rows["第14条"].removed
